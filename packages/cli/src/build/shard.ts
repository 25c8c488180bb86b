/**
 * Shard keys: the département of a record (COG code: "75", "2A", "971"), from its COG codes, else from
 * its postcode (the SDK's `departementCodeOf`, which the widgets use for a feed's territory too).
 * Records with neither go to the shard `UNKNOWN_SHARD`.
 */
export {
  departementCodeOf as departementOf,
  departementCodeOfPostcode as departementOfPostcode,
} from '@essaim/sdk';

export const UNKNOWN_SHARD = 'inconnu';

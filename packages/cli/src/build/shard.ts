/**
 * Shard keys: the département of a record (COG code: "75", "2A", "971"), from its COG codes, else from
 * its postcode. Records with neither go to the shard `UNKNOWN_SHARD`.
 */
import { type Address, isFrenchCountry } from '@essaim/sdk';

export const UNKNOWN_SHARD = 'inconnu';

/** The département of a French postcode: "75011" → "75", "20090" → "2A", "97300" → "973". */
export function departementOfPostcode(postcode: string | undefined): string | undefined {
  if (!postcode || !/^\d{5}$/.test(postcode)) return undefined;
  if (postcode.startsWith('97')) return postcode.slice(0, 3);
  if (postcode.startsWith('98') || postcode === '00000') return undefined;
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}

/** The département of an address, when it can be told. */
export function departementOf(address: Address | undefined): string | undefined {
  const code =
    address?.cog?.departement ??
    address?.cog?.commune?.slice(0, address.cog.commune.startsWith('97') ? 3 : 2);
  // Another country's postcode says nothing of a French département ("10115 Berlin" is not in the Aube).
  return code ?? (isFrenchCountry(address?.country) ? departementOfPostcode(address?.postcode) : undefined);
}

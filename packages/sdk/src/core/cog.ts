/**
 * The patterns of the official codes of a place (INSEE COG; EPCI by SIREN), without the schema library:
 * for the elements' attributes and the orientation's first question. The same as `schema/common.ts`'s
 * `CommuneCode`, `EpciCode`, `DepartementCode`, `RegionCode`.
 *
 * @module
 */
import type { CogCodes } from '../schema/common.ts';

/** Code patterns by field (the same as `CommuneCode`, `EpciCode`, `DepartementCode`, `RegionCode`). */
export const COG_PATTERNS: Readonly<Record<keyof CogCodes, RegExp>> = {
  commune: /^(?:\d{5}|2[AB]\d{3})$/,
  epci: /^\d{9}$/,
  departement: /^(?:\d{2}|2[AB]|97\d)$/,
  region: /^\d{2}$/,
};

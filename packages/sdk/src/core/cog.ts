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

/**
 * The commune of a municipal arrondissement code (Paris 75101–75120 → 75056, Lyon 69381–69389 → 69123,
 * Marseille 13201–13216 → 13055: fixed by law), else the code itself. Feeds code the records of these three
 * cities by commune, as the places data lists the arrondissements' commune.
 */
export function communeOfArrondissement(code: string): string {
  if (/^751(?:0[1-9]|1\d|20)$/.test(code)) return '75056';
  if (/^6938[1-9]$/.test(code)) return '69123';
  if (/^132(?:0[1-9]|1[0-6])$/.test(code)) return '13055';
  return code;
}

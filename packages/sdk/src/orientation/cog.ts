/**
 * The official codes of a place (INSEE COG; EPCI by SIREN), checked without the schema library so that the
 * first question of a journey needs no zod. The patterns are those of `schema/common.ts`.
 *
 * @module
 */
import type { CogCodes } from '../schema/common.ts';

/** Code patterns by field (the same as `CommuneCode`, `EpciCode`, `DepartementCode`, `RegionCode`). @internal */
export const COG_PATTERNS: Readonly<Record<keyof CogCodes, RegExp>> = {
  commune: /^(?:\d{5}|2[AB]\d{3})$/,
  epci: /^\d{9}$/,
  departement: /^(?:\d{2}|2[AB]|97\d)$/,
  region: /^\d{2}$/,
};

/**
 * The codes of `value` (a fresh object with only the known fields that are set), or `undefined` when it is
 * not an object or a code is malformed. @internal
 */
export function checkCog(value: unknown): CogCodes | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: CogCodes = {};
  for (const field of Object.keys(COG_PATTERNS) as (keyof CogCodes)[]) {
    const code: unknown = (value as Record<string, unknown>)[field];
    if (code === undefined) continue;
    if (typeof code !== 'string' || !COG_PATTERNS[field].test(code)) return undefined;
    out[field] = code;
  }
  return out;
}

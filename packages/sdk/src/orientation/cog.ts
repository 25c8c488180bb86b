/**
 * The official codes of a place (INSEE COG; EPCI by SIREN), checked without the schema library so that the
 * first question of a journey needs no zod. The patterns are `core/cog.ts`'s.
 *
 * @module
 */
import { COG_PATTERNS } from '../core/cog.ts';
import type { CogCodes } from '../schema/common.ts';

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

/**
 * The département (COG code) of a postcode or an address, without any places data: what a feed's
 * records say of their territory (shards of `essaim build`, the places slices a widget loads).
 */
import { isFrenchCountry } from '../schema/common.ts';
import type { Address } from '../schema/common.ts';

/** The département of a French postcode: "75011" → "75", "20090" → "2A", "97300" → "973". */
export function departementCodeOfPostcode(postcode: string | undefined): string | undefined {
  if (!postcode || !/^\d{5}$/.test(postcode)) return undefined;
  if (postcode.startsWith('97')) return postcode.slice(0, 3);
  if (postcode.startsWith('98') || postcode === '00000') return undefined;
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}

/** The département of an address, when it can be told: its COG codes, else its French postcode. */
export function departementCodeOf(address: Address | undefined): string | undefined {
  const code =
    address?.cog?.departement ??
    address?.cog?.commune?.slice(0, address.cog.commune.startsWith('97') ? 3 : 2);
  // Another country's postcode says nothing of a French département ("10115 Berlin" is not in the Aube).
  return (
    code ?? (isFrenchCountry(address?.country) ? departementCodeOfPostcode(address?.postcode) : undefined)
  );
}

/** The départements of records, most records first (with their counts when `counts` is true). */
export function departementsOfRecords(records: Iterable<{ address?: Address | undefined }>): string[];
export function departementsOfRecords(
  records: Iterable<{ address?: Address | undefined }>,
  counts: true,
): Array<[string, number]>;
export function departementsOfRecords(
  records: Iterable<{ address?: Address | undefined }>,
  counts = false,
): string[] | Array<[string, number]> {
  const byDept = new Map<string, number>();
  for (const r of records) {
    const d = departementCodeOf(r.address);
    if (d) byDept.set(d, (byDept.get(d) ?? 0) + 1);
  }
  const sorted = [...byDept].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return counts ? sorted : sorted.map(([d]) => d);
}

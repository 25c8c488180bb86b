/**
 * Facet value counts of a result (each facet counted over the records its own selection does not
 * restrict), and the value lists returned to the caller.
 *
 * @module
 */
import type { FacetData, IndexData } from './index-data.ts';
import { and, has, popcount, popcountAnd } from '../core/bitset.ts';
import { orValue } from './filters.ts';
import {
  FACET_NAMES,
  type FacetName,
  type FacetValueCount,
  type SearchQuery,
  type SearchResult,
} from './types.ts';

/** Value counts of facet `f` over the records of `mask` (null = all records; `m` = its size). */
export function countFacet(D: IndexData, f: FacetData, mask: Uint32Array | null, m: number): Uint32Array {
  const V = f.values.length;
  const counts = new Uint32Array(V);
  if (mask === null) {
    for (let v = 0; v < V; v++) counts[v] = f.valStart[v + 1]! - f.valStart[v]!;
    return counts;
  }
  const perDoc = D.words + (m * f.docVals.length) / Math.max(1, D.n);
  if (perDoc < f.perValueCost) {
    const { docStart, docVals } = f;
    for (let i = 0; i < mask.length; i++) {
      let w = mask[i]!;
      while (w !== 0) {
        const t = w & -w;
        const d = (i << 5) | (31 - Math.clz32(t));
        w ^= t;
        for (let j = docStart[d]!; j < docStart[d + 1]!; j++) counts[docVals[j]!]!++;
      }
    }
  } else {
    const { valStart, valDocs, bits } = f;
    for (let v = 0; v < V; v++) {
      const b = bits[v];
      if (b) counts[v] = popcountAnd(b, mask);
      else {
        let c = 0;
        for (let j = valStart[v]!; j < valStart[v + 1]!; j++) if (has(mask, valDocs[j]!)) c++;
        counts[v] = c;
      }
    }
  }
  return counts;
}

export function facetList(
  f: FacetData,
  counts: Uint32Array,
  selected: readonly string[],
  max: number,
): FacetValueCount[] {
  const ids: number[] = [];
  for (let v = 0; v < counts.length; v++) if (counts[v]! > 0) ids.push(v);
  const values = f.values;
  ids.sort((a, b) => counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : 1));
  const out: FacetValueCount[] = [];
  const sel = new Set(selected);
  const item = (v: number): FacetValueCount => {
    const value = values[v]!;
    const label = f.labels[v];
    return label === undefined
      ? { value, count: counts[v]!, selected: sel.has(value) }
      : { value, label, count: counts[v]!, selected: sel.has(value) };
  };
  for (let i = 0; i < ids.length && i < max; i++) out.push(item(ids[i]!));
  for (const value of sel) {
    if (out.some((x) => x.value === value)) continue;
    const v = f.ids.get(value);
    out.push(v === undefined ? { value, count: 0, selected: true } : item(v));
  }
  return out;
}

/** One facet's selected values and the records having any of them. */
export interface FacetSelection {
  name: FacetName;
  values: readonly string[];
  bits: Uint32Array;
}

/** The query's facet selections (facets with no selected value left out), in `FACET_NAMES` order. */
export function facetSelections(D: IndexData, selected: SearchQuery['facets']): FacetSelection[] {
  const selections: FacetSelection[] = [];
  if (!selected) return selections;
  for (const name of FACET_NAMES) {
    const values = selected[name];
    if (!values || values.length === 0) continue;
    const f = D.facets[name];
    const bits = new Uint32Array(D.words);
    for (const value of values) {
      const v = f.ids.get(value);
      if (v !== undefined) orValue(f, v, bits);
    }
    selections.push({ name, values, bits });
  }
  return selections;
}

/**
 * Value counts of each facet of `facetNames` over `base` (the text matches within the scope; null =
 * every record) and every selection but the facet's own (disjunctive faceting).
 */
export function countFacets(
  D: IndexData,
  base: Uint32Array | null,
  selections: readonly FacetSelection[],
  facetNames: readonly FacetName[],
  maxFacetValues: number,
): SearchResult['facets'] {
  const facets: SearchResult['facets'] = {};
  let shared: { mask: Uint32Array | null; m: number } | undefined;
  for (const name of facetNames) {
    const f = D.facets[name];
    if (!f) continue;
    const own = selections.find((s) => s.name === name);
    let mask: Uint32Array | null;
    let m: number;
    if (!own && shared) ({ mask, m } = shared);
    else {
      mask = base;
      for (const s of selections) if (s !== own) mask = and(mask, s.bits);
      m = mask === null ? D.n : popcount(mask);
      if (!own) shared = { mask, m };
    }
    facets[name] = facetList(f, countFacet(D, f, mask, m), own?.values ?? [], maxFacetValues);
  }
  return facets;
}

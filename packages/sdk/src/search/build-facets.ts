/**
 * The facets of the search index: for each facet, its values and the two-way record ↔ value incidence
 * (value lists, and bitsets for dense values).
 *
 * @module
 */
import { setBit } from '../core/bitset.ts';
import type { Structure } from '../schema/structure.ts';
import { grow } from './build-text.ts';
import type { FacetData } from './index-data.ts';
import type { FacetName } from './types.ts';

/** Writes the values of facet `name` of `s` to `out`; returns how many. */
function collectValues(s: Structure, name: FacetName, out: string[]): number {
  let list: readonly string[] | undefined;
  let one: string | undefined;
  switch (name) {
    case 'family':
      one = s.family;
      break;
    case 'legalForms':
      list = s.legalForms;
      break;
    case 'themes':
      list = s.themes;
      break;
    case 'publics':
      list = s.publics;
      break;
    case 'networks':
      list = s.networks;
      break;
    case 'source': {
      const p = s.provenance;
      for (let i = 0; i < p.length; i++) out[i] = p[i]!.source;
      return p.length;
    }
    default: {
      const cog = s.address?.cog;
      if (cog)
        one =
          name === 'region'
            ? cog.region
            : name === 'departement'
              ? cog.departement
              : name === 'epci'
                ? cog.epci
                : cog.commune;
    }
  }
  if (one !== undefined) {
    out[0] = one;
    return 1;
  }
  if (!list) return 0;
  for (let i = 0; i < list.length; i++) out[i] = list[i]!;
  return list.length;
}

/** Values and incidence of facet `name`; themes and publics get their labels from `labelOf`. */
export function buildFacet(
  records: readonly Structure[],
  name: FacetName,
  words: number,
  labelOf: (id: string) => string | undefined,
): FacetData {
  const n = records.length;
  const ids = new Map<string, number>();
  const values: string[] = [];
  const docStart = new Uint32Array(n + 1);
  let docVals = new Uint32Array(1024);
  let size = 0;
  const vals: string[] = [];
  for (let d = 0; d < n; d++) {
    docStart[d] = size;
    const count = collectValues(records[d]!, name, vals);
    const from = size;
    for (let i = 0; i < count; i++) {
      const v = vals[i]!;
      let id = ids.get(v);
      if (id === undefined) {
        id = values.length;
        ids.set(v, id);
        values.push(v);
      }
      let dup = false;
      for (let j = from; j < size; j++) if (docVals[j] === id) dup = true;
      if (dup) continue;
      if (size === docVals.length) docVals = grow(docVals, size + 1);
      docVals[size++] = id;
    }
  }
  docStart[n] = size;
  const dv = docVals.slice(0, size);
  const V = values.length;
  const valStart = new Uint32Array(V + 1);
  for (let j = 0; j < size; j++) valStart[dv[j]! + 1]!++;
  for (let v = 0; v < V; v++) valStart[v + 1]! += valStart[v]!;
  const fill = valStart.slice(0, V);
  const valDocs = new Uint32Array(size);
  for (let d = 0; d < n; d++) {
    for (let j = docStart[d]!; j < docStart[d + 1]!; j++) valDocs[fill[dv[j]!]!++] = d;
  }
  const bits: (Uint32Array | undefined)[] = new Array(V);
  let perValueCost = 0;
  for (let v = 0; v < V; v++) {
    const count = valStart[v + 1]! - valStart[v]!;
    if (count >= words) {
      const b = new Uint32Array(words);
      for (let j = valStart[v]!; j < valStart[v + 1]!; j++) setBit(b, valDocs[j]!);
      bits[v] = b;
      perValueCost += words;
    } else perValueCost += count;
  }
  const labelled = name === 'themes' || name === 'publics';
  return {
    values,
    labels: values.map((v) => (labelled ? labelOf(v) : undefined)),
    ids,
    valStart,
    valDocs,
    bits,
    docStart,
    docVals: dv,
    perValueCost,
  };
}

/**
 * Index construction: everything a query needs is computed here, once per feed load, in stages — text
 * (`build-text.ts`), coordinates (`build-geo.ts`), sort orders (`build-orders.ts`) and facets
 * (`build-facets.ts`).
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import { buildFacet } from './build-facets.ts';
import { geoIndex } from './build-geo.ts';
import { sortOrders } from './build-orders.ts';
import { deletionTable, forwardIndex, postings, unionBitsets } from './build-text.ts';
import type { FacetData, SearchIndex } from './index-data.ts';
import { FACET_NAMES, type FacetName, type SearchIndexOptions } from './types.ts';

export type { SearchIndex } from './index-data.ts';

/**
 * Builds the search index of `structures`: inverted index (sorted term dictionary for prefix ranges,
 * postings in typed arrays ordered by field class, union bitsets of frequent terms and heavy prefixes,
 * one-typo table), forward index, coordinates, facet incidence (value lists and bitsets), name collation
 * and freshness ranks. Do it once per feed load; queries never look at the records' text again.
 *
 * Searchable fields, by weight: name and alternate names ≫ keywords, theme and public labels (through
 * `options.labels`), networks, family and legal forms ≫ commune name and postcode ≫ description.
 *
 * @param structures Valid structures (see the `Structure` schema); the array is kept, not copied.
 */
export function createSearchIndex(
  structures: readonly Structure[],
  options: SearchIndexOptions = {},
): SearchIndex {
  const n = structures.length;
  const words = Math.max(1, Math.ceil(n / 32));
  const labels = options.labels;
  const labelCache = new Map<string, string | undefined>();
  const labelOf = (id: string): string | undefined => {
    if (!labels) return undefined;
    if (labelCache.has(id)) return labelCache.get(id);
    const l = labels(id);
    labelCache.set(id, l);
    return l;
  };

  const fwd = forwardIndex(structures, labels ? labelOf : undefined);
  const { terms } = fwd;
  const post = postings(fwd, n);
  const { termBits, prefixBits } = unionBitsets(terms, post, words);
  const deletions = options.typoTolerance !== false ? deletionTable(terms) : undefined;
  const geo = geoIndex(structures);
  const orders = sortOrders(structures);
  const facets = {} as Record<FacetName, FacetData>;
  for (const name of FACET_NAMES) facets[name] = buildFacet(structures, name, words, labelOf);

  return {
    records: structures,
    size: n,
    options: { ...options },
    data: {
      n,
      words,
      terms,
      termIds: fwd.termIds,
      ...post,
      termBits,
      prefixBits,
      fwdStart: fwd.fwdStart,
      fwdTerm: fwd.fwdTerm,
      fwdMask: fwd.fwdMask,
      deletions,
      ...geo,
      ...orders,
      facets,
      scratch: {
        acc: new Int32Array(n),
        tok: new Uint8Array(n),
        cnt: new Uint8Array(n),
        touched: new Uint32Array(n),
        cand: new Uint32Array(n),
        termMark: new Uint8Array(terms.length),
        bitsA: new Uint32Array(words),
      },
    },
  };
}

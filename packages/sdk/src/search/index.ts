/**
 * Headless search over structures: French full-text search (prefix, one typo, relevance ranking),
 * disjunctive facets, territory and geo filters, sorting and pagination, plus a stateful connector for
 * UI layers. No DOM, no Node APIs: the same behaviour in Node ≥ 20 and browsers.
 *
 * ```ts
 * const index = createSearchIndex(structures, { labels: (id) => taxonomy.get(id)?.label.fr });
 * const { total, hits, facets } = search(index, { text: 'ressourcerie', facets: { departement: ['93'] } });
 * ```
 *
 * @module
 */
export { createSearchIndex, type SearchIndex } from './build.ts';
export {
  createSearchConnector,
  normalizeQuery,
  type SearchConnector,
  type SearchConnectorOptions,
  type SearchListener,
  type SearchState,
} from './connector.ts';
export {
  DEFAULT_MAX_FACET_VALUES,
  DEFAULT_PAGE_SIZE,
  effectiveSort,
  MAX_PAGE_SIZE,
  search,
  searchAll,
} from './query.ts';
export { queryTerms, STOP_WORDS, stem, tokenize, words } from './tokenize.ts';
export * from './types.ts';

/**
 * The static search index (`@essaim/sdk/static-index`): written beside the feed at build time, searched
 * from a browser or Node by fetching only the files a query needs, with the in-memory engine's results.
 *
 * ```ts
 * const index = await openStaticIndex('https://example.org/feed/index/index.json');
 * const { total, hits, facets } = await index.search({ text: 'ressourcerie', facets: { departement: ['93'] } });
 * ```
 *
 * @module
 */
export {
  type GeoDirectory,
  type MetaTables,
  STATIC_INDEX_VERSION,
  type StaticIndexManifest,
} from './format.ts';
export { type OpenStaticIndexOptions, openStaticIndex, type StaticIndex } from './open.ts';
export { type WriteStaticIndexOptions, writeStaticIndex } from './write.ts';
export {
  createStaticSearchConnector,
  type StaticSearchConnector,
  type StaticSearchConnectorOptions,
} from './connector.ts';
export { loadSearchIndex } from './load.ts';

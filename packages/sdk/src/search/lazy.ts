/**
 * The search engine as the page store loads it: on first need, after the first results are shown.
 *
 * @module
 */
export { createSearchIndex } from './build.ts';
export { search, searchAll } from './query.ts';

/**
 * The search connector over a static index: the same actions and state as `createSearchConnector`; a
 * query whose files are still loading shows the previous result with `pending: true`, and an answer that
 * arrives after a newer query never replaces that query's result.
 *
 * @module
 */
import { connectSearch, type SearchConnector, type SearchConnectorOptions } from '../search/connector.ts';
import type { SearchQuery, SearchResult } from '../search/types.ts';
import type { StaticIndex } from './open.ts';

/** Options of {@link createStaticSearchConnector}. */
export interface StaticSearchConnectorOptions extends SearchConnectorOptions {
  /**
   * Receives a query's failure (a file that cannot be fetched, impossible coordinates); the result stays
   * pending. Default: rethrown asynchronously, so it shows as an uncaught error.
   */
  onError?: (error: unknown, query: SearchQuery) => void;
}

/** A connector over a static index: `SearchConnector`'s actions, answers arriving asynchronously. */
export type StaticSearchConnector = Omit<SearchConnector, 'setIndex'> & {
  /** Swaps the index and recomputes with the same query. */
  setIndex(index: StaticIndex): void;
  /** Resolves when the current query's answer is in the state (or has failed). */
  settled(): Promise<void>;
};

const EMPTY: SearchResult = { total: 0, page: 1, pageSize: 0, pages: 0, sort: 'name', hits: [], facets: {} };

/** Creates a connector over a static index, starting from `initial` (also the target of `reset()`). */
export function createStaticSearchConnector(
  index: StaticIndex,
  initial: SearchQuery = {},
  options: StaticSearchConnectorOptions = {},
): StaticSearchConnector {
  const onError =
    options.onError ??
    ((error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }));
  let current = index;
  let generation = 0;
  /** The answer of the latest query, by its key, once arrived. */
  let answer: { key: string; generation: number; result: SearchResult } | undefined;
  let last: SearchResult = EMPTY;
  let waiting: Promise<void> = Promise.resolve();
  const run = (query: SearchQuery): SearchResult => {
    const key = JSON.stringify(query);
    if (answer && answer.key === key && answer.generation === generation) {
      last = answer.result;
      return answer.result;
    }
    const mine = ++generation;
    waiting = current.search(query).then(
      (result) => {
        if (mine !== generation) return; // a newer query was asked meanwhile
        answer = { key, generation: mine, result };
        connector.recompute();
      },
      (error: unknown) => {
        if (mine === generation) onError(error, query);
      },
    );
    return { ...last, pending: true };
  };
  const connector = connectSearch(run, initial, options);
  return {
    ...connector,
    setIndex(next) {
      if (next === current) return;
      current = next;
      answer = undefined;
      connector.recompute();
    },
    settled: async () => {
      let seen: Promise<void> | undefined;
      while (seen !== waiting) {
        seen = waiting;
        await seen;
      }
    },
  };
}

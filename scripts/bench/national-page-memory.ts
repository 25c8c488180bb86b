/**
 * Page script of `pnpm bench national`, in-memory path (what a page does today): the page store
 * (`createFeedStore`) loads the feed's shards in `scope` (every shard without one), validates and
 * indexes them, and answers `query`. Sets `window.__first` with the times (ms since navigation) of the
 * first results shown (the store's first page, before validation) and of the first searchable results
 * (validated, indexed, facets counted); `window.__step(query)` runs a further query.
 */
import { createFeedStore } from '@essaim/sdk';
import type { SearchQuery, SearchResult } from '../../packages/sdk/src/search/types.ts';
import { summarise } from './national-session.ts';

interface Config {
  feed: string;
  scope?: { departements: string[] };
  query: SearchQuery;
}
const w = window as unknown as Record<string, unknown>;
const config = w.__config as Config;

const store = createFeedStore({
  feed: new URL(config.feed, location.href).href,
  clientOptions: { cache: false, ...(config.scope ? { scope: config.scope } : {}) },
  initialQuery: config.query,
});
let shown: number | undefined;
store.subscribe((s) => {
  if (shown === undefined && s.feed && s.feed.structures.length > 0) shown = performance.now();
});

function settled(): Promise<SearchResult> {
  const now = store.search.getState().result;
  if (!now.pending) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = store.search.subscribe((s) => {
      if (s.result.pending) return;
      stop();
      resolve(s.result);
    });
  });
}

try {
  const state = await store.load();
  if (state.status !== 'ready') throw new Error(state.error?.message ?? `store ${state.status}`);
  const result = await settled();
  w.__first = {
    ms: performance.now(),
    shownMs: shown,
    records: state.feed?.structures.length,
    summary: summarise(result),
    heapMiB: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
      ? (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1048576
      : undefined,
  };
} catch (error) {
  w.__error = String(error);
}

w.__step = async (query: SearchQuery) => {
  const started = performance.now();
  store.search.refine({
    text: query.text,
    facets: query.facets,
    near: query.near,
    page: query.page,
  });
  const result = await settled();
  return { start: started, ms: performance.now() - started, summary: summarise(result) };
};

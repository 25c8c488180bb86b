/**
 * Page script of `pnpm bench national`, static index path: opens the feed's prebuilt search index
 * (`openStaticIndex`, only its entry file) and answers the first query from the files it needs. Sets
 * `window.__first` (ms since navigation, the result's summary, the index's own request count);
 * `window.__step(query)` runs a further query.
 */
import { openStaticIndex } from '@essaim/sdk/static-index';
import type { SearchQuery } from '../../packages/sdk/src/search/types.ts';
import { summarise } from './national-session.ts';

const w = window as unknown as Record<string, unknown>;
const config = w.__config as { url: string; query: SearchQuery };
type Index = Awaited<ReturnType<typeof openStaticIndex>>;
let index: Index | undefined;

try {
  index = await openStaticIndex(new URL(config.url, location.href));
  const opened = performance.now();
  const result = await index.search(config.query);
  w.__first = {
    ms: performance.now(),
    openedMs: opened,
    summary: summarise(result),
    requests: index.stats().requests,
  };
} catch (error) {
  w.__error = String(error);
}

w.__step = async (query: SearchQuery) => {
  const before = index!.stats().requests;
  const started = performance.now();
  const result = await index!.search(query);
  return {
    start: started,
    ms: performance.now() - started,
    summary: summarise(result),
    requests: index!.stats().requests - before,
  };
};

/**
 * Shared by the feed worker's browser tests: the real embedded feed (data/feed/, 4,192 structures) loaded
 * by a store in a worker or on the page, what a store shows compared field by field, and a count of the
 * workers a page starts.
 */
import { createFeedStore, type FeedStore } from '../../src/index.ts';

export const REAL_FEED = new URL('/data/feed/manifest.json', location.href).href;

/** Loaded store on the real feed, `worker` as given (no cache: each test reads the files). */
export async function loadedStore(worker: 'always' | 'never'): Promise<FeedStore> {
  const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false }, worker });
  await store.load();
  return store;
}

/** What a test compares of two stores: the feed, its report, and a few searches (hits and facet counts). */
export function summary(store: FeedStore) {
  const { feed, result, status, error } = store.getState();
  const searches = ['ressourcerie', 'epicerie solidaire', 'jardn', 'amap paris'].map((text) => {
    store.search.setText(text);
    const { result } = store.search.getState();
    return { text, total: result.total, ids: result.hits.map((h) => h.record.id), facets: result.facets };
  });
  store.search.setText('');
  return {
    status,
    error: error?.code,
    structures: feed?.structures,
    services: feed?.services.length,
    events: feed?.events.length,
    concepts: feed?.taxonomy.concepts.length,
    report: feed?.report,
    partErrors: result?.partErrors.length,
    staleParts: result?.staleParts.length,
    source: result?.source,
    searches,
  };
}

/** Counts the workers started from now on (the page's `Worker`, wrapped). */
export function countWorkers(): { started: number; restore(): void } {
  const Original = globalThis.Worker;
  const counter = {
    started: 0,
    restore: () => {
      globalThis.Worker = Original;
    },
  };
  globalThis.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      counter.started++;
      super(url, options);
    }
  };
  return counter;
}

/** Calls of `console.info` from now on. */
export function captureInfo(): { calls: string[]; restore(): void } {
  const original = console.info;
  const calls: string[] = [];
  console.info = (...args: unknown[]) => {
    calls.push(args.map(String).join(' '));
  };
  return { calls, restore: () => (console.info = original) };
}

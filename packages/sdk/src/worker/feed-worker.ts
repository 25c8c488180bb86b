/**
 * The feed worker: fetches a feed's parts (through the same cache as the page: IndexedDB, else Cache
 * Storage, else memory), parses them, checks their shape for the preview, validates them and builds the
 * search index, off the page's main thread. The page asks (`worker/remote.ts`); records come back in
 * batches, the index as transferred typed arrays.
 *
 * @module
 */
import { defaultCache, memoryCache } from '../client/cache.ts';
import { FileLoader } from '../client/files.ts';
import { loadParts } from '../client/parts.ts';
import { assembleFeed } from '../client/validation.ts';
import { conceptMap } from '../concepts.ts';
import {
  EssaimError,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
} from '../errors.ts';
import type { Feed, RawParts } from '../feed.ts';
import { previewFeed } from '../preview.ts';
import { createSearchIndex } from '../search/build.ts';
import {
  buffers,
  type FromWorker,
  type Phase,
  partErrorToWire,
  sendFeed,
  type ToWorker,
  toWire,
  useErrorClasses,
} from './protocol.ts';

// The same classes, in the same order, as the page's (client.ts).
useErrorClasses([
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
  EssaimError,
]);

interface Job {
  abort: AbortController;
  raw?: RawParts;
  feeds: Partial<Record<Phase, Feed>>;
}

const scope = globalThis as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const post = (message: FromWorker, transfer?: Transferable[]) => scope.postMessage(message, transfer ?? []);
const jobs = new Map<number, Job>();
let loaders: Map<string, FileLoader> | undefined;

/** One file loader per set of settings, kept for the worker's life (its memory cache with it). */
function loader(m: Extract<ToWorker, { t: 'fetch' }>): FileLoader {
  loaders ??= new Map();
  const key = JSON.stringify([m.http, m.cache]);
  let files = loaders.get(key);
  if (!files) {
    const cache = m.cache ? defaultCache() : memoryCache({ maxEntries: 0 });
    files = new FileLoader(cache, { fetch: undefined, ...m.http }, Date.now);
    loaders.set(key, files);
  }
  return files;
}

async function handle(m: ToWorker): Promise<void> {
  if (m.t === 'abort') {
    jobs.get(m.job)?.abort.abort();
    jobs.delete(m.job);
    return;
  }
  if (m.t === 'drop') {
    jobs.delete(m.job);
    return;
  }
  if (m.t === 'fetch') {
    const job: Job = { abort: new AbortController(), feeds: {} };
    // The load before stays (its index may still be asked for); older ones are done.
    for (const id of jobs.keys()) if (id < m.job - 1) jobs.delete(id);
    jobs.set(m.job, job);
    const { raw, partErrors, staleParts, used, tokens } = await loadParts(
      loader(m),
      m.planned,
      m.mode,
      job.abort.signal,
      m.manifest,
      undefined,
      m.url,
    );
    job.raw = raw;
    post({
      t: 'fetched',
      job: m.job,
      partErrors: partErrors.map(partErrorToWire),
      staleParts: staleParts.map(partErrorToWire),
      used: used.map((r) => ({
        storedAt: r.storedAt,
        ...(r.fallback ? { fallback: toWire(r.fallback) } : {}),
      })),
      tokens,
    });
    if (m.preview) {
      const feed = previewFeed(m.manifest, raw);
      job.feeds.preview = feed;
      sendFeed(post, m.job, 'preview', feed);
    }
    return;
  }
  const job = jobs.get(m.job);
  if (!job) throw new Error(`Essaim worker: no load ${m.job}`);
  if (m.t === 'validate') {
    const feed = assembleFeed(m.manifest, job.raw ?? {});
    job.raw = undefined;
    job.feeds.feed = feed;
    sendFeed(post, m.job, 'feed', feed);
    return;
  }
  // The index, as the page's store builds it: concept labels searchable.
  const feed = job.feeds[m.phase];
  if (!feed) throw new Error(`Essaim worker: no ${m.phase} records for load ${m.job}`);
  const concepts = conceptMap(feed.taxonomy.concepts);
  const { data } = createSearchIndex(feed.structures, { labels: (id) => concepts.get(id)?.label.fr });
  job.feeds[m.phase] = undefined;
  post({ t: 'index', job: m.job, phase: m.phase, data }, [...buffers(data)]);
}

scope.onmessage = (event) => {
  const m = event.data;
  handle(m).catch((error: unknown) => {
    if (m.t !== 'abort' && m.t !== 'drop') post({ t: 'failed', job: m.job, error: toWire(error) });
  });
};
post({ t: 'ready' });

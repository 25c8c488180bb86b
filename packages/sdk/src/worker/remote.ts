/**
 * The page's side of the feed worker (`feed-worker.ts`): starts it once per client, hands it the parts
 * to load, and takes back what the client needs, in the order the client needs it — what failed, the
 * preview, the validated feed, the search index (on request). When no worker can run here (Node, a
 * Content Security Policy or Trusted Types that forbid it, a worker that fails to start, options that
 * cannot cross to a worker), says so once with `console.info` and lets the client load on the page.
 *
 * @module
 */
import type { Feed } from '../feed.ts';
import type { FileLoader, Resource } from '../client/files.ts';
import type { LoadedParts, PlannedPart } from '../client/parts.ts';
import type { ClientOptions } from '../client/types.ts';
import type { IndexData, SearchIndex } from '../search/index-data.ts';
import type { SearchIndexOptions } from '../search/types.ts';
import type { FeedManifest } from '../schema/feed.ts';
import {
  FeedReceiver,
  type FromWorker,
  fromWire,
  type Phase,
  partErrorFromWire,
  type ToWorker,
  useErrorClasses,
  type WireError,
} from './protocol.ts';

interface Deferred {
  promise: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One worker and the answers it owes. */
class Remote {
  readonly receiver = new FeedReceiver();
  readonly waiting = new Map<string, Deferred>();
  /** Resolves true once the worker runs, false when it cannot start. */
  readonly ready: Promise<boolean>;
  broken = false;
  private job = 0;
  /** Loads that failed in the worker, and why: every answer they still owe rejects with it. */
  private readonly failed = new Map<number, Error>();

  constructor(
    readonly worker: Worker,
    /** The page's FeedAbortError (see `useErrorClasses`). */
    readonly abortError: (reason: unknown) => Error,
  ) {
    this.ready = new Promise<boolean>((resolve) => {
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.t === 'ready') resolve(true);
        else if (m.t === 'batch') this.receiver.batch(m);
        else if (m.t === 'failed') this.fail(m.job, fromWire(m.error));
        else
          this.deferred(`${m.job}:${m.t === 'fetched' ? m.t : `${m.t}:${m.phase}`}`).resolve(
            m.t === 'feed' ? this.receiver.feed(m) : m,
          );
      });
      // A worker the page's policies forbid, or whose script fails, reports an `error` event.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.broken = true;
        resolve(false);
        for (let job = 1; job <= this.job; job++) this.fail(job, workerFailed());
      });
    });
  }

  next(): number {
    return ++this.job;
  }

  post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  deferred(key: string): Deferred {
    let d = this.waiting.get(key);
    if (!d) {
      let resolve!: Deferred['resolve'];
      let reject!: Deferred['reject'];
      const promise = new Promise<unknown>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined);
      d = { promise, resolve, reject };
      this.waiting.set(key, d);
      const error = this.failed.get(Number(key.split(':')[0]));
      if (error) reject(error);
    }
    return d;
  }

  /** The answer `key` of load `job`, once (forgotten when taken). */
  async take<T>(job: number, key: string, signal: AbortSignal): Promise<T> {
    const d = this.deferred(`${job}:${key}`);
    const onAbort = () => {
      this.post({ t: 'abort', job });
      d.reject(this.abortError(signal.reason));
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return (await d.promise) as T;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.waiting.delete(`${job}:${key}`);
    }
  }

  fail(job: number, error: Error): void {
    this.failed.set(job, error);
    for (const [key, d] of this.waiting) if (key.startsWith(`${job}:`)) d.reject(error);
  }
}

/** The property of a structures array through which the store asks for its index (store.ts). */
const WORKER_INDEX = '$essaimIndex';

const workerFailed = () => new Error('Essaim: the feed worker stopped');

const remotes = new WeakMap<FileLoader, Remote>();
let said = false;

/** Says once, to developers, why the feed loads on the page. */
function onPage(reason: string): undefined {
  if (!said) console.info(`Essaim: the feed loads on the page's main thread, not in a worker: ${reason}.`);
  said = true;
  return undefined;
}

/** The worker of a client, started on first use; or why there is none. */
function remoteOf(
  files: FileLoader,
  life: AbortSignal,
  abortError: (reason: unknown) => Error,
): Remote | string {
  let remote = remotes.get(files);
  if (remote) return remote.broken ? 'the worker failed earlier' : remote;
  if (typeof Worker === 'undefined') return 'this environment has no Worker';
  try {
    // The pattern bundlers (Vite, webpack 5, Rollup, esbuild) recognise and emit as a worker chunk.
    remote = new Remote(
      new Worker(new URL('./feed-worker.ts', import.meta.url), { type: 'module' }),
      abortError,
    );
  } catch (error) {
    // Trusted Types that require a TrustedScriptURL, a Content Security Policy that throws at once.
    return `the worker could not start (${error instanceof Error ? error.message : String(error)})`;
  }
  remotes.set(files, remote);
  const { worker } = remote;
  life.addEventListener('abort', () => worker.terminate(), { once: true });
  return remote;
}

/** The planned parts, the mode, the manifest and its file. */
export type RemoteLoad = [PlannedPart[], 'cache-first' | 'network', FeedManifest, Resource | undefined];

/**
 * Loads the planned parts in the client's worker; `undefined` when there is no worker (the client then
 * loads them on the page).
 */
export async function remoteParts(
  client: {
    options: ClientOptions;
    files: FileLoader;
    url: string | undefined;
    signal: AbortSignal;
    onPreview: unknown;
    current: unknown;
  },
  [planned, mode, manifest, manifestResource]: RemoteLoad,
  signal: AbortSignal,
  errors: Parameters<typeof useErrorClasses>[0],
): Promise<LoadedParts | undefined> {
  const { options, files, url } = client;
  useErrorClasses(errors);
  const Abort = errors[0] as unknown as new (options: { url?: string; reason?: unknown }) => Error;
  if (options.fetch || options.now || (options.cache !== undefined && options.cache !== false))
    return onPage('the client has a fetch, cache or now option of its own, which cannot cross to a worker');
  const remote = remoteOf(files, client.signal, (reason) => new Abort({ url, reason }));
  if (typeof remote === 'string') return onPage(remote);
  if (!(await remote.ready))
    return onPage(
      'the worker failed to start (a Content Security Policy without worker-src for this script?)',
    );
  const job = remote.next();
  const { timeout, retry, conditional } = files.http;
  try {
    remote.post({
      t: 'fetch',
      job,
      planned,
      mode,
      manifest,
      url,
      // The preview is shown on the first load only (as client.ts does).
      preview: client.onPreview !== undefined && client.current === undefined,
      http: { timeout, retry, conditional },
      cache: options.cache !== false,
    });
  } catch (error) {
    return onPage(`the load's options cannot cross to a worker (${String(error)})`);
  }
  const fetched = await remote.take<Extract<FromWorker, { t: 'fetched' }>>(job, 'fetched', signal);
  const used: LoadedParts['used'] = fetched.used.map((r) => ({
    storedAt: r.storedAt,
    ...(r.fallback ? { fallback: fromWire(r.fallback as WireError) as Resource['fallback'] } : {}),
  }));
  const tokens = [...fetched.tokens];
  if (manifestResource) {
    used.unshift(manifestResource);
    tokens[0] = `${url}=${manifestResource.token}`;
  }
  /** The preview's index, once asked for: the validated records reuse it when they are the same. */
  let previewIndex: { records: Feed['structures']; index: Promise<SearchIndex> } | undefined;
  const take = async (phase: Phase, manifest: FeedManifest): Promise<Feed> => {
    const feed = await remote.take<Feed>(job, `feed:${phase}`, signal);
    feed.manifest = manifest;
    const records = feed.structures;
    const index = (options: SearchIndexOptions): Promise<SearchIndex> => {
      const seen = previewIndex?.records;
      // Same records in the same order (nothing rejected): the preview's index, on the validated records.
      if (
        phase === 'feed' &&
        seen?.length === records.length &&
        seen.every((s, i) => s.id === records[i]!.id)
      ) {
        remote.post({ t: 'drop', job }); // the worker's copy of the records is not needed
        return previewIndex!.index.then((index) => ({ ...index, records }));
      }
      remote.post({ t: 'index', job, phase });
      const index = remote
        .take<{ data: IndexData }>(job, `index:${phase}`, new AbortController().signal)
        .then(
          // The page takes the index (a clone of its maps) in one task and searches it in the next.
          ({ data }) =>
            new Promise<SearchIndex>((resolve) =>
              setTimeout(() => resolve({ records, size: records.length, options, data }), 0),
            ),
          // The worker failed: built here, as without a worker.
          async () => (await import('../search/lazy.ts')).createSearchIndex(records, options),
        );
      if (phase === 'preview') previewIndex = { records, index };
      return index;
    };
    // How the page's store gets this index (store.ts): no module shared with it, so that the page's
    // chunks stay as they are without a worker. It sets the index once built.
    const build = (options: SearchIndexOptions, set: (index: SearchIndex) => unknown) =>
      index(options).then((built) => void set(built));
    Object.defineProperty(records, WORKER_INDEX, { value: build });
    return feed;
  };
  return {
    partErrors: fetched.partErrors.map(partErrorFromWire),
    staleParts: fetched.staleParts.map(partErrorFromWire),
    used,
    tokens,
    preview: () => take('preview', manifest),
    feed: (manifest) => {
      remote.post({ t: 'validate', job, manifest });
      return take('feed', manifest);
    },
  };
}

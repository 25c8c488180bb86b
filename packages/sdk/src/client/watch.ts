/**
 * Watching a feed from a server or a script: the feed client asked again on an interval (conditional
 * requests: an unchanged file costs a 304), and a callback only when the feed has changed.
 *
 * @module
 */
import { EssaimError } from '../errors.ts';
import { memoryCache } from './cache.ts';
import { createClient } from './client.ts';
import type { ClientOptions, FeedClient, LoadResult } from './types.ts';

/** Default interval between two revalidations, in ms (5 minutes). */
export const DEFAULT_WATCH_INTERVAL = 5 * 60_000;

export interface WatchFeedOptions extends Omit<ClientOptions, 'feed' | 'signal' | 'onPreview'> {
  /** Time between the end of one revalidation and the start of the next, in ms. Default 5 minutes. */
  interval?: number;
  /**
   * Called with the first feed loaded, then each time the feed has changed (a file's ETag,
   * Last-Modified or content differs; a part that fails or comes back changes it too: see the result's
   * `partErrors` and `staleParts`). Not called when the server says nothing changed.
   */
  onChange: (result: LoadResult, previous: LoadResult | undefined) => void;
  /**
   * Called when a revalidation fails (network, server, invalid file): the last good feed stays, and the
   * next revalidation comes at the usual interval. Default: `console.error`.
   */
  onError?: (error: EssaimError) => void;
  /** Stops watching when aborted (as the returned function does). */
  signal?: AbortSignal;
}

/**
 * Watches a feed: loads it, calls `onChange`, then asks the server again every `interval` ms and calls
 * `onChange` only when something changed. Returns the function that stops watching (pending requests
 * are aborted). Files are kept in memory unless `cache` says otherwise, so that each revalidation is a
 * conditional request when the server gives an ETag or a Last-Modified date.
 *
 * ```ts
 * const stop = watchFeed('https://example.org/essaim/manifest.json', {
 *   interval: 10 * 60_000,
 *   onChange: ({ feed }) => writeFile('ess.csv', toCsv(feed.structures, { taxonomy: feed.taxonomy })),
 *   onError: (error) => console.warn(error.messages.en),
 * });
 * process.on('SIGTERM', stop);
 * ```
 *
 * @throws RangeError when `interval` is not a positive number of milliseconds.
 */
export function watchFeed(feed: ClientOptions['feed'], options: WatchFeedOptions): () => void {
  const { interval = DEFAULT_WATCH_INTERVAL, onChange, onError, signal: outer, ...clientOptions } = options;
  if (!(Number.isFinite(interval) && interval > 0))
    throw new RangeError(`watchFeed: interval must be a positive number of milliseconds, got ${interval}`);
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  const fail = (error: unknown) => {
    if (signal.aborted) return;
    const e = error instanceof EssaimError ? error : toEssaimError(error);
    if (onError) onError(e);
    else console.error(e);
  };
  const client: FeedClient = createClient({
    cache: memoryCache(),
    ...clientOptions,
    feed,
    signal,
  });
  let previous: LoadResult | undefined;
  const report = (result: LoadResult) => {
    if (signal.aborted || (previous && result.feed === previous.feed)) return;
    const before = previous;
    previous = result;
    onChange(result, before);
  };
  const unsubscribe = client.subscribe(report, fail);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = async (first: boolean) => {
    try {
      const result = first ? await client.load() : await client.refresh();
      report(result);
      // Served from the last good copy because the server could not give a fresh one.
      if (!first && result.error) fail(result.error);
    } catch (error) {
      fail(error);
    }
    if (!signal.aborted) timer = setTimeout(() => void tick(false), interval);
  };

  const stop = () => {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort();
    unsubscribe();
    client.dispose();
  };
  if (signal.aborted) stop();
  else {
    signal.addEventListener('abort', stop, { once: true });
    void tick(true);
  }
  return stop;
}

function toEssaimError(error: unknown): EssaimError {
  const text = error instanceof Error ? error.message : String(error);
  return new EssaimError(
    'feed-unknown',
    { fr: `Le flux n’a pas pu être relu (${text}).`, en: `The feed could not be read again (${text}).` },
    { fr: 'La surveillance continue.', en: 'Watching goes on.' },
    { cause: error },
  );
}

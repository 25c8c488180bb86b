/**
 * What the page and the feed worker say to each other: the messages, the errors as plain data (a
 * structured clone keeps only an error's message), and long lists sent in batches — one message each,
 * so that the page takes them in one short task at a time instead of one long clone.
 *
 * @module
 */
import type { EssaimError } from '../errors.ts';
import type { Feed } from '../feed.ts';
import type { ConditionalRequests, RetryOptions } from '../client/http.ts';
import type { PartError } from '../client/types.ts';
import type { PlannedPart } from '../client/parts.ts';
import type { FeedManifest } from '../schema/feed.ts';

/** Records per message: about 15 ms to receive on the page (2,000 structures). */
export const BATCH = 2000;

/** An error as plain data. */
export interface WireError {
  /** Index in the error classes; -1 for another error. */
  $error: number;
  props: Record<string, unknown>;
}

/**
 * The error classes of the SDK, most specific first (`EssaimError` last), given by each side: the page
 * hands over its own (importing them here would move errors.ts to another chunk of the page's build).
 */
let classes: readonly (abstract new (...args: never[]) => Error)[] = [];
export function useErrorClasses(list: typeof classes): void {
  classes = list;
}

/** An error (of the SDK or not) as plain data that survives a structured clone. */
export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { $error: -1, props: { message: String(error) } };
  const props: Record<string, unknown> = { ...error, message: error.message, stack: error.stack };
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) props.cause = cause instanceof Error ? toWire(cause) : String(cause);
  if ('reason' in props && typeof props.reason !== 'string') props.reason = String(props.reason);
  return { $error: classes.findIndex((c) => error instanceof c), props };
}

/** The error again, of its class (`instanceof FeedFormatError` holds on the page). */
export function fromWire(wire: WireError): Error {
  const { cause, ...props } = wire.props;
  const error = Object.create((classes[wire.$error] ?? Error).prototype) as Error;
  Object.assign(error, props);
  if (cause !== undefined) (error as { cause?: unknown }).cause = isWire(cause) ? fromWire(cause) : cause;
  return error;
}

function isWire(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && '$error' in value;
}

export const partErrorToWire = (e: PartError) => ({ ...e, error: toWire(e.error) });
export const partErrorFromWire = (e: ReturnType<typeof partErrorToWire>): PartError => ({
  ...e,
  error: fromWire(e.error) as EssaimError,
});

/** What the page asks the worker. */
export type ToWorker =
  | {
      t: 'fetch';
      job: number;
      planned: PlannedPart[];
      mode: 'cache-first' | 'network';
      manifest: FeedManifest;
      url: string | undefined;
      preview: boolean;
      http: { timeout: number | false; retry: RetryOptions; conditional: ConditionalRequests };
      cache: boolean;
    }
  | { t: 'validate'; job: number; manifest: FeedManifest }
  | { t: 'index'; job: number; phase: Phase }
  | { t: 'abort'; job: number }
  | { t: 'drop'; job: number };

/** The preview's records or the validated ones. */
export type Phase = 'preview' | 'feed';

/** What the worker answers. */
export type FromWorker =
  | { t: 'ready' }
  | { t: 'batch'; job: number; phase: Phase; key: string; items: unknown[] }
  | {
      t: 'fetched';
      job: number;
      partErrors: ReturnType<typeof partErrorToWire>[];
      staleParts: ReturnType<typeof partErrorToWire>[];
      used: { storedAt: number; fallback?: WireError }[];
      tokens: string[];
    }
  | { t: 'feed'; job: number; phase: Phase; feed: Feed; keys: string[] }
  | { t: 'index'; job: number; phase: Phase; data: unknown }
  | { t: 'failed'; job: number; error: WireError };

/** The lists of a feed that may be long: its parts, and the report's rejections and warnings. */
const LISTS: readonly (readonly string[])[] = [
  ['structures'],
  ['services'],
  ['events'],
  ['parcours'],
  ['indicators'],
  ['report', 'rejections'],
  ['report', 'warnings'],
];

/**
 * Sends `feed` with its long lists in batches first, then the rest (lists emptied, `keys` naming them):
 * messages arrive in order, so the page has every batch when the feed arrives.
 */
export function sendFeed(post: (m: FromWorker) => void, job: number, phase: Phase, feed: Feed): void {
  const keys: string[] = [];
  const shell = { ...feed, report: { ...feed.report } } as unknown as Record<string, unknown>;
  for (const path of LISTS) {
    const owner = (path.length === 1 ? shell : shell[path[0]!]) as Record<string, unknown>;
    const name = path[path.length - 1]!;
    const list = owner[name];
    if (!Array.isArray(list) || list.length <= BATCH) continue;
    const key = path.join('.');
    keys.push(key);
    for (let i = 0; i < list.length; i += BATCH)
      post({ t: 'batch', job, phase, key, items: list.slice(i, i + BATCH) });
    owner[name] = [];
  }
  post({ t: 'feed', job, phase, feed: shell as unknown as Feed, keys });
}

/** The page's side of `sendFeed`: batches kept by key until their feed arrives. */
export class FeedReceiver {
  private readonly lists = new Map<string, unknown[]>();

  batch(m: Extract<FromWorker, { t: 'batch' }>): void {
    const id = `${m.phase}:${m.key}`;
    let list = this.lists.get(id);
    if (!list) this.lists.set(id, (list = []));
    for (const item of m.items) list.push(item);
  }

  feed(m: Extract<FromWorker, { t: 'feed' }>): Feed {
    const feed = m.feed as unknown as Record<string, Record<string, unknown>>;
    for (const key of m.keys) {
      const [a, b] = key.split('.') as [string, string | undefined];
      const id = `${m.phase}:${key}`;
      const list = this.lists.get(id) ?? [];
      this.lists.delete(id);
      if (b === undefined) (feed as Record<string, unknown>)[a] = list;
      else feed[a]![b] = list;
    }
    return m.feed;
  }
}

/** The buffers of every typed array in `value` (an index's data), to transfer rather than copy. */
export function buffers(value: unknown, found = new Set<ArrayBuffer>()): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value instanceof Map) for (const v of value.values()) buffers(v, found);
  else if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) buffers(v, found);
  } else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) buffers(v, found);
  return found;
}

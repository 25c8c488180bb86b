/**
 * One JSON file over HTTP with ky: timeout per attempt, retries with exponential backoff and jitter
 * (network errors, 408, 429, 500, 502, 503, 504; `Retry-After` honoured and capped), cancellation, and
 * conditional requests. Every failure becomes one of the SDK's errors.
 */
import ky, { isHTTPError, isTimeoutError } from 'ky';
import {
  EssaimError,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
} from '../errors.ts';

/** Retry settings (ky's). Attempts = `limit` + 1. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2 (3 attempts in all). */
  limit?: number;
  /** Upper bound of one backoff delay, in ms. Default 10 000. */
  backoffLimit?: number;
  /** Upper bound of a delay asked by `Retry-After` (seconds or HTTP date), in ms. Default 30 000. */
  maxRetryAfter?: number;
  /** Backoff before retry number `attempt` (from 1), in ms, before jitter. Default 300 × 2^(attempt-1). */
  delay?: (attempt: number) => number;
  /** Jitter applied to the backoff (not to `Retry-After`). Default: a random 50–100 % of the delay. */
  jitter?: boolean | ((delay: number) => number);
  /** Retry an attempt that timed out. Default false (a timeout is reported at once). */
  retryOnTimeout?: boolean;
  /** HTTP statuses that are retried. Default [408, 429, 500, 502, 503, 504]. */
  statusCodes?: number[];
}

/**
 * When to send `If-None-Match` / `If-Modified-Since`: `always`; `never`; or `auto` (default): always,
 * except in a browser for a feed on another origin, where these headers would trigger a CORS preflight
 * that static hosts often refuse; there the browser's own HTTP cache revalidates (`cache: 'no-cache'`).
 */
export type ConditionalRequests = 'auto' | 'always' | 'never';

export interface HttpSettings {
  fetch?: typeof globalThis.fetch | undefined;
  /** Per attempt, in ms; 0 or false for none. */
  timeout: number | false;
  retry: RetryOptions;
  conditional: ConditionalRequests;
}

export const DEFAULT_TIMEOUT = 15_000;

export const DEFAULT_RETRY: Required<Omit<RetryOptions, 'jitter'>> & Pick<RetryOptions, 'jitter'> = {
  limit: 2,
  backoffLimit: 10_000,
  maxRetryAfter: 30_000,
  delay: (attempt) => 300 * 2 ** (attempt - 1),
  jitter: (delay) => delay * (0.5 + Math.random() * 0.5),
  retryOnTimeout: false,
  statusCodes: [408, 429, 500, 502, 503, 504],
};

export type JsonResponse =
  | {
      status: 200;
      body: unknown;
      /** The body as received (for a `sha256` check); not kept once checked. */
      text: string;
      etag?: string | undefined;
      lastModified?: string | undefined;
    }
  | { status: 304; etag?: string | undefined; lastModified?: string | undefined };

/** Rejects with a FeedAbortError as soon as `signal` aborts, even if `promise` does not listen to it. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, url?: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new FeedAbortError({ url, reason: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FeedAbortError({ url, reason: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function crossOriginInBrowser(url: string): boolean {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(url).origin !== origin;
  } catch {
    return false;
  }
}

/** Maps anything thrown while fetching `url` to one of the SDK's errors. */
export function toFeedError(
  error: unknown,
  url: string,
  timeout: number | false,
  signal?: AbortSignal,
): EssaimError {
  if (signal?.aborted)
    return error instanceof FeedAbortError ? error : new FeedAbortError({ url, reason: signal.reason });
  if (error instanceof EssaimError) return error;
  if (isTimeoutError(error) || (error instanceof Error && error.name === 'TimeoutError')) {
    return new FeedTimeoutError(timeout || 0, { url, cause: error });
  }
  if (isHTTPError(error)) {
    return new FeedHttpError(error.response.status, {
      url,
      statusText: error.response.statusText,
      cause: error,
    });
  }
  return new FeedNetworkError({ url, cause: error });
}

/**
 * GETs `url` as JSON. With `validators` (from a cached copy), the request is conditional and may come
 * back as `{ status: 304 }`. Throws an EssaimError.
 */
export async function getJson(
  url: string,
  settings: HttpSettings,
  options: {
    signal?: AbortSignal | undefined;
    etag?: string | undefined;
    lastModified?: string | undefined;
  } = {},
): Promise<JsonResponse> {
  const { signal } = options;
  const timeout = settings.timeout || false;
  const headers = new Headers({ accept: 'application/json' });
  const revalidating = options.etag !== undefined || options.lastModified !== undefined;
  const useHeaders =
    revalidating &&
    (settings.conditional === 'always' || (settings.conditional === 'auto' && !crossOriginInBrowser(url)));
  if (useHeaders) {
    if (options.etag) headers.set('if-none-match', options.etag);
    if (options.lastModified) headers.set('if-modified-since', options.lastModified);
  }
  const retry = { ...DEFAULT_RETRY, ...settings.retry };
  const run = async (): Promise<JsonResponse> => {
    const responsePromise = ky(url, {
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      ...(revalidating && !useHeaders && settings.conditional === 'auto'
        ? { cache: 'no-cache' as const }
        : {}),
      headers,
      timeout,
      ...(signal ? { signal } : {}),
      throwHttpErrors: (status) => status !== 304,
      retry: {
        limit: retry.limit,
        methods: ['get'],
        statusCodes: retry.statusCodes,
        afterStatusCodes: [429, 503].filter((s) => retry.statusCodes.includes(s)),
        maxRetryAfter: retry.maxRetryAfter,
        backoffLimit: retry.backoffLimit,
        delay: retry.delay,
        jitter: retry.jitter,
        retryOnTimeout: retry.retryOnTimeout,
        // A TypeError from fetch is a network failure (offline, DNS, CORS) even when ky does not recognise
        // the runtime's wording; a user abort is never retried.
        shouldRetry: ({ error }) => (signal?.aborted ? false : error instanceof TypeError ? true : undefined),
      },
    });
    const response = await responsePromise;
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    if (response.status === 304) {
      void response.body?.cancel().catch(() => undefined);
      return { status: 304, etag, lastModified };
    }
    const text = await responsePromise.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new FeedFormatError('not-json', { url, cause });
    }
    return { status: 200, body, text, etag, lastModified };
  };
  try {
    return await raceAbort(run(), signal, url);
  } catch (error) {
    throw toFeedError(error, url, timeout, signal);
  }
}

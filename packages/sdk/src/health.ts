/**
 * What a widget should tell its visitor about the parts of the feed it needs: whether they failed, are
 * shown from an old copy (and why), and how many of their records were rejected. One place for every
 * widget and any other UI built on the store. Its own module: a widget loads it with its notices, only
 * when there is something to say.
 */
import type { EssaimError } from './errors.ts';
import type { PartName } from './schema/feed.ts';
import type { FeedStoreState } from './store.ts';

/**
 * Why a part could not be loaded, in words a visitor understands: no connection (the browser says it is
 * offline), the server unreachable while online, a server error (an HTTP status), no answer in time, or
 * a file that is not what it should be.
 */
export type FeedFailureKind = 'offline' | 'unreachable' | 'server' | 'timeout' | 'invalid';

type NeededPart = PartName | 'taxonomy';

/** What a widget that needs some parts of the feed should tell its visitor (see {@link feedHealth}). */
export interface FeedHealth {
  /**
   * `loading`: nothing to show yet. `failed`: a part the widget needs could not be loaded and has no
   * good copy: show the failure, never an empty result. `stale`: shown from the last good copy because
   * loading a fresh one failed. `old`: older than the client's `maxAge`, an update is under way. `ok`.
   */
  status: 'loading' | 'ok' | 'failed' | 'stale' | 'old';
  kind?: FeedFailureKind;
  error?: EssaimError;
  /** The needed parts that failed (`failed`) or are shown from their last good copy (`stale`). */
  parts: NeededPart[];
  /** When the data shown was fetched. */
  fetchedAt?: Date;
  /** Records of the needed parts that the validation rejected (never shown; `feed.report` says why). */
  rejected: number;
}

/** The kind of failure of an error of the SDK (the browser's `navigator.onLine` tells offline apart). */
export function failureKind(error: EssaimError | undefined): FeedFailureKind {
  switch (error?.code) {
    case 'feed-network':
      return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false
        ? 'offline'
        : 'unreachable';
    case 'feed-timeout':
      return 'timeout';
    case 'feed-format':
    case 'feed-unsupported-version':
      return 'invalid';
    default:
      return 'server';
  }
}

/**
 * The state of the parts a widget needs (the directory the structures, the agenda the events…): whether
 * they failed, are shown from an old copy, and how many of their records were rejected. One place for
 * every widget (and any other UI built on the store) to decide what to tell the visitor.
 */
export function feedHealth(state: FeedStoreState, parts: readonly NeededPart[]): FeedHealth {
  const needed = new Set<NeededPart>(parts);
  const fetchedAt = state.fetchedAt;
  const base = fetchedAt ? { fetchedAt } : {};
  let rejected = 0;
  for (const p of parts) rejected += state.feed?.report.parts[p]?.rejected ?? 0;
  if (state.status === 'error' && !state.feed) {
    const error = state.error;
    return {
      status: 'failed',
      kind: failureKind(error),
      ...(error ? { error } : {}),
      parts: [...parts],
      rejected,
    };
  }
  if (state.status !== 'ready' || !state.feed) return { status: 'loading', parts: [], rejected: 0 };
  const missing = (state.result?.partErrors ?? []).filter((e) => needed.has(e.part));
  if (missing.length > 0) {
    const error = missing[0]!.error;
    const failed = [...new Set(missing.map((e) => e.part))];
    return { status: 'failed', kind: failureKind(error), error, parts: failed, rejected, ...base };
  }
  const old = (state.result?.staleParts ?? []).filter((e) => needed.has(e.part));
  if (old.length > 0 || (state.stale && state.error)) {
    const error = old[0]?.error ?? state.error;
    return {
      status: 'stale',
      kind: failureKind(error),
      ...(error ? { error } : {}),
      parts: old.length > 0 ? [...new Set(old.map((e) => e.part))] : [...parts],
      rejected,
      ...base,
    };
  }
  if (state.stale) return { status: 'old', parts: [], rejected, ...base };
  return { status: 'ok', parts: [], rejected, ...base };
}

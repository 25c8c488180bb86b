/**
 * What a page shares beside the search and the feed: slots that one widget (or an app) fills and the
 * others read — the agenda, the orientation journey — and the views of the structures on the page.
 *
 * @module
 */
import type { AgendaListConnector } from '../agenda/connector.ts';
import type { OrientationConnector } from '../orientation/types.ts';

/**
 * Something a page shares beside the search, set by whoever owns it (an element, or an app on the SDK)
 * and read by the others: no widget looks for another in the page.
 */
export interface SharedSlot<T> {
  get(): T | undefined;
  /** Shares `value` (`undefined`: nothing is shared any more); listeners are called when it changes. */
  set(value: T | undefined): void;
  subscribe(listener: (value: T | undefined) => void): () => void;
}

/** An agenda a page shares: its connector, and how to show one of its events (when something can). */
export interface SharedAgenda {
  readonly connector: AgendaListConnector;
  /** Shows an event (its detail), e.g. when a point of `<ess-map show="events">` is chosen. */
  openEvent?(eventId: string, options: { start?: string; focus?: boolean }): unknown;
}

/**
 * An orientation journey a page shares: `<ess-orientation>` sets its own; an app or another widget reads
 * the wizard's state (`connector.getState()`, `connector.subscribe`) or acts on it.
 */
export interface SharedOrientation {
  readonly connector: OrientationConnector;
}

/**
 * The views of the page's structures that are there (`'directory'`, `'map'`, or an app's own), each
 * registered while it is shown: e.g. the orientation offers « Voir dans l'annuaire » only when one is.
 */
export interface StoreViews {
  /** Says that a view of `kind` is on the page; call the returned function when it leaves. */
  add(kind: string): () => void;
  has(kind: string): boolean;
  /** Calls `listener` when a view comes or goes. */
  subscribe(listener: () => void): () => void;
}

export function storeViews(): StoreViews {
  const counts = new Map<string, number>();
  const listeners = new Set<() => void>();
  const change = (kind: string, by: number) => {
    counts.set(kind, (counts.get(kind) ?? 0) + by);
    for (const l of [...listeners]) l();
  };
  return {
    add(kind) {
      change(kind, 1);
      let added = true;
      return () => {
        if (added) change(kind, -1);
        added = false;
      };
    },
    has: (kind) => (counts.get(kind) ?? 0) > 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function sharedSlot<T>(): SharedSlot<T> {
  let value: T | undefined;
  const listeners = new Set<(value: T | undefined) => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const l of [...listeners]) l(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

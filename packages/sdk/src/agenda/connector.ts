/**
 * The agenda connector: query state, actions and subscriptions over {@link queryAgenda}, for any UI
 * layer (the `<ess-agenda>` element, React, Vue, vanilla), on the model of the structure search's
 * connector. Calendar windows (month grid, week), the "latest past events" fallback and the links to
 * organiser structures use the same filters.
 *
 * {@link createAgendaListConnector} is the connector without the month grid and the week (a list needs
 * neither: a component keeps the calendar code out of its first bundle); {@link withCalendar}
 * (`connector-calendar.ts`) adds them, and {@link createAgendaConnector} is both at once.
 *
 * @module
 */
import type { Event } from '../schema/event.ts';
import type { Structure } from '../schema/structure.ts';
import { indexEventsByOrganizer, organizersOf } from './links.ts';
import {
  type AgendaIndex,
  type AgendaIndexOptions,
  createAgendaIndex,
  latestPast,
  queryAgenda,
  referenceInstant,
} from './query.ts';
import { isRecurrenceLoaded, loadRecurrence } from './recurrence.ts';
import { toInstant } from './time.ts';
import {
  AGENDA_FACET_NAMES,
  type AgendaFacetName,
  type AgendaNear,
  type AgendaOccurrence,
  type AgendaQuery,
  type AgendaResult,
  type AgendaTerritory,
  type DateInput,
} from './types.ts';
import { cleanNear, cleanSelection, cleanTerritory } from '../internal/query-parts.ts';

/** What the connector holds. Immutable snapshots: a new object after each change. */
export interface AgendaState {
  /** The query, normalised (no empty parts, facet values deduplicated and sorted). */
  readonly query: AgendaQuery;
  /** "Today" for this state (the query's `referenceDate`, else the connector's). */
  readonly referenceDate: Date;
  readonly result: AgendaResult;
  /**
   * When the window is the upcoming one and nothing matches: the most recent past occurrences with the
   * same filters (at most `pastFallback`, most recent first). Empty otherwise.
   */
  readonly latestPast: readonly AgendaOccurrence[];
  /** True while the recurrence library loads (RRULE occurrences are missing until then). */
  readonly pending: boolean;
  /** Set when loading the recurrence library failed. */
  readonly error?: unknown;
}

export type AgendaListener = (state: AgendaState) => void;

/** Options of {@link createAgendaConnector}. */
export interface AgendaConnectorOptions extends AgendaIndexOptions {
  /** "Today" (default: the current time at each computation). A civil date is that day in Paris. */
  now?: DateInput | undefined;
  /** Organiser structures (for {@link AgendaConnector.organizersOf}). */
  structures?: readonly Structure[] | ReadonlyMap<string, Structure> | undefined;
  /** The initial query (also what `reset()` returns to). Default: upcoming, 100 occurrences. */
  initial?: AgendaQuery | undefined;
  /** How many past occurrences to offer when nothing is upcoming (default 5, 0 to disable). */
  pastFallback?: number | undefined;
}

/**
 * A stateful agenda over a list of events, without the calendar views (see {@link AgendaConnector}).
 * Actions recompute synchronously, then notify.
 */
export interface AgendaListConnector {
  getState(): AgendaState;
  /** Calls `listener` after each change (not immediately). Returns the function that unsubscribes. */
  subscribe(listener: AgendaListener): () => void;
  /** Resolves when RRULE occurrences are in the state (at once when no event has an rrule). */
  readonly ready: Promise<void>;

  setText(text: string): void;
  toggleFacet(name: AgendaFacetName, value: string): void;
  setFacet(name: AgendaFacetName, values: readonly string[]): void;
  clearFacets(): void;
  setTerritory(territory: AgendaTerritory | undefined): void;
  setNear(near: AgendaNear | undefined): void;
  /** Shows occurrences overlapping `[from, to)`; `setRange()` goes back to upcoming. */
  setRange(from?: DateInput, to?: DateInput): void;
  /** Back to the upcoming window (from the reference date, no end). */
  setUpcoming(): void;
  /** Fixes "today" (the component's `reference-date`); `undefined` for the connector's own. */
  setReferenceDate(date: DateInput | undefined): void;
  setHideCancelled(hide: boolean): void;
  setIncludeOnline(include: boolean): void;
  /** Sets how many occurrences are listed. */
  setLimit(limit: number): void;
  /** Lists `count` more occurrences (default: as many again as the initial limit). */
  showMore(count?: number): void;
  /** Merges `partial` into the query; a key set to `undefined` removes that part. */
  refine(partial: Partial<AgendaQuery>): void;
  reset(): void;
  /** Swaps the events (a new feed load) and recomputes with the same query. */
  setEvents(events: readonly Event[], structures?: AgendaConnectorOptions['structures']): void;

  /**
   * Every occurrence overlapping `[from, to)` with the current filters (these dates replace the range;
   * no limit), by start: what the calendar views are made of.
   */
  between(from: DateInput, to: DateInput): AgendaOccurrence[];
  /**
   * Each matching event once (whatever the limit), as its first matching occurrence in the current
   * window, by start: what a map of the agenda shows.
   */
  matchingEvents(): AgendaOccurrence[];
  /** The `n` most recent past occurrences with the current filters, most recent first. */
  latestPast(n: number): AgendaOccurrence[];

  /** Events organised by a structure, in feed order. */
  eventsByOrganizer(structureId: string): Event[];
  /** The next `n` occurrences (from the reference date) organised by a structure, whatever the filters. */
  nextEventsOf(structureId: string, n?: number): AgendaOccurrence[];
  /** The organisers of an event among the connector's structures. */
  organizersOf(event: Event): Structure[];
}

function cleanDate(value: DateInput | undefined): DateInput | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The canonical form of an agenda query: same meaning ⇒ same form (no-op actions are detected). */
export function normalizeAgendaQuery(q: AgendaQuery): AgendaQuery {
  const out: AgendaQuery = {};
  if (q.text !== undefined && q.text.trim() !== '') out.text = q.text;
  const from = cleanDate(q.from);
  const to = cleanDate(q.to);
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  if (q.upcoming === false) out.upcoming = false;
  const ref = cleanDate(q.referenceDate);
  if (ref !== undefined) out.referenceDate = ref;
  const facets = cleanSelection(AGENDA_FACET_NAMES, q.facets);
  if (facets) out.facets = facets;
  const territory = cleanTerritory(q.territory);
  if (territory) out.territory = territory;
  const near = cleanNear(q.near);
  if (near) out.near = near;
  if (q.includeOnline) out.includeOnline = true;
  if (q.hideCancelled) out.hideCancelled = true;
  if (q.limit !== undefined) out.limit = q.limit;
  if (q.horizonDays !== undefined) out.horizonDays = q.horizonDays;
  return out;
}

function toStructureMap(
  structures: AgendaConnectorOptions['structures'],
): ReadonlyMap<string, Structure> | undefined {
  if (!structures) return undefined;
  if (structures instanceof Map) return structures as ReadonlyMap<string, Structure>;
  return new Map((structures as readonly Structure[]).map((s) => [s.id, s]));
}

/**
 * Creates an agenda connector over `events`, without the calendar views ({@link createAgendaConnector}
 * has them). Synchronous: events without RRULE are listed at once; when
 * some events repeat by RRULE, the recurrence library loads in the background (`state.pending`), then
 * the state is recomputed and listeners are notified (`await connector.ready`).
 *
 * @example
 * const agenda = createAgendaListConnector(feed.events, { now: '2026-11-02', structures: feed.structures });
 * agenda.subscribe(({ result }) => render(result.days));
 * agenda.toggleFacet('departement', '31');
 */
export function createAgendaListConnector(
  events: readonly Event[],
  options: AgendaConnectorOptions = {},
): AgendaListConnector {
  const indexOptions: AgendaIndexOptions = { labels: options.labels };
  const initialQuery = normalizeAgendaQuery(options.initial ?? {});
  const pastFallback = options.pastFallback ?? 5;
  let index: AgendaIndex = createAgendaIndex(events, indexOptions);
  let byOrganizer: Map<string, Event[]> | undefined;
  let structures = toStructureMap(options.structures);
  let loadError: unknown;
  const listeners = new Set<AgendaListener>();

  const baseReference = (): DateInput => options.now ?? Date.now();
  const queryOptions = () => ({ referenceDate: baseReference(), allowPending: true });

  function compute(query: AgendaQuery): AgendaState {
    const opts = queryOptions();
    const result = queryAgenda(index, query, opts);
    const upcomingView = query.from === undefined && query.to === undefined && query.upcoming !== false;
    const past =
      upcomingView && result.total === 0 && pastFallback > 0
        ? latestPast(index, pastFallback, query, opts)
        : [];
    const state: AgendaState = {
      query,
      referenceDate: new Date(referenceInstant(query, opts)),
      result,
      latestPast: past,
      pending: result.pending && loadError === undefined,
    };
    if (loadError !== undefined) (state as { error?: unknown }).error = loadError;
    return Object.freeze(state);
  }

  let state = compute(initialQuery);

  function notify(): void {
    const snapshot = state;
    for (const listener of [...listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function commit(query: AgendaQuery, force = false): void {
    const q = normalizeAgendaQuery(query);
    if (!force && JSON.stringify(q) === JSON.stringify(state.query)) return;
    state = compute(q);
    notify();
  }

  function withPatch(patch: Partial<AgendaQuery>): AgendaQuery {
    const q: AgendaQuery = { ...state.query, ...patch };
    for (const key of Object.keys(patch) as (keyof AgendaQuery)[])
      if (patch[key] === undefined) delete q[key];
    return q;
  }

  function ensureLoaded(): Promise<void> {
    if (!index.hasRules || isRecurrenceLoaded()) return Promise.resolve();
    return loadRecurrence().then(
      () => commit(state.query, true),
      (error: unknown) => {
        loadError = error;
        commit(state.query, true);
      },
    );
  }

  let ready = ensureLoaded();

  function setFacetValues(name: AgendaFacetName, values: readonly string[]): void {
    commit(withPatch({ facets: { ...state.query.facets, [name]: values } }));
  }

  /** The current filters over explicit dates (the range is replaced). */
  function windowQuery(from: DateInput, to: DateInput): AgendaQuery {
    return { ...state.query, from, to, upcoming: undefined, limit: Number.POSITIVE_INFINITY };
  }

  const connector: AgendaListConnector = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get ready() {
      return ready;
    },
    setText: (text) => commit(withPatch({ text })),
    toggleFacet(name, value) {
      const current = state.query.facets?.[name] ?? [];
      setFacetValues(
        name,
        current.includes(value) ? current.filter((v) => v !== value) : [...current, value],
      );
    },
    setFacet: setFacetValues,
    clearFacets: () => commit(withPatch({ facets: undefined })),
    setTerritory: (territory) => commit(withPatch({ territory })),
    setNear: (near) => commit(withPatch({ near })),
    setRange: (from, to) => commit(withPatch({ from, to, upcoming: undefined })),
    setUpcoming: () => commit(withPatch({ from: undefined, to: undefined, upcoming: undefined })),
    setReferenceDate(date) {
      if (date !== undefined && Number.isNaN(toInstant(date))) {
        throw new RangeError(`Invalid reference date: ${String(date)}`);
      }
      commit(withPatch({ referenceDate: date }));
    },
    setHideCancelled: (hide) => commit(withPatch({ hideCancelled: hide || undefined })),
    setIncludeOnline: (include) => commit(withPatch({ includeOnline: include || undefined })),
    setLimit: (limit) => commit(withPatch({ limit: Math.max(0, Math.floor(limit)) })),
    showMore(count) {
      const step = count ?? initialQuery.limit ?? 100;
      commit(withPatch({ limit: (state.query.limit ?? 100) + step }));
    },
    refine: (partial) => commit(withPatch(partial)),
    reset: () => commit(initialQuery),
    setEvents(next, nextStructures) {
      index = createAgendaIndex(next, indexOptions);
      byOrganizer = undefined;
      if (nextStructures !== undefined) structures = toStructureMap(nextStructures);
      commit(state.query, true);
      ready = ensureLoaded();
    },

    between: (from, to) => queryAgenda(index, windowQuery(from, to), queryOptions()).occurrences,
    matchingEvents() {
      const seen = new Set<string>();
      return queryAgenda(
        index,
        { ...state.query, limit: Number.POSITIVE_INFINITY },
        queryOptions(),
      ).occurrences.filter((o) => !seen.has(o.eventId) && !!seen.add(o.eventId));
    },
    latestPast: (n) => latestPast(index, n, state.query, queryOptions()),

    eventsByOrganizer(structureId) {
      byOrganizer ??= indexEventsByOrganizer(index.events);
      return [...(byOrganizer.get(structureId) ?? [])];
    },
    nextEventsOf(structureId, n = 3) {
      const own = connector.eventsByOrganizer(structureId);
      if (own.length === 0) return [];
      const r = queryAgenda(own, { referenceDate: state.referenceDate, limit: n }, queryOptions());
      return r.occurrences;
    },
    organizersOf: (event) => (structures ? organizersOf(event, structures) : []),
  };
  return connector;
}

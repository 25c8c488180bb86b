/**
 * Event queries: date window (range, upcoming from a reference date), text, facets (categories,
 * themes, départements, attendance, price) with disjunctive counts, territory (COG codes), distance,
 * status. Pure and synchronous over an {@link AgendaIndex}.
 *
 * @module
 */
import type { Event } from '../schema/event.ts';
import { normalizeText } from '../text/normalize.ts';
import { distanceKm } from '../core/geo.ts';
import {
  collect,
  compareOccurrences,
  effectiveAttendance,
  type PreparedEvent,
  prepareEvent,
  type Window,
} from './expand.ts';
import { entryDays, groupEntries } from './entries.ts';
import { isRecurrenceLoaded, RecurrenceNotLoadedError } from './recurrence.ts';
import { DEFAULT_TIME_ZONE, dateKeyOf, toInstant } from './time.ts';
import {
  AGENDA_FACET_NAMES,
  type AgendaFacetName,
  type AgendaFacetValueCount,
  type AgendaOccurrence,
  type AgendaQuery,
  type AgendaResult,
  type DateInput,
  type DayGroup,
} from './types.ts';

/** Default number of occurrences in a result. */
export const DEFAULT_AGENDA_LIMIT = 100;
/** Default expansion of an open-ended RRULE past the window's start, in days. */
export const DEFAULT_HORIZON_DAYS = 366;

const DAY_MS = 86_400_000;

/** Plain-French labels of the built-in facet values (`attendance`, `price`). */
export const AGENDA_VALUE_LABELS: Readonly<Record<string, { fr: string; en: string }>> = {
  offline: { fr: 'Sur place', en: 'In person' },
  online: { fr: 'En ligne', en: 'Online' },
  mixed: { fr: 'Sur place et en ligne', en: 'In person and online' },
  free: { fr: 'Gratuit', en: 'Free' },
  paid: { fr: 'Payant', en: 'Paid' },
};

/** Words too common to filter on (they still match when the text has nothing else). */
const STOP_WORDS = new Set([
  'a',
  'au',
  'aux',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'pour',
  'sur',
  'un',
  'une',
]);

/** Options of {@link createAgendaIndex}. */
export interface AgendaIndexOptions {
  /** Label of a concept id (categories, themes), made searchable and shown on facet values. */
  labels?: ((conceptId: string) => string | undefined) | undefined;
}

/** @internal One indexed event. */
export interface AgendaIndexEntry {
  readonly p: PreparedEvent;
  /** Normalised words, each preceded by a space: `' atelier reparation velo'`. */
  readonly text: string;
  readonly keys: Readonly<Record<AgendaFacetName, readonly string[]>>;
  readonly onlineOnly: boolean;
}

/** The events, prepared for repeated queries (text keys, facet keys, sorted occurrences). */
export interface AgendaIndex {
  readonly events: readonly Event[];
  /** @internal */
  readonly entries: readonly AgendaIndexEntry[];
  /** Whether some events repeat by RRULE (then the recurrence library is needed). */
  readonly hasRules: boolean;
  readonly labels?: ((conceptId: string) => string | undefined) | undefined;
}

function facetKeys(event: Event): Record<AgendaFacetName, string[]> {
  const dep = event.place?.address?.cog?.departement;
  const price = event.price === undefined ? [] : [event.price.free ? 'free' : 'paid'];
  return {
    categories: [...new Set(event.categories ?? [])],
    themes: [...new Set(event.themes ?? [])],
    departement: dep ? [dep] : [],
    attendance: [effectiveAttendance(event)],
    price,
  };
}

function searchText(event: Event, labels: AgendaIndexOptions['labels']): string {
  const parts: (string | undefined)[] = [
    event.title,
    event.description,
    event.longDescription,
    ...(event.keywords ?? []),
    event.place?.name,
    event.place?.address?.commune,
    event.place?.address?.postcode,
    event.organizerName,
  ];
  if (labels) for (const id of [...(event.categories ?? []), ...(event.themes ?? [])]) parts.push(labels(id));
  const words = normalizeText(parts.filter(Boolean).join(' '));
  return words ? ` ${words}` : '';
}

/** Prepares `events` for {@link queryAgenda}. Events are read, never modified. */
export function createAgendaIndex(events: readonly Event[], options: AgendaIndexOptions = {}): AgendaIndex {
  const entries: AgendaIndexEntry[] = events.map((event) => ({
    p: prepareEvent(event),
    text: searchText(event, options.labels),
    keys: facetKeys(event),
    onlineOnly: effectiveAttendance(event) === 'online',
  }));
  return Object.freeze({
    events,
    entries,
    hasRules: entries.some((e) => e.p.rule !== undefined),
    labels: options.labels,
  });
}

/** The words of a query text that filter (stop words dropped unless there is nothing else). */
export function queryWords(text: string | undefined): string[] {
  if (!text) return [];
  const words = normalizeText(text).split(' ').filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return [...new Set(kept.length ? kept : words)];
}

/** Options of {@link queryAgenda} and the other queries. */
export interface QueryOptions {
  /** "Today": upcoming occurrences are those not over at this date (default: now). */
  referenceDate?: DateInput | undefined;
  /**
   * When the recurrence library is not loaded: `false` (default) throws
   * {@link RecurrenceNotLoadedError}; `true` answers without the RRULE occurrences (`pending: true`).
   */
  allowPending?: boolean | undefined;
}

/** @internal The reference instant: a civil date is the start of that day in Paris. */
export function referenceInstant(query: AgendaQuery, options: QueryOptions): number {
  const ref = query.referenceDate ?? options.referenceDate;
  if (ref === undefined) return Date.now();
  const t = toInstant(ref, DEFAULT_TIME_ZONE);
  if (Number.isNaN(t)) throw new RangeError(`Invalid reference date: ${String(ref)}`);
  return t;
}

function instantOrThrow(value: DateInput, what: string): number {
  const t = toInstant(value, DEFAULT_TIME_ZONE);
  if (Number.isNaN(t)) throw new RangeError(`Invalid ${what} date: ${String(value)}`);
  return t;
}

/** @internal The date window of a query: occurrences and the (shorter) horizon of open-ended rules. */
export function queryWindow(query: AgendaQuery, options: QueryOptions): { window: Window; ruleTo: number } {
  let from = Number.NEGATIVE_INFINITY;
  if (query.from !== undefined) from = instantOrThrow(query.from, 'start');
  else if (query.upcoming !== false) from = referenceInstant(query, options);
  const to = query.to === undefined ? Number.POSITIVE_INFINITY : instantOrThrow(query.to, 'end');
  const horizon = (query.horizonDays ?? DEFAULT_HORIZON_DAYS) * DAY_MS;
  const ruleTo = Number.isFinite(to)
    ? to
    : (Number.isFinite(from) ? from : referenceInstant(query, options)) + horizon;
  return { window: { from, to }, ruleTo };
}

/** A compiled filter over entries (everything but dates and facets). */
function baseFilter(query: AgendaQuery): (e: AgendaIndexEntry) => boolean {
  const words = queryWords(query.text);
  const t = query.territory;
  const sets = t && {
    communes: new Set(t.communes ?? []),
    epcis: new Set(t.epcis ?? []),
    departements: new Set(t.departements ?? []),
    regions: new Set(t.regions ?? []),
  };
  const hasTerritory = Boolean(
    sets && sets.communes.size + sets.epcis.size + sets.departements.size + sets.regions.size > 0,
  );
  const near = query.near;
  const radius = near?.radiusKm;
  return (e) => {
    const ev = e.p.event;
    if (query.hideCancelled && e.p.status === 'cancelled') return false;
    for (const w of words) if (!e.text.includes(` ${w}`)) return false;
    const online = query.includeOnline && e.onlineOnly;
    if (hasTerritory && sets && !online) {
      const cog = ev.place?.address?.cog;
      if (!cog) return false;
      const inside =
        (cog.commune !== undefined && sets.communes.has(cog.commune)) ||
        (cog.epci !== undefined && sets.epcis.has(cog.epci)) ||
        (cog.departement !== undefined && sets.departements.has(cog.departement)) ||
        (cog.region !== undefined && sets.regions.has(cog.region));
      if (!inside) return false;
    }
    if (near && radius !== undefined && !online) {
      const geo = ev.place?.geo;
      if (!geo || distanceKm(near, geo) > radius) return false;
    }
    return true;
  };
}

type FacetSets = Partial<Record<AgendaFacetName, ReadonlySet<string>>>;

/** The mask of an entry that matches every facet selection. */
const ALL_FACETS = (1 << AGENDA_FACET_NAMES.length) - 1;

/**
 * The first `limit` occurrences in order, without sorting them all: the `limit`-th smallest start is
 * found on a typed array, and only the occurrences up to it are sorted.
 */
function firstOccurrences(list: readonly AgendaOccurrence[], limit: number): AgendaOccurrence[] {
  if (limit <= 0) return [];
  let pool = list;
  if (list.length > limit * 2) {
    const starts = new Float64Array(list.length);
    list.forEach((o, i) => {
      starts[i] = o.start.getTime();
    });
    starts.sort();
    const threshold = starts[limit - 1] ?? Number.POSITIVE_INFINITY;
    pool = list.filter((o) => o.start.getTime() <= threshold);
  }
  return [...pool].sort(compareOccurrences).slice(0, limit);
}

function facetSets(query: AgendaQuery): FacetSets {
  const out: FacetSets = {};
  for (const name of AGENDA_FACET_NAMES) {
    const values = query.facets?.[name];
    if (values && values.length > 0) out[name] = new Set(values);
  }
  return out;
}

function matchesFacet(
  e: AgendaIndexEntry,
  name: AgendaFacetName,
  set: ReadonlySet<string> | undefined,
): boolean {
  if (!set) return true;
  for (const k of e.keys[name]) if (set.has(k)) return true;
  return false;
}

interface Candidate {
  e: AgendaIndexEntry;
  occurrences: AgendaOccurrence[];
  /** Bit i set when the entry matches the selection of facet i of {@link AGENDA_FACET_NAMES}. */
  facetMask: number;
}

/** @internal The entries passing every non-facet filter, with their occurrences in the window. */
function candidates(
  index: AgendaIndex,
  query: AgendaQuery,
  window: Window,
  ruleTo: number,
  options: QueryOptions,
  recent = false,
): { list: Candidate[]; sets: FacetSets; pending: boolean } {
  const keep = baseFilter(query);
  const sets = facetSets(query);
  const loaded = isRecurrenceLoaded();
  if (index.hasRules && !loaded && !options.allowPending) throw new RecurrenceNotLoadedError();
  const list: Candidate[] = [];
  const ruleWindow: Window = { from: window.from, to: Math.min(window.to, ruleTo) };
  for (const e of index.entries) {
    if (!keep(e)) continue;
    let occurrences: AgendaOccurrence[] = [];
    collect(e.p, window, occurrences, Number.POSITIVE_INFINITY, ruleWindow);
    if (recent) occurrences = occurrences.filter((o) => (o.end ?? o.start).getTime() <= window.to);
    if (occurrences.length === 0) continue;
    let facetMask = 0;
    AGENDA_FACET_NAMES.forEach((name, i) => {
      if (matchesFacet(e, name, sets[name])) facetMask |= 1 << i;
    });
    list.push({ e, occurrences, facetMask });
  }
  return { list, sets, pending: index.hasRules && !loaded };
}

function countFacets(
  index: AgendaIndex,
  list: readonly Candidate[],
  sets: FacetSets,
): Record<AgendaFacetName, AgendaFacetValueCount[]> {
  const out = {} as Record<AgendaFacetName, AgendaFacetValueCount[]>;
  AGENDA_FACET_NAMES.forEach((name, i) => {
    const counts = new Map<string, number>();
    const bit = 1 << i;
    for (const c of list) {
      // Every other facet's selection holds (this facet's own is ignored).
      if ((c.facetMask | bit) !== ALL_FACETS) continue;
      for (const v of c.e.keys[name]) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const selected = sets[name] ?? new Set<string>();
    for (const v of selected) if (!counts.has(v)) counts.set(v, 0);
    const values: AgendaFacetValueCount[] = [];
    for (const [value, count] of counts) {
      if (count === 0 && !selected.has(value)) continue;
      const label =
        name === 'attendance' || name === 'price'
          ? AGENDA_VALUE_LABELS[value]?.fr
          : name === 'categories' || name === 'themes'
            ? index.labels?.(value)
            : undefined;
      const item: AgendaFacetValueCount = { value, count, selected: selected.has(value) };
      if (label !== undefined) item.label = label;
      values.push(item);
    }
    values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    out[name] = values;
  });
  return out;
}

function asIndex(source: AgendaIndex | readonly Event[]): AgendaIndex {
  return Array.isArray(source) ? createAgendaIndex(source as readonly Event[]) : (source as AgendaIndex);
}

/**
 * Runs `query` over the events: matching occurrences by start, grouped by day, and facet counts.
 *
 * @example
 * const index = createAgendaIndex(events);
 * await loadRecurrence(); // only if some events have an rrule (index.hasRules)
 * const { total, days, facets } = queryAgenda(index, { facets: { departement: ['31'] } }, {
 *   referenceDate: '2026-11-02',
 * });
 */
export function queryAgenda(
  source: AgendaIndex | readonly Event[],
  query: AgendaQuery = {},
  options: QueryOptions = {},
): AgendaResult {
  const index = asIndex(source);
  const { window, ruleTo } = queryWindow(query, options);
  const { list, sets, pending } = candidates(index, query, window, ruleTo, options);
  const occurrences: AgendaOccurrence[] = [];
  let eventCount = 0;
  for (const c of list) {
    if (c.facetMask !== ALL_FACETS) continue;
    eventCount++;
    for (const o of c.occurrences) occurrences.push(o);
  }
  const limit = Math.max(0, Math.floor(query.limit ?? DEFAULT_AGENDA_LIMIT));
  const shown = firstOccurrences(occurrences, limit);
  const entries = groupEntries(occurrences, referenceInstant(query, options));
  const listed = entries.slice(0, limit);
  return {
    total: occurrences.length,
    eventCount,
    occurrences: shown,
    days: groupByDay(shown, Number.isFinite(window.from) ? { from: window.from } : {}),
    entryTotal: entries.length,
    entries: listed,
    entryDays: entryDays(listed, window.from),
    facets: countFacets(index, list, sets),
    window: {
      from: Number.isFinite(window.from) ? new Date(window.from) : undefined,
      to: Number.isFinite(window.to) ? new Date(window.to) : new Date(ruleTo),
    },
    pending,
  };
}

/**
 * The `n` most recent occurrences already over before the query's window (its `from`, or the reference
 * date), with the query's other filters: what to offer when nothing is upcoming. Most recent first.
 */
export function latestPast(
  source: AgendaIndex | readonly Event[],
  n: number,
  query: AgendaQuery = {},
  options: QueryOptions = {},
): AgendaOccurrence[] {
  const index = asIndex(source);
  const before =
    query.from !== undefined ? instantOrThrow(query.from, 'start') : referenceInstant(query, options);
  const window: Window = { from: Number.NEGATIVE_INFINITY, to: before };
  const { list } = candidates(index, query, window, before, options, true);
  const out: AgendaOccurrence[] = [];
  for (const c of list) {
    if (c.facetMask !== ALL_FACETS) continue;
    for (const o of c.occurrences.slice(-Math.max(0, n))) out.push(o);
  }
  out.sort((a, b) => compareOccurrences(b, a));
  return out.slice(0, Math.max(0, n));
}

/** Options of {@link groupByDay}. */
export interface GroupByDayOptions {
  /** Zone of the days (default Europe/Paris). */
  timeZone?: string;
  /** Occurrences that started before this instant (still going on) are put on its day. */
  from?: DateInput;
}

/**
 * Groups occurrences by the civil day of their start in Europe/Paris (or `timeZone`): an event at
 * 23:30 UTC in winter is on the next Paris day. Days in order; each day's occurrences by start.
 */
export function groupByDay(
  occurrences: readonly AgendaOccurrence[],
  options: GroupByDayOptions = {},
): DayGroup[] {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const from = options.from === undefined ? Number.NEGATIVE_INFINITY : toInstant(options.from, timeZone);
  const groups = new Map<string, AgendaOccurrence[]>();
  for (const o of occurrences) {
    const key = dateKeyOf(Math.max(o.start.getTime(), from), timeZone);
    let g = groups.get(key);
    if (!g) {
      g = [];
      groups.set(key, g);
    }
    g.push(o);
  }
  return [...groups.keys()].sort().map((date) => ({
    date,
    occurrences: (groups.get(date) ?? []).sort(compareOccurrences),
  }));
}

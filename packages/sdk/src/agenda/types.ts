/**
 * Public types of the agenda module.
 *
 * @module
 */
import type { Event, EventStatus } from '../schema/event.ts';
import type { AgendaEntry, EntryDay } from './entries.ts';

/**
 * One dated occurrence of an event, expanded from its explicit `occurrences` (OpenAgenda `timings`), its
 * `rrule` (minus `exdates`), or its single `start`/`end`. Named `AgendaOccurrence` because the schema's
 * `Occurrence` (a `{ start, end }` item of an event) is already exported by the SDK.
 */
export interface AgendaOccurrence {
  readonly eventId: string;
  /** The event this occurrence belongs to (for its title, place, links…). */
  readonly event: Event;
  readonly start: Date;
  readonly end?: Date | undefined;
  /** `start` in the event's zone, with that day's offset: `2026-10-27T18:00:00+01:00`. */
  readonly startIso: string;
  readonly endIso?: string | undefined;
  /** The IANA zone the ISO strings are written in (the event's, Europe/Paris by default). */
  readonly timeZone: string;
  /** The event's status (a cancelled or postponed event is returned, flagged, never silently hidden). */
  readonly status: EventStatus;
  /**
   * Stable number of the occurrence within its event: explicit occurrences are numbered 0…n−1 in date
   * order, then RRULE occurrences n + their rank in the rule (counting excluded dates, so that excluding
   * one date does not renumber the others). A single `start`/`end` is 0. Used in ICS UIDs.
   */
  readonly index: number;
  /** Where the occurrence comes from. */
  readonly source: 'occurrences' | 'rrule' | 'start';
}

/** A point in time: a `Date`, epoch milliseconds, an ISO date-time, or a civil date `YYYY-MM-DD`. */
export type DateInput = Date | number | string;

/** A time window. `from` is inclusive, `to` exclusive; both optional. */
export interface DateRange {
  /**
   * Keep occurrences still going on at `from` (those that end after it, or start at or after it).
   * A civil date `YYYY-MM-DD` is the start of that day in Europe/Paris.
   */
  from?: DateInput | undefined;
  /** Keep occurrences that start before `to`. */
  to?: DateInput | undefined;
}

/** The facets the agenda counts, in display order. */
export const AGENDA_FACET_NAMES = ['categories', 'themes', 'departement', 'attendance', 'price'] as const;

/**
 * An agenda facet:
 * - `categories`, `themes`: the event's concept ids;
 * - `departement`: `place.address.cog.departement`;
 * - `attendance`: `offline` (in person), `online`, `mixed` — an event whose status is `moved-online`
 *   counts as `online`;
 * - `price`: `free` or `paid` (`price.free`); events without price information have neither.
 */
export type AgendaFacetName = (typeof AGENDA_FACET_NAMES)[number];

/** Selected values per facet: OR inside a facet, AND across facets. */
export type AgendaFacetSelection = Partial<Record<AgendaFacetName, readonly string[]>>;

/** Official COG codes (from `place.address.cog`); an event is kept when it lies in any listed area. */
export interface AgendaTerritory {
  communes?: readonly string[];
  epcis?: readonly string[];
  departements?: readonly string[];
  regions?: readonly string[];
}

/** A reference point (WGS 84); with `radiusKm`, only events whose place is within that distance. */
export interface AgendaNear {
  lat: number;
  lon: number;
  radiusKm?: number;
}

/**
 * What to show. Every part is optional.
 *
 * Dates: with `from`/`to`, occurrences overlapping that window; otherwise, when `upcoming` is not
 * `false`, occurrences not yet over at the reference date ("today" of the component's `reference-date`
 * attribute, or now). An RRULE without an end is expanded up to `to`, or `horizonDays` after the start of
 * the window.
 */
export interface AgendaQuery {
  /** Free text, matched (French normalisation, word prefixes, every word) against title, descriptions,
   * keywords, place, commune, organiser and concept labels. */
  text?: string;
  from?: DateInput;
  to?: DateInput;
  /** Without `from`: start at the reference date (default true). `false` with no `from`: all past too. */
  upcoming?: boolean;
  /** Overrides the connector's reference date (a civil date means the start of that day in Paris). */
  referenceDate?: DateInput;
  /** Facet selections (OR inside a facet, AND across facets). */
  facets?: AgendaFacetSelection;
  territory?: AgendaTerritory;
  near?: AgendaNear;
  /**
   * With `territory` or `near`: also keep events that are online only (they have no place, and can be
   * followed from anywhere). Default false.
   */
  includeOnline?: boolean;
  /** Hide cancelled events (by default they are listed, flagged by their status). */
  hideCancelled?: boolean;
  /** At most this many occurrences in `occurrences` and `days` (default 100; `total` counts them all). */
  limit?: number;
  /** How far an open-ended RRULE is expanded without `to`, in days (default 366). */
  horizonDays?: number;
}

/** A facet value with the number of events it would give. */
export interface AgendaFacetValueCount {
  value: string;
  /** Display label, when known. */
  label?: string;
  /**
   * Events (not occurrences) matching the query with every filter but this facet's own selection
   * (disjunctive faceting, like the directory).
   */
  count: number;
  selected: boolean;
}

/** The occurrences of one civil day. */
export interface DayGroup {
  /** `YYYY-MM-DD` in the grouping zone (Europe/Paris by default). */
  date: string;
  occurrences: AgendaOccurrence[];
}

/** What {@link queryAgenda} returns. */
export interface AgendaResult {
  /** Number of matching occurrences in the window. */
  total: number;
  /** Number of distinct matching events. */
  eventCount: number;
  /** The first `limit` matching occurrences, by start (then title). */
  occurrences: AgendaOccurrence[];
  /** The same occurrences grouped by day (an occurrence already going on at the window's start is put
   * on that first day). */
  days: DayGroup[];
  /**
   * The matches as a programme reads: one entry per event or series (an event over consecutive days
   * once, with its range; the same title and organiser at several places or dates once), by first
   * occurrence, at most `limit` of them.
   */
  entries: AgendaEntry[];
  /** Number of entries (all of them, not only the first `limit`). */
  entryTotal: number;
  /** The same entries by day: on the day of their first occurrence in the window; those that started
   * before the window are "en cours" on its first day. */
  entryDays: EntryDay[];
  /** Facet counts: values with a count above 0, most frequent first, then selected values at 0. */
  facets: Record<AgendaFacetName, AgendaFacetValueCount[]>;
  /** The window actually used (instants), `to` possibly the RRULE horizon. */
  window: { from?: Date | undefined; to?: Date | undefined };
  /**
   * True when some events repeat by RRULE and the recurrence library is not loaded yet: their rule
   * occurrences are missing (only their explicit ones are there). The connector reloads by itself.
   */
  pending: boolean;
}

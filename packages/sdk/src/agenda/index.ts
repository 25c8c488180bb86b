/**
 * The agenda: headless, pure, the same in Node ≥ 20 and browsers (no DOM, no Node API).
 *
 * - occurrences of events from their explicit dates (OpenAgenda `timings`) or their RRULE + EXDATEs,
 *   right in the event's time zone across daylight-saving changes ({@link expandOccurrences});
 * - queries: date window / upcoming from a reference date, text, categories, themes, territory (COG),
 *   distance, attendance, price, status, with disjunctive facet counts ({@link queryAgenda}), and a
 *   stateful connector for UI layers ({@link createAgendaConnector});
 * - days in Europe/Paris: grouping by day, month grid (6 × 7, Monday first), week;
 * - events ↔ organiser structures;
 * - iCalendar output (RFC 5545) for "Ajouter à mon agenda", downloads and subscribable calendars.
 *
 * What loads lazily: the RRULE library (`rrule`, 13.6 KB gzip) is imported on first need only — events
 * without `rrule` never load it. The ICS writer is plain code with no dependency (5 KB gzip with what it
 * shares with the rest); a component keeps it out of its first bundle with {@link loadIcs}.
 *
 * @module
 */
export * from './types.ts';
export {
  DEFAULT_TIME_ZONE,
  dateKeyOf,
  isValidTimeZone,
  offsetMinutes,
  resolveTimeZone,
  startOfDay,
  toZonedIso,
  wallToInstant,
  type DateKey,
} from './time.ts';
export {
  isRecurrenceLoaded,
  loadRecurrence,
  RecurrenceNotLoadedError,
} from './recurrence.ts';
export {
  compareOccurrences,
  effectiveAttendance,
  expandOccurrences,
  expandOccurrencesSync,
  MAX_RULE_OCCURRENCES,
  needsRecurrence,
  type ExpandOptions,
} from './expand.ts';
export {
  AGENDA_VALUE_LABELS,
  createAgendaIndex,
  DEFAULT_AGENDA_LIMIT,
  DEFAULT_HORIZON_DAYS,
  groupByDay,
  latestPast,
  queryAgenda,
  queryWords,
  type AgendaIndex,
  type AgendaIndexOptions,
  type GroupByDayOptions,
  type QueryOptions,
} from './query.ts';
export {
  entryDays,
  eventSpan,
  groupEntries,
  seriesKey,
  splitDay,
  type AgendaEntry,
  type AgendaSpan,
  type EntryDay,
} from './entries.ts';
export {
  formatClock,
  formatDay,
  formatDayRange,
  formatEntryDates,
  formatTimeRange,
  type WhenLang,
  type WhenOptions,
} from './when.ts';
export {
  daysWindow,
  monthGrid,
  monthGridDates,
  monthWindow,
  weekDates,
  weekDays,
  weekWindow,
  type CalendarDay,
  type CalendarOptions,
} from './calendar.ts';
export {
  type FeedLinkCounts,
  type FeedLinks,
  type LinkedEvent,
  type LinkedStructure,
  type LinkVia,
  linkFeed,
  PLACE_LINK_METRES,
  type UpcomingEvent,
  upcomingEventsOf,
} from './feed-links.ts';
export {
  eventsByOrganizer,
  indexEventsByOrganizer,
  organizersOf,
  structuresById,
  type StructureLookup,
} from './links.ts';
export {
  createAgendaListConnector,
  normalizeAgendaQuery,
  type AgendaConnectorOptions,
  type AgendaListConnector,
  type AgendaListener,
  type AgendaState,
} from './connector.ts';
export { createAgendaConnector, withCalendar, type AgendaConnector } from './connector-calendar.ts';
export {
  buildCalendar,
  ESSAIM_PRODID,
  escapeText,
  EVENT_STATUS_LABELS,
  eventsToIcs,
  eventToIcs,
  foldLine,
  icsFileName,
  occurrencesToIcs,
  occurrenceToIcs,
  occurrenceUid,
  partitionEvents,
  type BuildCalendarInput,
  type CalendarPartition,
  type IcsCalendarOptions,
  type IcsEventOptions,
} from './ics.ts';
export { vtimezoneLines } from './vtimezone.ts';

/**
 * Loads the ICS writer as a separate chunk, for a component whose first render does not write ICS (the
 * "Ajouter à mon agenda" button): `const { eventToIcs } = await loadIcs();`. It goes through a facade
 * module (`ics-lazy.ts`) so that bundlers (Vite/Rolldown) split it out even though this index also
 * exports the same functions statically (for the CLI and for Node).
 */
export function loadIcs(): Promise<typeof import('./ics-lazy.ts')> {
  return import('./ics-lazy.ts');
}

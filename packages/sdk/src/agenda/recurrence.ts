/**
 * RRULE expansion, loaded on demand.
 *
 * Library choice (measured with `esbuild --bundle --minify`, then gzip -9):
 * - **`rrule` 2.8.1** (python-dateutil's algorithm, the most used RRULE library in JavaScript):
 *   46 KB minified, **13.6 KB gzip**. Its `tzid` support is the known pitfall (it returns "UTC dates that
 *   are really local times" and mishandles offsets around daylight-saving changes), so we never give it
 *   a `tzid`: it expands the rule on *floating* wall-clock times (which have no daylight saving), and each
 *   local time is then placed in the event's zone with `Intl` ({@link wallToInstant}), as RFC 5545 says
 *   a rule with a TZID start is evaluated (in local time). A Tuesday 18:00 stays 18:00 local after the
 *   last Sunday of October, its offset going from +02:00 to +01:00.
 * - `rrule-temporal` 2.2.8: correct time zones through Temporal, but 52 KB gzip by itself, plus a
 *   Temporal polyfill (temporal-polyfill 1.0.8: 20 KB gzip) where Temporal is missing (Node 20).
 * - `ical.js` 2.2.1: expands rules correctly but needs a VTIMEZONE for zones and weighs 23 KB gzip (the
 *   whole iCalendar/vCard parser). We use it only in tests, as the independent parser of our ICS output.
 *
 * The library is imported with a dynamic `import()` the first time a rule must be expanded, so agendas
 * whose events only list explicit occurrences (OpenAgenda `timings`) never download it.
 *
 * @module
 */
import type * as Engine from './recurrence-engine.ts';
import { instantToWall } from './time.ts';

let engine: typeof Engine | undefined;
let loading: Promise<void> | undefined;

/** Whether the RRULE library is loaded (then every expansion can run synchronously). */
export function isRecurrenceLoaded(): boolean {
  return engine !== undefined;
}

/**
 * Loads the RRULE library (once; later calls return the same promise). Call it before synchronous
 * expansions of events that have an `rrule`; the async functions of this module call it for you.
 * The library and the code that drives it (`recurrence-engine.ts`) are one chunk, loaded here.
 */
export function loadRecurrence(): Promise<void> {
  if (engine) return Promise.resolve();
  loading ??= import('./recurrence-engine.ts').then(
    (mod) => {
      mod.check();
      engine = mod;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Thrown by synchronous functions asked to expand an RRULE before {@link loadRecurrence} resolved. */
export class RecurrenceNotLoadedError extends Error {
  override name = 'RecurrenceNotLoadedError';
  constructor() {
    super(
      'This event repeats with an RRULE and the recurrence library is not loaded yet: ' +
        '`await loadRecurrence()` first, or use the async `expandOccurrences()`.',
    );
  }
}

/** A rule ready to iterate: floating wall times from the event's first local start. */
export interface CompiledRule {
  /** Calls `visit(wall, ordinal)` for each occurrence, in order, until it returns false. */
  each(visit: (wall: number, ordinal: number) => boolean): void;
}

/**
 * Compiles `rrule` (RRULE value, with or without the `RRULE:` prefix) starting at wall time
 * `startWall` in `timeZone`. `UNTIL` in UTC (`…Z`) is converted to the zone's wall time; a date-only
 * `UNTIL` includes that whole day. Throws {@link RecurrenceNotLoadedError} when the library is not
 * loaded, and the library's error on an invalid rule.
 */
export function compileRule(rrule: string, startWall: number, timeZone: string): CompiledRule {
  if (!engine) throw new RecurrenceNotLoadedError();
  return engine.compileRule(rrule, startWall, (ms) => instantToWall(ms, timeZone));
}

/**
 * The counting of a territory's profile: values tallied over its structures, the coverage and freshness
 * of its records, and its events in the twelve months around "now".
 */
import type { Feed } from '../feed.ts';
import type { Event } from '../schema/event.ts';
import type { Structure } from '../schema/structure.ts';
import type {
  Breakdown,
  ExpandedOccurrence,
  TerritoryLevel,
  TerritoryProfile,
  TerritoryProfileOptions,
  ValueCount,
} from './types.ts';

export const YEAR_MS = 365.25 * 86_400_000;

export function tally(counts: Map<string, number>, id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** Most frequent first, ties by id. */
export function sorted(counts: Map<string, number>): ValueCount[] {
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function breakdown(
  records: readonly Structure[],
  values: (s: Structure) => readonly string[] | undefined,
): Breakdown {
  const counts = new Map<string, number>();
  let none = 0;
  for (const s of records) {
    const v = values(s);
    if (!v?.length) none++;
    else for (const id of new Set(v)) tally(counts, id);
  }
  return { items: sorted(counts), none };
}

/** The record years and the coverage of the territory's records (`feedWithoutCode`, `feedTotal` and `sources` apart). */
export function recordsCoverage(
  records: readonly Structure[],
  nowMs: number,
): {
  recordYears: TerritoryProfile['recordYears'];
  coverage: Omit<TerritoryProfile['coverage'], 'feedWithoutCode' | 'feedTotal' | 'sources'>;
  sourceIds: ReadonlySet<string>;
} {
  const yearAgo = nowMs - YEAR_MS;
  const years = new Map<string, number>();
  let unknownYear = 0;
  const sources = new Map<string, number>();
  let updated = 0;
  let oldest: string | null = null;
  let newest: string | null = null;
  let oldestMs = Number.POSITIVE_INFINITY;
  let newestMs = Number.NEGATIVE_INFINITY;
  let withoutCoordinates = 0;
  for (const s of records) {
    const y = s.createdAt && /^\d{4}/.exec(s.createdAt)?.[0];
    if (y) tally(years, y);
    else unknownYear++;
    for (const source of new Set(s.provenance.map((p) => p.source))) tally(sources, source);
    const u = s.updatedAt ? Date.parse(s.updatedAt) : Number.NaN;
    if (!Number.isNaN(u)) {
      if (u >= yearAgo && u <= nowMs) updated++;
      if (u < oldestMs) [oldestMs, oldest] = [u, s.updatedAt ?? null];
      if (u > newestMs) [newestMs, newest] = [u, s.updatedAt ?? null];
    }
    if (!s.geo) withoutCoordinates++;
  }
  const total = records.length;
  return {
    recordYears: {
      items: [...years].map(([y, count]) => ({ year: Number(y), count })).sort((a, b) => a.year - b.year),
      unknown: unknownYear,
    },
    coverage: {
      bySource: sorted(sources),
      updatedLast12Months: updated,
      updatedShare: total ? updated / total : null,
      oldestUpdate: oldest,
      newestUpdate: newest,
      withoutCoordinates,
    },
    sourceIds: new Set(sources.keys()),
  };
}

/** The explicit dates of an event (`occurrences`, else `start`); `undefined` when a rule repeats it. */
function explicitOccurrences(e: Event): ExpandedOccurrence[] | undefined {
  if (e.rrule) return undefined;
  const starts = e.occurrences?.length ? e.occurrences.map((o) => o.start) : e.start ? [e.start] : [];
  return starts.map((iso) => ({ start: new Date(iso), startIso: iso }));
}

/** The events held in the territory (by their place's `address.cog`) in the twelve months around `nowMs`. */
export function territoryEvents(
  events: Feed['events'],
  level: TerritoryLevel,
  code: string,
  nowMs: number,
  options: TerritoryProfileOptions,
): TerritoryProfile['events'] {
  const yearAgo = nowMs - YEAR_MS;
  const yearAhead = nowMs + YEAR_MS;
  let pastEvents = 0;
  let pastOcc = 0;
  let nextEvents = 0;
  let nextOcc = 0;
  let unexpanded = 0;
  const upcoming: { id: string; title: string; start: string; ms: number }[] = [];
  for (const e of events) {
    if (e.place?.address?.cog?.[level] !== code) continue;
    const occurrences = options.expand
      ? options.expand(e, { from: yearAgo, to: yearAhead })
      : explicitOccurrences(e);
    if (!occurrences) {
      unexpanded++;
      continue;
    }
    let past = 0;
    let next = 0;
    let first: (typeof occurrences)[number] | undefined;
    for (const o of occurrences) {
      const ms = o.start.getTime();
      if (ms >= yearAgo && ms < nowMs) past++;
      else if (ms >= nowMs && ms < yearAhead) {
        next++;
        first ??= o;
      }
    }
    pastOcc += past;
    nextOcc += next;
    if (past) pastEvents++;
    if (next && first) {
      nextEvents++;
      upcoming.push({ id: e.id, title: e.title, start: first.startIso, ms: first.start.getTime() });
    }
  }
  upcoming.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1));
  const limit = Math.max(0, options.upcomingLimit ?? 5);
  return {
    past: { events: pastEvents, occurrences: pastOcc },
    next: { events: nextEvents, occurrences: nextOcc },
    upcoming: upcoming.slice(0, limit).map(({ id, title, start }) => ({ id, title, start })),
    unexpanded,
  };
}

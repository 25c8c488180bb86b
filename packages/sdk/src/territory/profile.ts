/**
 * The ESS of a territory at a glance, headless: `territoryProfile(feed, territory)` counts the structures
 * of the feed held in a commune, an EPCI, a département or a région (official COG codes; EPCI by SIREN)
 * by family, legal form, theme, public and network, per commune (EPCI) or per EPCI (département,
 * région), per 10,000 inhabitants, against the parent territory; the territory's events of the last and
 * next twelve months; and the coverage of the feed there (records per source, freshness, records without
 * a position), so that no figure reads as "all the ESS of the territory": they are the records of this feed.
 *
 * A record is in the territory when its `address.cog` carries the territory's code at that level: the
 * same rule as the search's and the agenda's territory scope, so a directory filtered by the same
 * attribute lists exactly the structures counted here.
 *
 * Names, populations, member communes and parents come from `@essaim/sdk/places` (~410 KB gzip of data):
 * pass it as `options.places` (`await loadPlaces()`); without it, those figures are `null` and the
 * counts are the same.
 *
 * @module
 */
import type { Feed } from '../feed.ts';
import type { PlacesModule } from '../places/load.ts';
import type { Place } from '../places/types.ts';
import type { Event } from '../schema/event.ts';
import type { FeedSource } from '../schema/feed.ts';
import type { Structure } from '../schema/structure.ts';

/** The levels of a territory, from the smallest. */
export const TERRITORY_LEVELS = ['commune', 'epci', 'departement', 'region'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** A territory: its level and its official code (INSEE COG; EPCI by SIREN). */
export interface TerritoryRef {
  readonly level: TerritoryLevel;
  readonly code: string;
}

/**
 * Where the populations come from: INSEE's population municipale as shipped by
 * `@etalab/decoupage-administratif` 6.0.0 (COG 2026), i.e. the populations légales of 2023 in force on
 * 1 January 2026 (the package's README cites INSEE's "Population légale" page 8680726).
 */
export const POPULATION_SOURCE = {
  year: 2023,
  label: {
    fr: 'Insee, population municipale 2023 (populations légales en vigueur au 1er janvier 2026), code officiel géographique 2026',
    en: 'INSEE, 2023 municipal population (legal populations in force on 1 January 2026), 2026 official geographic code',
  },
} as const;

export interface TerritoryProfileOptions {
  /** `@essaim/sdk/places` (`await loadPlaces()`): names, populations, member communes, parents. */
  readonly places?: PlacesModule | undefined;
  /**
   * "Now" for the twelve-month windows (events, freshness): a `Date`, epoch milliseconds or an ISO date
   * (a bare `YYYY-MM-DD` is midnight UTC); default: the current time.
   */
  readonly now?: Date | number | string | undefined;
  /**
   * The occurrences of an event starting in `[from, to)` (instants): pass the agenda's
   * `expandOccurrencesSync` (after `loadRecurrence()`) to count events repeated by a rule. Without it,
   * the explicit dates (`occurrences`, else `start`) are read, and events with a rule are counted in
   * `events.unexpanded`. (The profile does not import the agenda: a page showing it loads no date code.)
   */
  readonly expand?:
    | ((event: Event, range: { from: number; to: number }) => readonly ExpandedOccurrence[])
    | undefined;
  /** How many of the next events are listed (default 5). */
  readonly upcomingLimit?: number | undefined;
}

/** What the profile reads of an occurrence (the agenda's `AgendaOccurrence` has it). */
export interface ExpandedOccurrence {
  readonly start: Date;
  /** ISO with offset. */
  readonly startIso: string;
}

/** The explicit dates of an event (`occurrences`, else `start`); `undefined` when a rule repeats it. */
function explicitOccurrences(e: Event): ExpandedOccurrence[] | undefined {
  if (e.rrule) return undefined;
  const starts = e.occurrences?.length ? e.occurrences.map((o) => o.start) : e.start ? [e.start] : [];
  return starts.map((iso) => ({ start: new Date(iso), startIso: iso }));
}

/** One value and how many records have it. */
export interface ValueCount {
  readonly id: string;
  readonly count: number;
}

/**
 * Counts of one field over the territory's structures, most frequent first (ties by id). A record may
 * have several values (legal forms, themes, publics, networks): the counts can add up to more than the
 * total; `none` is the number of records with no value at all.
 */
export interface Breakdown {
  readonly items: readonly ValueCount[];
  readonly none: number;
}

/** The figures of a territory or of one of its parts. */
export interface AreaFigures {
  readonly level: TerritoryLevel;
  readonly code: string;
  /** Official name (`null` without `places`, or for a code the places data does not know). */
  readonly name: string | null;
  /** Structures of the feed in it. */
  readonly structures: number;
  /** Population municipale (sum over its communes; for a part of a département or région: its communes there). */
  readonly population: number | null;
  /** Structures per 10,000 inhabitants (`null` when the population is unknown or zero). */
  readonly per10k: number | null;
}

/** The parent territory (commune → EPCI → département → région) for comparison. */
export interface ParentFigures extends AreaFigures {
  /** The territory's structures as a share of the parent's (0…1; `null` when the parent has none). */
  readonly share: number | null;
  /** The territory's population as a share of the parent's (0…1), to read `share` against. */
  readonly populationShare: number | null;
}

/** An event of the territory, as listed. */
export interface ProfileEvent {
  readonly id: string;
  readonly title: string;
  /** Its first occurrence in the window, ISO with offset. */
  readonly start: string;
}

export interface TerritoryProfile {
  readonly territory: AreaFigures & {
    /** False when the places data does not know this code (checked only with `places`). */
    readonly known: boolean;
  };
  /** When the windows were taken from (ISO). */
  readonly now: string;
  /** Where the populations come from; `null` without `places`. */
  readonly population: {
    readonly year: number;
    readonly label: { readonly fr: string; readonly en: string };
    /** Communes of the territory without a population in the data (their inhabitants are not counted). */
    readonly communesWithout: number;
    readonly communes: number;
  } | null;
  readonly byFamily: Breakdown;
  readonly byLegalForm: Breakdown;
  readonly byTheme: Breakdown;
  readonly byPublic: Breakdown;
  readonly byNetwork: Breakdown;
  /**
   * The territory's parts: its communes (EPCI) or its EPCI (département, région), each with its
   * structures, population and rate; every part the places data lists is there, with 0 when the feed
   * has nothing there. `unassigned`: structures of the territory in no listed part (no commune or EPCI
   * code, or a code that is not a member). `null` for a commune.
   */
  readonly parts: {
    readonly level: 'commune' | 'epci';
    readonly items: readonly AreaFigures[];
    readonly unassigned: number;
  } | null;
  /**
   * The parent territory: the commune's EPCI; the EPCI's département, or its région when its communes
   * lie in several départements; the département's région. `null` for a région, or when unknown.
   */
  readonly parent: ParentFigures | null;
  /**
   * The year each record was created in its source (`createdAt`), where known. Not the year the
   * organisation was founded: the feed's schema has no founding date.
   */
  readonly recordYears: {
    readonly items: readonly { year: number; count: number }[];
    readonly unknown: number;
  };
  /** Events held in the territory (by their place's `address.cog`). */
  readonly events: {
    /** Events with an occurrence starting in the twelve months before `now`, and their occurrences. */
    readonly past: { readonly events: number; readonly occurrences: number };
    /** Events with an occurrence starting in the twelve months from `now`, and their occurrences. */
    readonly next: { readonly events: number; readonly occurrences: number };
    /** The first of the next events, by date. */
    readonly upcoming: readonly ProfileEvent[];
    /** Events repeated by a rule, not counted (no `expand` option given). */
    readonly unexpanded: number;
  };
  readonly coverage: {
    /** Records per source (`provenance[].source`; a merged record counts for each of its sources). */
    readonly bySource: readonly ValueCount[];
    /** Records updated in the twelve months before `now`, and their share of the total. */
    readonly updatedLast12Months: number;
    readonly updatedShare: number | null;
    readonly oldestUpdate: string | null;
    readonly newestUpdate: string | null;
    /** Records of the territory without coordinates (not on a map). */
    readonly withoutCoordinates: number;
    /**
     * Records of the whole feed with no code at this level (no place, or a coarser one): they can be
     * nowhere in a count by territory of this level.
     */
    readonly feedWithoutCode: number;
    readonly feedTotal: number;
    /** The feed's sources that have records here (credits, licences, dates), in the manifest's order. */
    readonly sources: readonly FeedSource[];
  };
  /** The ids of the territory's structures, in feed order. */
  readonly structureIds: readonly string[];
}

const YEAR_MS = 365.25 * 86_400_000;

function tally(counts: Map<string, number>, id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

function sorted(counts: Map<string, number>): ValueCount[] {
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function breakdown(records: readonly Structure[], values: (s: Structure) => readonly string[] | undefined) {
  const counts = new Map<string, number>();
  let none = 0;
  for (const s of records) {
    const v = values(s);
    if (!v?.length) none++;
    else for (const id of new Set(v)) tally(counts, id);
  }
  return { items: sorted(counts), none };
}

const rate = (n: number, population: number | null) => (population ? (n * 10_000) / population : null);

/** The communes (not arrondissements) of a territory in the places data; `undefined` when unknown. */
function communesOf(places: PlacesModule, t: TerritoryRef): Place[] | undefined {
  switch (t.level) {
    case 'commune': {
      const p = places.getCommune(t.code);
      return p && p.code === t.code ? [p] : undefined;
    }
    case 'epci':
      return places.getEpci(t.code) ? places.epciMembers(t.code) : undefined;
    case 'departement':
      if (!places.getDepartement(t.code)) return undefined;
      return places.allPlaces().filter((p) => p.kind === 'commune' && p.departement.code === t.code);
    case 'region':
      if (!places.getRegion(t.code)) return undefined;
      return places.allPlaces().filter((p) => p.kind === 'commune' && p.region.code === t.code);
  }
}

function nameOf(places: PlacesModule, t: TerritoryRef): string | null {
  switch (t.level) {
    case 'commune': {
      const p = places.getCommune(t.code);
      return p && p.code === t.code ? p.name : null;
    }
    case 'epci':
      return places.getEpci(t.code)?.name ?? null;
    case 'departement':
      return places.getDepartement(t.code)?.name ?? null;
    case 'region':
      return places.getRegion(t.code)?.name ?? null;
  }
}

function populationOf(communes: readonly Place[]): { total: number | null; without: number } {
  let total = 0;
  let without = 0;
  for (const p of communes) {
    if (p.population === undefined) without++;
    else total += p.population;
  }
  return { total: communes.length > without ? total : null, without };
}

/** The parent territory of `t` (see {@link TerritoryProfile.parent}). */
function parentOf(
  t: TerritoryRef,
  communes: readonly Place[] | undefined,
  records: readonly Structure[],
): TerritoryRef | undefined {
  const common = (key: (p: Place) => string | undefined): string | undefined => {
    const codes = new Set(communes?.map(key));
    return codes.size === 1 ? [...codes][0] : undefined;
  };
  const fromRecords = (level: TerritoryLevel): string | undefined => {
    const codes = new Set(records.map((s) => s.address?.cog?.[level]).filter(Boolean));
    return codes.size === 1 ? [...codes][0] : undefined;
  };
  const pick = (level: TerritoryLevel, fromPlaces: string | undefined) => {
    const code = communes ? fromPlaces : fromRecords(level);
    return code ? { level, code } : undefined;
  };
  switch (t.level) {
    case 'commune':
      return pick(
        'epci',
        common((p) => p.epci?.code),
      );
    case 'epci':
      return (
        pick(
          'departement',
          common((p) => p.departement.code),
        ) ??
        pick(
          'region',
          common((p) => p.region.code),
        )
      );
    case 'departement':
      return pick(
        'region',
        common((p) => p.region.code),
      );
    case 'region':
      return undefined;
  }
}

/**
 * The profile of a territory in a feed. Pure and synchronous; give `places` for names and populations,
 * and `expand` to count events repeated by a rule (otherwise they are counted in `events.unexpanded`).
 *
 * @example
 * const places = await loadPlaces();
 * const p = territoryProfile(feed, { level: 'epci', code: '200054781' }, { places });
 * p.territory.structures; // structures of the feed in the Métropole du Grand Paris
 * p.coverage.bySource;   // where they come from
 */
export function territoryProfile(
  feed: Pick<Feed, 'structures' | 'events' | 'manifest'>,
  territory: TerritoryRef,
  options: TerritoryProfileOptions = {},
): TerritoryProfile {
  const { places } = options;
  const level = territory.level;
  const code = territory.code.trim().toUpperCase();
  const t = { level, code };
  const nowMs =
    options.now === undefined
      ? Date.now()
      : options.now instanceof Date
        ? options.now.getTime()
        : typeof options.now === 'number'
          ? options.now
          : Date.parse(options.now);
  if (Number.isNaN(nowMs)) throw new RangeError(`Invalid date: ${String(options.now)}`);
  const yearAgo = nowMs - YEAR_MS;
  const yearAhead = nowMs + YEAR_MS;

  // --- the territory's structures, and the whole feed's coverage at this level
  const records: Structure[] = [];
  let feedWithoutCode = 0;
  for (const s of feed.structures) {
    const c = s.address?.cog?.[level];
    if (c === undefined) feedWithoutCode++;
    else if (c === code) records.push(s);
  }

  const communes = places ? communesOf(places, t) : undefined;
  const pop = communes ? populationOf(communes) : undefined;
  const name = places ? nameOf(places, t) : null;

  // --- parts: communes of an EPCI, EPCI of a département or région
  let parts: TerritoryProfile['parts'] = null;
  if (level !== 'commune') {
    const partLevel = level === 'epci' ? 'commune' : 'epci';
    const counts = new Map<string, number>();
    for (const s of records) {
      const c = s.address?.cog?.[partLevel];
      if (c !== undefined) tally(counts, c);
    }
    const items = new Map<string, { name: string | null; members: Place[] }>();
    if (communes) {
      for (const p of communes) {
        const key = partLevel === 'commune' ? p.code : p.epci?.code;
        if (!key) continue;
        const item = items.get(key);
        if (item) item.members.push(p);
        else
          items.set(key, { name: partLevel === 'commune' ? p.name : (p.epci?.name ?? null), members: [p] });
      }
    } else for (const key of counts.keys()) items.set(key, { name: null, members: [] });
    let assigned = 0;
    const list: AreaFigures[] = [];
    for (const [key, item] of items) {
      const n = counts.get(key) ?? 0;
      assigned += n;
      const population = communes ? populationOf(item.members).total : null;
      list.push({
        level: partLevel,
        code: key,
        name: item.name,
        structures: n,
        population,
        per10k: rate(n, population),
      });
    }
    list.sort((a, b) => b.structures - a.structures || (a.code < b.code ? -1 : 1));
    parts = { level: partLevel, items: list, unassigned: records.length - assigned };
  }

  // --- parent
  let parent: ParentFigures | null = null;
  const parentRef = parentOf(t, communes, records);
  if (parentRef) {
    let n = 0;
    for (const s of feed.structures) if (s.address?.cog?.[parentRef.level] === parentRef.code) n++;
    const parentCommunes = places ? communesOf(places, parentRef) : undefined;
    const population = parentCommunes ? populationOf(parentCommunes).total : null;
    parent = {
      ...parentRef,
      name: places ? nameOf(places, parentRef) : null,
      structures: n,
      population,
      per10k: rate(n, population),
      share: n ? records.length / n : null,
      populationShare: population && pop?.total != null ? pop.total / population : null,
    };
  }

  // --- record years, coverage
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

  // --- events held in the territory
  let pastEvents = 0;
  let pastOcc = 0;
  let nextEvents = 0;
  let nextOcc = 0;
  let unexpanded = 0;
  const upcoming: { id: string; title: string; start: string; ms: number }[] = [];
  for (const e of feed.events) {
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

  const total = records.length;
  return {
    territory: {
      level,
      code,
      name,
      known: places ? name !== null : true,
      structures: total,
      population: pop?.total ?? null,
      per10k: rate(total, pop?.total ?? null),
    },
    now: new Date(nowMs).toISOString(),
    population: pop
      ? { ...POPULATION_SOURCE, communesWithout: pop.without, communes: communes?.length ?? 0 }
      : null,
    byFamily: breakdown(records, (s) => [s.family]),
    byLegalForm: breakdown(records, (s) => s.legalForms),
    byTheme: breakdown(records, (s) => s.themes),
    byPublic: breakdown(records, (s) => s.publics),
    byNetwork: breakdown(records, (s) => s.networks),
    parts,
    parent,
    recordYears: {
      items: [...years].map(([y, count]) => ({ year: Number(y), count })).sort((a, b) => a.year - b.year),
      unknown: unknownYear,
    },
    events: {
      past: { events: pastEvents, occurrences: pastOcc },
      next: { events: nextEvents, occurrences: nextOcc },
      upcoming: upcoming.slice(0, limit).map(({ id, title, start }) => ({ id, title, start })),
      unexpanded,
    },
    coverage: {
      bySource: sorted(sources),
      updatedLast12Months: updated,
      updatedShare: total ? updated / total : null,
      oldestUpdate: oldest,
      newestUpdate: newest,
      withoutCoordinates,
      feedWithoutCode,
      feedTotal: feed.structures.length,
      sources: (feed.manifest.sources ?? []).filter((s) => sources.has(s.id)),
    },
    structureIds: records.map((s) => s.id),
  };
}

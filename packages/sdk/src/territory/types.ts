/** The types of `territoryProfile()`'s answer and options. */
import type { PlacesModule } from '../places/load.ts';
import type { Event } from '../schema/event.ts';
import type { FeedSource } from '../schema/feed.ts';
import type { Indicator } from '../schema/indicator.ts';

/** The levels of a territory, from the smallest. */
export const TERRITORY_LEVELS = ['commune', 'epci', 'departement', 'region'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** A territory: its level and its official code (INSEE COG; EPCI by SIREN). */
export interface TerritoryRef {
  readonly level: TerritoryLevel;
  readonly code: string;
}

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
  /**
   * The feed's official figures for this very territory (its `indicators` part: same level and code),
   * by label then most recent year first. Taken from their sources, not computed from the feed.
   */
  readonly indicators: readonly Indicator[];
  /** The ids of the territory's structures, in feed order. */
  readonly structureIds: readonly string[];
}

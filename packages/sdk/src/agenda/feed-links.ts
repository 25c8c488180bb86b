/**
 * The links of a whole feed between its structures and its events, both ways: the structures that
 * organise an event (`organizerIds`) or host it (its place), so that a structure's card shows its next
 * events and an event its organisers and place. Computed once per loaded feed (the page store's
 * `loadLinks`, which loads this module when a detail first needs it).
 *
 * @module
 */
import { distanceKm } from '../core/geo.ts';
import type { Feed } from '../feed.ts';
import type { Event } from '../schema/event.ts';
import type { Structure } from '../schema/structure.ts';
import { normalizeText } from '../text/normalize.ts';
import { expandOccurrencesSync, needsRecurrence } from './expand.ts';
import { organizersOf, structuresById } from './links.ts';
import { loadRecurrence, RecurrenceNotLoadedError } from './recurrence.ts';
import type { AgendaOccurrence } from './types.ts';

/** How an event and a structure are linked: the structure organises it, or the event is held at its place. */
export type LinkVia = 'organizer' | 'place';
export interface LinkedEvent {
  readonly event: Event;
  readonly via: LinkVia;
}
export interface LinkedStructure {
  readonly structure: Structure;
  readonly via: LinkVia;
}
/** How many links a feed has (a pair linked both ways counts once, by organiser). */
export interface FeedLinkCounts {
  /** Event–structure pairs linked by the event's `organizerIds`. */
  byOrganizer: number;
  /** Pairs linked by place: the event's place has the structure's name and is within {@link PLACE_LINK_METRES}. */
  byPlace: number;
  structuresWithEvents: number;
  eventsWithStructures: number;
}
/** The links between the structures and the events of one feed, computed once ({@link linkFeed}). */
export interface FeedLinks {
  /** The events of a structure (as organiser, or held at its place), in feed order. */
  eventsOf(structureId: string): readonly LinkedEvent[];
  /** The structures of an event (its organisers, then the structure at its place), in that order. */
  structuresOf(eventId: string): readonly LinkedStructure[];
  readonly counts: FeedLinkCounts;
}

/** An event's place and a structure are the same place when they have the same name and are this close. */
export const PLACE_LINK_METRES = 50;

/** A point precise enough to say two places are the same (not a commune's centre nor a street's). */
const precise = (p: { lat: number; lon: number; precision?: string | undefined } | undefined) =>
  p && (p.precision === undefined || p.precision === 'housenumber') ? p : undefined;

/**
 * Links the structures and events of a feed both ways: by the events' `organizerIds`, then by place (an
 * event whose place has a structure's name, or one of its other names, compared without case, accents or
 * punctuation, at most {@link PLACE_LINK_METRES} from the structure's point — both points precise, never
 * a commune's centre). Linear in the size of the feed.
 *
 * @example
 * const links = linkFeed(feed.structures, feed.events);
 * links.eventsOf('ess-123').map((l) => l.event.title);
 */
export function linkFeed(structures: readonly Structure[], events: readonly Event[]): FeedLinks {
  const byId = structuresById(structures);
  const byName = new Map<string, Structure[]>();
  for (const s of structures) {
    if (!precise(s.geo)) continue;
    for (const n of new Set([s.name, ...(s.alternateNames ?? [])].map(normalizeText)))
      if (n) byName.set(n, [...(byName.get(n) ?? []), s]);
  }
  const ofStructure = new Map<string, LinkedEvent[]>();
  const ofEvent = new Map<string, LinkedStructure[]>();
  const counts: FeedLinkCounts = {
    byOrganizer: 0,
    byPlace: 0,
    structuresWithEvents: 0,
    eventsWithStructures: 0,
  };
  const link = (s: Structure, e: Event, via: LinkVia) => {
    let list = ofStructure.get(s.id);
    if (!list) ofStructure.set(s.id, (list = []));
    list.push({ event: e, via });
    let back = ofEvent.get(e.id);
    if (!back) ofEvent.set(e.id, (back = []));
    back.push({ structure: s, via });
    counts[via === 'organizer' ? 'byOrganizer' : 'byPlace']++;
  };
  for (const e of events) {
    const linked = new Set<string>();
    for (const s of organizersOf(e, byId)) {
      linked.add(s.id);
      link(s, e, 'organizer');
    }
    const at = precise(e.place?.geo);
    const candidates = at && e.place?.name ? byName.get(normalizeText(e.place.name)) : undefined;
    for (const s of candidates ?? [])
      if (!linked.has(s.id) && distanceKm(at!, s.geo!) * 1000 <= PLACE_LINK_METRES) {
        linked.add(s.id);
        link(s, e, 'place');
      }
  }
  counts.structuresWithEvents = ofStructure.size;
  counts.eventsWithStructures = ofEvent.size;
  return {
    eventsOf: (id) => ofStructure.get(id) ?? [],
    structuresOf: (id) => ofEvent.get(id) ?? [],
    counts,
  };
}

/** A structure's event, with its next (or current) occurrence. */
export interface UpcomingEvent {
  readonly event: Event;
  readonly via: LinkVia;
  readonly start: Date;
  readonly end?: Date | undefined;
}

/**
 * The next `limit` (default 3) events of a structure that are not over at `now` (default: now), soonest
 * first, each with its next or current occurrence. An event with a recurrence rule is placed by its rule
 * once the recurrence library has loaded (`loadRecurrence()`; the page store loads it when a feed's events
 * need it), and by its explicit dates until then.
 */
export function upcomingEventsOf(
  links: FeedLinks,
  structureId: string,
  options: { now?: Date; limit?: number } = {},
): UpcomingEvent[] {
  const now = options.now ?? new Date();
  const out: UpcomingEvent[] = [];
  for (const { event, via } of links.eventsOf(structureId)) {
    let next: AgendaOccurrence | undefined;
    try {
      next = expandOccurrencesSync(event, { from: now, limit: 1 })[0];
    } catch (error) {
      if (!(error instanceof RecurrenceNotLoadedError)) throw error;
      // Until the rule can be read: its explicit dates (the first occurrence, listed occurrences).
      const { rrule: _rule, ...dated } = event;
      next = expandOccurrencesSync(dated, { from: now, limit: 1 })[0];
    }
    if (next) out.push({ event, via, start: next.start, end: next.end });
  }
  out.sort((a, b) => a.start.getTime() - b.start.getTime());
  return out.slice(0, Math.max(0, options.limit ?? 3));
}

/**
 * @internal The page store's links (store.ts, which loads this module when a detail first needs them):
 * computed once per feed into `cache`, and the recurrence library loaded when an event repeats.
 */
export async function storeLinks(
  cache: { linked?: { feed: Feed; links: FeedLinks } },
  feed: Feed,
): Promise<FeedLinks> {
  if (cache.linked?.feed !== feed) cache.linked = { feed, links: linkFeed(feed.structures, feed.events) };
  const { links } = cache.linked;
  // Without the library, a repeating event is placed by its explicit dates (a failure to load it is
  // named by the agenda, which expands the rule).
  if (feed.events.some(needsRecurrence)) await loadRecurrence().catch(() => {});
  return links;
}

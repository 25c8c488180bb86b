/**
 * The events of each element, typed. Every Essaim event is a `CustomEvent` that bubbles, crosses shadow
 * roots (`composed`) and is fired for user actions only, never for programmatic changes.
 *
 * `addEventListener('ess-select', (e) => e.detail.id)` is typed through `HTMLElementEventMap`
 * (declared beside each element); the maps below give each element its own events, for framework
 * typings (`@essaim/elements/react`, `@essaim/elements/vue`) and for code that wants them per element.
 */
import type { AgendaQuery } from '@essaim/sdk';
import type { EssAgenda, EssAgendaSelectDetail, EssEventOpenDetail } from '../agenda/ess-agenda.ts';
import type { EssDirectory, EssSelectDetail } from '../directory/ess-directory.ts';
import type { SearchQuery } from '../directory/types.ts';
import type { EssFeed } from '../feed/ess-feed.ts';
import type { EssMap, EssSelectDetail as EssMapSelectDetail } from '../map/ess-map.ts';
import type { EssOrientation, EssOrientationSelectDetail } from '../orientation/ess-orientation.ts';
import type { EssTerritoire } from '../territoire/ess-territoire.ts';

/** `<ess-feed>` fires no event of its own: its children do. */
// biome-ignore lint/complexity/noBannedTypes: an element with no event of its own
export type EssFeedEventMap = {};

export interface EssDirectoryEventMap {
  /** The user opened a structure (a card, or a marker of a map sharing the feed); `detail.id`. */
  'ess-select': CustomEvent<EssSelectDetail>;
  /** The user changed the search or the filters; `detail`: the query. */
  'ess-filters-change': CustomEvent<SearchQuery>;
}

export interface EssMapEventMap {
  /** The user chose a structure on the map (cancelable: `preventDefault()` keeps the map's own popup closed). */
  'ess-select': CustomEvent<EssMapSelectDetail>;
  /** The map finished rendering for the first time. */
  'ess-map-idle': CustomEvent<Record<string, never>>;
}

export interface EssAgendaEventMap {
  /** The user opened an organiser structure; `detail.id`. */
  'ess-select': CustomEvent<EssAgendaSelectDetail>;
  /** The user changed the agenda's filters; `detail`: the agenda query. */
  'ess-filters-change': CustomEvent<AgendaQuery>;
  /** The user opened an event; `detail.eventId`, `detail.start` (ISO 8601). */
  'ess-event-open': CustomEvent<EssEventOpenDetail>;
}

export interface EssOrientationEventMap {
  /** The user opened a structure among the results; `detail.id`. */
  'ess-select': CustomEvent<EssOrientationSelectDetail>;
}

/** Every Essaim element: its class and its events, by tag name. */
export interface EssElements {
  'ess-feed': { element: EssFeed; events: EssFeedEventMap };
  'ess-directory': { element: EssDirectory; events: EssDirectoryEventMap };
  'ess-map': { element: EssMap; events: EssMapEventMap };
  'ess-agenda': { element: EssAgenda; events: EssAgendaEventMap };
  'ess-orientation': { element: EssOrientation; events: EssOrientationEventMap };
  'ess-territoire': { element: EssTerritoire; events: Record<string, never> };
}

declare global {
  interface HTMLElementEventMap {
    'ess-map-idle': CustomEvent<Record<string, never>>;
  }
}

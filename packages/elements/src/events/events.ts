/**
 * The events of the Essaim elements, declared once: one detail type per event, and what each element
 * fires (event name → detail). `EssElement.emit` is typed by these maps, so an element can only fire
 * what it declares here; `types/events.ts` (generated from `custom-elements.json` by
 * `scripts/gen-event-types.mjs`) gives them to the React and Vue typings and fails to type-check when an
 * element's `@fires` documentation and this map disagree.
 *
 * Every event bubbles and crosses shadow roots (`composed`), and is fired for user actions only (state
 * changes that are not user actions are the store's: `store.subscribe`, `store.search.subscribe`,
 * `store.agenda`) — except `<ess-feed>`'s `ess-feed-report`, a report for the webmaster once per load
 * (issue 13: rejected records and failed parts are never silent). Only the map's `ess-select` and `ess-event-select` are cancelable: `preventDefault()`
 * there keeps the map's popup closed, the selection unchanged and the agenda's detail closed.
 */
import type { AgendaQuery, AgendaState, SearchQuery } from '@essaim/sdk';
import type { EssFeedReportDetail } from '../internal/feed-report.ts';

/** Detail of `ess-select`: the structure chosen (also selected in the page's store). */
export interface EssSelectDetail {
  id: string;
}

/** Detail of `ess-event-open` and `ess-event-select`: the event and the date shown for it (ISO 8601). */
export interface EssEventOpenDetail {
  eventId: string;
  start: string;
}

/** Detail of `ess-event-select` (the same as `ess-event-open`'s). */
export type EssEventSelectDetail = EssEventOpenDetail;

/** Detail of `ess-agenda-change`: the agenda's state after the user's change. */
export interface EssAgendaChangeDetail {
  state: AgendaState | undefined;
}

/** Detail of `ess-map-idle`: nothing. */
export type EssMapIdleDetail = Record<string, never>;

/** `<ess-directory>`'s events. */
export interface EssDirectoryEvents {
  'ess-select': EssSelectDetail;
  'ess-filters-change': SearchQuery;
}

/** `<ess-map>`'s events. */
export interface EssMapEvents {
  'ess-select': EssSelectDetail;
  'ess-event-select': EssEventSelectDetail;
  'ess-map-idle': EssMapIdleDetail;
}

/** `<ess-agenda>`'s events. */
export interface EssAgendaEvents {
  'ess-select': EssSelectDetail;
  'ess-event-open': EssEventOpenDetail;
  'ess-filters-change': AgendaQuery;
  'ess-agenda-change': EssAgendaChangeDetail;
}

/** `<ess-orientation>`'s events. */
export interface EssOrientationEvents {
  'ess-select': EssSelectDetail;
}

/**
 * `<ess-feed>`'s events: once per load, what the feed left out (for the site's webmaster; not a user
 * action, so it is not cancelable).
 */
export interface EssFeedEvents {
  'ess-feed-report': EssFeedReportDetail;
}

declare global {
  interface HTMLElementEventMap {
    'ess-select': CustomEvent<EssSelectDetail>;
    /** From `<ess-directory>` (a `SearchQuery`) or `<ess-agenda>` (an `AgendaQuery`): per element above. */
    'ess-filters-change': CustomEvent<SearchQuery | AgendaQuery>;
    'ess-event-open': CustomEvent<EssEventOpenDetail>;
    'ess-event-select': CustomEvent<EssEventSelectDetail>;
    'ess-agenda-change': CustomEvent<EssAgendaChangeDetail>;
    'ess-map-idle': CustomEvent<EssMapIdleDetail>;
    'ess-feed-report': CustomEvent<EssFeedReportDetail>;
  }
}

/** `<ess-territoire>` fires no event: its links scope the directory and the agenda of the same feed. */
export type EssTerritoireEvents = Record<never, never>;

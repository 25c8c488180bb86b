/**
 * @essaim/elements — the classes, free of side effects. Import `@essaim/elements/define/<tag>` to
 * register one element, or load `essaim.js` (the autoloader) to register those present on the page.
 */
export { EssFeed } from './feed/ess-feed.ts';
export { EssDirectory, type EssSelectDetail } from './directory/ess-directory.ts';
export { EssAgenda } from './agenda/ess-agenda.ts';
export { EssOrientation } from './orientation/ess-orientation.ts';
export { EssTerritoire } from './territoire/ess-territoire.ts';
export { EssElement } from './internal/ess-element.ts';
export type { EssFeedReportDetail } from './internal/feed-report.ts';
export { define } from './internal/define.ts';
export { setMapWorkerUrl } from './map/worker-url.ts';
export { type Lang, langOf } from './internal/localize.ts';
export type {
  EssAgendaEventMap,
  EssDirectoryEventMap,
  EssElements,
  EssFeedEventMap,
  EssMapEventMap,
  EssOrientationEventMap,
} from './types/events.ts';
export type { EssProperties } from './types/props.ts';

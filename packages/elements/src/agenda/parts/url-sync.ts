/**
 * Opt-in URL sync of `<ess-agenda>` (`sync-url`): the view, the date, the range, the text and the facets as
 * `ess-agenda-*` parameters (the SDK's codec; the page's other parameters are left alone).
 */
import {
  type AgendaFacetName,
  type AgendaListConnector,
  type AgendaState,
  type AgendaUrlState,
  decodeAgendaUrl,
  encodeAgendaUrl,
  readUrlState,
  syncUrlState,
  isValidDateKey,
  URL_NAMESPACES,
} from '@essaim/sdk';
import { applyRange } from './filters.ts';

/** What the URL sync reaches in `<ess-agenda>` (its state). */
export interface AgendaUrlElement {
  readonly syncUrl: boolean;
  readonly connector: AgendaListConnector | undefined;
  view: string;
  cursorDate: string | undefined;
  text: string;
  rangeFrom: string;
  rangeTo: string;
  todayKey(): string;
}

/**
 * Reads the `ess-agenda-*` parameters of the page URL (the SDK's agenda codec): text and facets go to
 * `c`; the view, date and range are returned.
 */
export function readUrl(c: AgendaListConnector): AgendaUrlState {
  const read = decodeAgendaUrl(readUrlState(location.search, URL_NAMESPACES.agenda));
  if (read.text) c.setText(read.text);
  for (const [f, values] of Object.entries(read.facets ?? {})) c.setFacet(f as AgendaFacetName, values);
  return read;
}

/** Writes the view and filters as `ess-agenda-*` parameters of the page URL (others left alone). */
export function writeUrl(s: AgendaState, extra: Omit<AgendaUrlState, 'text' | 'facets'>): void {
  const facets = s.query.facets as AgendaUrlState['facets'];
  syncUrlState(URL_NAMESPACES.agenda, encodeAgendaUrl({ ...extra, text: s.query.text, facets }));
}

/** Reads the view, the day, the text, the range and the facets from the page URL into the element. */
export function readAgendaUrl(el: AgendaUrlElement): void {
  const c = el.connector;
  if (!c) return;
  const read = readUrl(c);
  if (read.view && ['list', 'month', 'week'].includes(read.view)) el.view = read.view;
  if (isValidDateKey(read.date)) el.cursorDate = read.date;
  if (read.text) el.text = read.text;
  if (isValidDateKey(read.from)) el.rangeFrom = read.from;
  if (isValidDateKey(read.to)) el.rangeTo = read.to;
  if (el.rangeFrom || el.rangeTo) applyRange(el);
}

/** Writes the element's view and filters to the page URL (with `sync-url`). */
export function writeAgendaUrl(el: AgendaUrlElement): void {
  const s = el.connector?.getState();
  if (!el.syncUrl || !s) return;
  const calendar = el.view !== 'list';
  writeUrl(s, {
    view: calendar ? el.view : undefined,
    date: calendar ? el.cursorDate : undefined,
    from: el.rangeFrom,
    to: el.rangeTo,
  });
}

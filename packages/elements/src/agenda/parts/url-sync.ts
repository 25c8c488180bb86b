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
  URL_NAMESPACES,
} from '@essaim/sdk';

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

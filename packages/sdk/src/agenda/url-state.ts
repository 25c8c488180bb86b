/**
 * The agenda connector's part of the page URL (see `core/url-state.ts`): its text, facets and view as
 * `ess-agenda-*` parameters.
 *
 * @module
 */
import { URL_NAMESPACES, type UrlEntries } from '../core/url-state.ts';
import { AGENDA_FACET_NAMES, type AgendaFacetName } from './types.ts';

const MAX_TEXT = 200;
/** What the agenda keeps in the URL: its text and facets, and the view around them. */
export interface AgendaUrlState {
  text?: string | undefined;
  facets?: Partial<Record<AgendaFacetName, string[]>> | undefined;
  view?: string | undefined;
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const AGENDA = URL_NAMESPACES.agenda.prefix;
const AGENDA_FIELDS = ['view', 'date', 'from', 'to'] as const;

/** The agenda's state in `params` (its `ess-agenda-*` parameters; others are ignored). */
export function decodeAgendaUrl(params: URLSearchParams): AgendaUrlState {
  const get = (k: string) => params.get(AGENDA + k)?.slice(0, MAX_TEXT) || undefined;
  const out: AgendaUrlState = { text: get('q') };
  const facets: Partial<Record<AgendaFacetName, string[]>> = {};
  for (const f of AGENDA_FACET_NAMES) {
    const values = get(f)?.split(',').filter(Boolean);
    if (values?.length) facets[f] = values.slice(0, 50);
  }
  if (Object.keys(facets).length) out.facets = facets;
  for (const k of AGENDA_FIELDS) out[k] = get(k);
  return out;
}

/** The agenda's `ess-agenda-*` parameters for `state`. */
export function encodeAgendaUrl(state: AgendaUrlState): UrlEntries {
  const out: [string, string][] = [];
  const set = (k: string, v: string | undefined) => {
    if (v) out.push([AGENDA + k, v]);
  };
  set('view', state.view);
  set('date', state.date);
  set('q', state.text);
  for (const f of AGENDA_FACET_NAMES) set(f, state.facets?.[f]?.join(','));
  set('from', state.from);
  set('to', state.to);
  return out;
}

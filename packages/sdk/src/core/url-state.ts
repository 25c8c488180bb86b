/**
 * The page URL as shared state (opt-in `sync-url` of the elements, or any app on the SDK): each connector
 * owns a disjoint set of parameters, reads only those, and writes only those — the host page's own
 * parameters (verbatim, in order) and its hash are kept, and so are the other connectors' parameters.
 *
 * | owner | parameters |
 * |---|---|
 * | search (`<ess-directory>`) | `ess-q`, `ess-family`, `ess-form`, `ess-theme`, `ess-public`, `ess-dep`, `ess-commune` (repeated), `ess-near` (`lat,lon`), `ess-near-label`, `ess-radius`, `ess-sort`, `ess-page` |
 * | agenda (`<ess-agenda>`) | every `ess-agenda-*`: `q`, one per facet (comma-separated values), `view`, `date`, `from`, `to` |
 * | orientation (`<ess-orientation>`) | `ess-parcours` (the answers, see `serializeAnswers`) |
 * | map (`<ess-map>`) | every `ess-map-*` (reserved) |
 *
 * Nothing here touches `history` except {@link syncUrlState}, which the elements call only with `sync-url`.
 *
 * @module
 */
import { AGENDA_FACET_NAMES, type AgendaFacetName } from '../agenda/types.ts';
import type { FacetName, SearchQuery, SortBy } from '../search/types.ts';

/** The parameters a connector owns: exact names, and/or every name that starts with a prefix. */
export interface UrlNamespace {
  readonly keys?: readonly string[];
  readonly prefix?: string;
}

const SEARCH_FACETS: ReadonlyArray<readonly [FacetName, string]> = [
  ['family', 'ess-family'],
  ['legalForms', 'ess-form'],
  ['themes', 'ess-theme'],
  ['publics', 'ess-public'],
  ['departement', 'ess-dep'],
  ['commune', 'ess-commune'],
];

/** The owner of each URL parameter of Essaim (disjoint: a parameter has one owner at most). */
export const URL_NAMESPACES = {
  search: {
    keys: [
      'ess-q',
      ...SEARCH_FACETS.map(([, key]) => key),
      'ess-near',
      'ess-near-label',
      'ess-radius',
      'ess-sort',
      'ess-page',
    ],
  },
  agenda: { prefix: 'ess-agenda-' },
  orientation: { keys: ['ess-parcours'] },
  map: { prefix: 'ess-map-' },
} as const satisfies Record<string, UrlNamespace>;

/** Whether `key` belongs to `ns`. */
export function ownsKey(ns: UrlNamespace, key: string): boolean {
  return (ns.keys?.includes(key) ?? false) || (ns.prefix !== undefined && key.startsWith(ns.prefix));
}

/** Name/value pairs, in order (a name may repeat). */
export type UrlEntries = ReadonlyArray<readonly [string, string]>;

function segmentKey(segment: string): string {
  const i = segment.indexOf('=');
  const raw = (i < 0 ? segment : segment.slice(0, i)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The parameters of `search` (a `location.search` string) that `ns` owns; the others are not read. */
export function readUrlState(search: string, ns: UrlNamespace): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(search)) if (ownsKey(ns, k)) out.append(k, v);
  return out;
}

/**
 * `href` with the parameters `ns` owns replaced by `entries`. Every other parameter is kept as written,
 * in its place; the hash is kept; `href` is returned unchanged when `ns`'s parameters already say that.
 * Throws when an entry is not `ns`'s (a programming error: it could delete another owner's state).
 */
export function writeUrlState(href: string, ns: UrlNamespace, entries: UrlEntries): string {
  const own = new URLSearchParams();
  for (const [k, v] of entries) {
    if (!ownsKey(ns, k)) throw new RangeError(`[essaim] the URL parameter "${k}" is not this owner's`);
    own.append(k, v);
  }
  const url = new URL(href);
  const segments = url.search.slice(1).split('&').filter(Boolean);
  const kept = segments.filter((s) => !ownsKey(ns, segmentKey(s)));
  const current = new URLSearchParams(segments.filter((s) => ownsKey(ns, segmentKey(s))).join('&'));
  if (current.toString() === own.toString()) return href;
  const search = [...kept, own.toString()].filter(Boolean).join('&');
  url.search = search ? `?${search}` : '';
  return url.href;
}

/**
 * Writes `entries` as `ns`'s parameters of the page URL (browser only): `history.replaceState`, or
 * `pushState` with `push`, and only when the URL changes.
 */
export function syncUrlState(ns: UrlNamespace, entries: UrlEntries, push = false): void {
  const next = writeUrlState(location.href, ns, entries);
  if (next === location.href) return;
  if (push) history.pushState(history.state, '', next);
  else history.replaceState(history.state, '', next);
}

// --- Search -------------------------------------------------------------------------------------------

const MAX_TEXT = 200;
const SORTS: readonly SortBy[] = ['relevance', 'name', 'distance', 'updated'];

/** The search query of the URL (`near-label` beside it); `undefined` when no search parameter is there. */
export interface SearchUrlState {
  query: Partial<SearchQuery>;
  nearLabel?: string | undefined;
}

/** The search query in `params` (the search connector's parameters; others are ignored). */
export function decodeSearchUrl(params: URLSearchParams): SearchUrlState | undefined {
  const p = readUrlState(params.toString(), URL_NAMESPACES.search);
  if (p.size === 0) return undefined;
  const query: Partial<SearchQuery> = {};
  const text = p.get('ess-q');
  if (text) query.text = text.slice(0, MAX_TEXT);
  const facets: Partial<Record<FacetName, string[]>> = {};
  for (const [name, key] of SEARCH_FACETS) {
    const values = p.getAll(key).filter((v) => v && v.length <= MAX_TEXT);
    if (values.length) facets[name] = values.slice(0, 50);
  }
  if (Object.keys(facets).length) query.facets = facets;
  const near = p.get('ess-near')?.split(',').map(Number);
  if (
    near?.length === 2 &&
    near.every(Number.isFinite) &&
    Math.abs(near[0]!) <= 90 &&
    Math.abs(near[1]!) <= 180
  ) {
    const radius = Number(p.get('ess-radius'));
    query.near = {
      lat: near[0]!,
      lon: near[1]!,
      ...(radius > 0 && radius <= 1000 ? { radiusKm: radius } : {}),
    };
  }
  const sort = p.get('ess-sort') as SortBy | null;
  if (sort && SORTS.includes(sort)) query.sort = sort;
  const page = Number(p.get('ess-page'));
  if (Number.isInteger(page) && page > 1) query.page = page;
  return { query, nearLabel: p.get('ess-near-label')?.slice(0, MAX_TEXT) || undefined };
}

/** The search connector's parameters for `query`. */
export function encodeSearchUrl(query: SearchQuery, nearLabel?: string): UrlEntries {
  const out: [string, string][] = [];
  if (query.text) out.push(['ess-q', query.text]);
  for (const [name, key] of SEARCH_FACETS) for (const v of query.facets?.[name] ?? []) out.push([key, v]);
  if (query.near) {
    out.push(['ess-near', `${query.near.lat.toFixed(5)},${query.near.lon.toFixed(5)}`]);
    if (nearLabel) out.push(['ess-near-label', nearLabel]);
    if (query.near.radiusKm) out.push(['ess-radius', String(query.near.radiusKm)]);
  }
  if (query.sort) out.push(['ess-sort', query.sort]);
  if (query.page && query.page > 1) out.push(['ess-page', String(query.page)]);
  return out;
}

// --- Agenda -------------------------------------------------------------------------------------------

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

// --- Orientation --------------------------------------------------------------------------------------

/** The orientation's answers in `params` (the text of `serializeAnswers`), if any. */
export function decodeOrientationUrl(params: URLSearchParams): string | undefined {
  return params.get('ess-parcours') || undefined;
}

/** The orientation's parameter for the answers' text (none when there is no answer). */
export function encodeOrientationUrl(answers: string): UrlEntries {
  return answers ? [['ess-parcours', answers]] : [];
}

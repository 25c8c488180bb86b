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
 * | map (`<ess-map>`) | every `ess-map-*`: `view` (`lat,lon,zoom`) |
 * | territory (`<ess-territoire>`) | every `ess-territoire-*`: one of `commune`, `epci`, `departement`, `region` = the code |
 *
 * Each connector's codec lives beside it (`search/url-state.ts`, `agenda/url-state.ts`, `map-url.ts`;
 * the orientation's is below). Nothing here touches `history` except {@link syncUrlState}, which the
 * elements call only with `sync-url`.
 *
 * @module
 */

/** The parameters a connector owns: exact names, and/or every name that starts with a prefix. */
export interface UrlNamespace {
  readonly keys?: readonly string[];
  readonly prefix?: string;
}

/** The owner of each URL parameter of Essaim (disjoint: a parameter has one owner at most). */
export const URL_NAMESPACES = {
  search: {
    keys: [
      'ess-q',
      'ess-family',
      'ess-form',
      'ess-theme',
      'ess-public',
      'ess-dep',
      'ess-commune',
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
  territory: { prefix: 'ess-territoire-' },
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

// --- Orientation --------------------------------------------------------------------------------------

/** The orientation's answers in `params` (the text of `serializeAnswers`), if any. */
export function decodeOrientationUrl(params: URLSearchParams): string | undefined {
  return params.get('ess-parcours') || undefined;
}

/** The orientation's parameter for the answers' text (none when there is no answer). */
export function encodeOrientationUrl(answers: string): UrlEntries {
  return answers ? [['ess-parcours', answers]] : [];
}

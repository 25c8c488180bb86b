/**
 * The search tests' shared data: the real Transiscope structures (data/sources/transiscope-idf), indexed
 * once, and brute-force readings of them (a record's searchable fields, whether a term matches a word) to
 * check the engine against.
 */
import type { Structure } from '../../src/schema/structure.ts';
import {
  createSearchIndex,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  search,
  tokenize,
} from '../../src/search/index.ts';
import { withinOneEdit } from '../../src/search/text-match.ts';
import { normalizeText } from '../../src/text/normalize.ts';
import { loadRealStructures } from './real-structures.ts';

export let records: Structure[];
export let labels: (id: string) => string | undefined;
export let index: SearchIndex;

/** Every hit of a query, page after page. */
export function allHits(q: SearchQuery): SearchResult['hits'] {
  const out: SearchResult['hits'] = [];
  for (let page = 1; ; page++) {
    const r = search(index, { ...q, page, pageSize: 1000, facetNames: [] });
    out.push(...r.hits);
    if (page >= r.pages) return out;
  }
}
export const ids = (hits: SearchResult['hits']) => new Set(hits.map((h) => h.record.id));

/** Searchable text of a record, field by field, as the index reads it. */
export function fields(s: Structure): {
  name: string[];
  tags: string[];
  place: string[];
  description: string[];
} {
  const tags = [...(s.keywords ?? []), ...(s.networks ?? []), ...(s.legalForms ?? [])];
  for (const t of [...(s.themes ?? []), ...(s.publics ?? [])]) {
    const l = labels(t);
    if (l) tags.push(l);
  }
  if (s.family !== 'autre') tags.push(s.family);
  return {
    name: [s.name, ...(s.alternateNames ?? [])],
    tags,
    place: [s.address?.commune ?? '', s.address?.postcode ?? ''],
    description: [s.description ?? ''],
  };
}
export const termsOf = (texts: string[]) => new Set(texts.flatMap((t) => tokenize(t)));

/** Brute force: does a term match a query word (prefix, or one typo from 5 letters)? */
export const wordMatches = (w: string, terms: Set<string>) =>
  [...terms].some((t) => t.startsWith(w) || (w.length >= 5 && withinOneEdit(w, t)));

export const foldedName = (s: Structure) => normalizeText(s.name);
export const depOf = (s: Structure) => s.address?.cog?.departement;

let loaded: Promise<void> | undefined;
/** Reads the real structures and indexes them once (each test file's `before`). */
export function loadSearchData(): Promise<void> {
  loaded ??= (async () => {
    ({ structures: records, labels } = await loadRealStructures());
    index = createSearchIndex(records, { labels });
  })();
  return loaded;
}

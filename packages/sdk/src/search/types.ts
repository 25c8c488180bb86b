/**
 * Public types of the headless search engine (`@essaim/sdk` search module).
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';

/** The facets the engine counts, in their display order. */
export const FACET_NAMES = [
  'family',
  'legalForms',
  'themes',
  'publics',
  'networks',
  'source',
  'region',
  'departement',
  'epci',
  'commune',
] as const;

/**
 * A facet: `family`, `legalForms`, `themes`, `publics`, `networks` (the structure's fields), `source`
 * (`provenance[].source`), and the territory levels `region`, `departement`, `epci`, `commune` (COG codes
 * from `address.cog`).
 */
export type FacetName = (typeof FACET_NAMES)[number];

/** Selected values per facet: OR inside a facet, AND across facets. */
export type FacetSelection = Partial<Record<FacetName, readonly string[]>>;

/**
 * A territory scope by official COG codes, from `address.cog`. The scope is the union of every listed
 * area: a structure is kept when it lies in any of them.
 */
export interface TerritoryScope {
  communes?: readonly string[];
  epcis?: readonly string[];
  departements?: readonly string[];
  regions?: readonly string[];
}

/** A reference point (WGS 84); with `radiusKm`, only structures within that great-circle distance. */
export interface NearPoint {
  lat: number;
  lon: number;
  radiusKm?: number;
}

/**
 * A bounding box `[west, south, east, north]` in degrees (GeoJSON order). `west > east` crosses the
 * antimeridian.
 */
export type BBox = readonly [west: number, south: number, east: number, north: number];

/**
 * Result order:
 * - `relevance`: text score (descending), then feed order;
 * - `name`: French collation of the name (`Intl.Collator('fr', { numeric: true })`);
 * - `distance`: nearest first from `near`, structures without coordinates last;
 * - `updated`: most recently updated first (`updatedAt`).
 *
 * Ties are always broken by feed order, so results are stable.
 */
export type SortBy = 'relevance' | 'name' | 'distance' | 'updated';

/** How query words combine. */
export type TextMatching = 'all' | 'any';

/**
 * A search request. Every part is optional; `{}` lists the whole feed by name.
 *
 * Text semantics: the text is split into words like the records (case, accents, `œ`/`æ`, elisions
 * and hyphens folded; stop words dropped, plurals reduced). With `matching: 'all'` (the default), every
 * word must match something in the structure (its name, keywords, theme/public labels, networks,
 * legal forms, commune or description), as search-as-you-type users expect: typing more narrows the
 * list. Each word matches exactly, as a prefix (so the word being typed already matches), and, from 5
 * letters, with one typo (insertion, deletion, substitution or transposition of two neighbours). With
 * `matching: 'any'`, a structure needs one word only, and structures matching more words rank first.
 */
export interface SearchQuery {
  /** Free text. Blank text, or text without any word, does not filter. */
  text?: string;
  /** `all` (default): every word must match; `any`: at least one. */
  matching?: TextMatching;
  /** Selected facet values (OR inside a facet, AND across facets). */
  facets?: FacetSelection;
  /** Only structures in these areas. */
  territory?: TerritoryScope;
  /** Distance reference, and radius filter when `radiusKm` is set. */
  near?: NearPoint;
  /** Only structures inside this box. */
  bbox?: BBox;
  /**
   * Result order. Default: `relevance` when there is text, else `distance` when `near` is set, else
   * `name`. `distance` without `near` falls back to that default.
   */
  sort?: SortBy;
  /** 1-based page number (default 1). */
  page?: number;
  /** Hits per page (default 20, 0 for counts only, at most 1000). */
  pageSize?: number;
  /** Facets to count (default: all of {@link FACET_NAMES}; `[]` for none, the fastest). */
  facetNames?: readonly FacetName[];
  /** At most this many values per facet, most frequent first (default 100; selected values always). */
  maxFacetValues?: number;
}

/** One result. */
export interface SearchHit {
  record: Structure;
  /** Position of the record in the indexed array. */
  index: number;
  /** Text relevance (an integer, higher is better; 0 without text). */
  score: number;
  /** Great-circle distance from `near`, when `near` is set and the record has coordinates. */
  distanceKm?: number;
}

/** A facet value and the number of structures it would give. */
export interface FacetValueCount {
  value: string;
  /** Display label, from the index's `labels` option, when known. */
  label?: string;
  /**
   * Structures matching the query with this value, counting the query with every filter but this
   * facet's own selection (disjunctive faceting: what you would get by adding this value).
   */
  count: number;
  selected: boolean;
}

/** What {@link search} returns. */
export interface SearchResult {
  /** Exact number of matching structures. */
  total: number;
  /** 1-based page number of `hits`. */
  page: number;
  pageSize: number;
  /** Number of pages (0 when there is no hit or `pageSize` is 0). */
  pages: number;
  /** The sort actually applied (see {@link SearchQuery.sort} for the defaults). */
  sort: SortBy;
  hits: SearchHit[];
  /**
   * Counted facets (those of `facetNames`): values with a count above 0, most frequent first, then
   * selected values even at 0.
   */
  facets: Partial<Record<FacetName, FacetValueCount[]>>;
  /**
   * Set by the page store while its search engine (a lazy chunk) loads: `hits` is then the first page of
   * every structure by name when the query filters nothing, else empty; facets are not counted yet.
   */
  pending?: boolean;
}

/** Options of {@link createSearchIndex}. */
export interface SearchIndexOptions {
  /**
   * Label of a concept id (themes, publics), so that labels are searchable and facet values labelled.
   * Return `undefined` for unknown ids.
   */
  labels?: (conceptId: string) => string | undefined;
  /** Build the typo-tolerance table (default true; without it, queries match exactly and by prefix). */
  typoTolerance?: boolean;
}

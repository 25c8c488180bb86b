/**
 * The search connector: query state, actions and subscriptions over {@link search}, for any UI layer
 * (Lit elements, React, Vue, vanilla). InstantSearch's connector model: the connector owns the logic,
 * widgets only render `getState()` and call actions.
 *
 * @module
 */
import type { SearchIndex } from './index-data.ts';
import { search } from './query.ts';
import {
  type BBox,
  FACET_NAMES,
  type FacetName,
  type FacetSelection,
  type NearPoint,
  type SearchQuery,
  type SearchResult,
  type SortBy,
  type TerritoryScope,
} from './types.ts';
import { cleanNear, cleanSelection, cleanTerritory } from '../internal/query-parts.ts';

/** What the connector holds: the current query and its result. Immutable snapshots. */
export interface SearchState {
  /** The query, normalised: no empty parts, facet values deduplicated and sorted. */
  readonly query: SearchQuery;
  readonly result: SearchResult;
}

/** Called after each change of state, with the new state. */
export type SearchListener = (state: SearchState) => void;

/** Options of {@link createSearchConnector}. */
export interface SearchConnectorOptions {
  /**
   * Receives what a listener throws (the other listeners still run). Default: rethrown
   * asynchronously, so it shows as an uncaught error without breaking the action that notified.
   */
  onListenerError?: (error: unknown) => void;
}

/** A stateful search over an index. Every action recomputes synchronously, then notifies. */
export interface SearchConnector {
  /** The current state; the same object until something changes (usable as a React external store). */
  getState(): SearchState;
  /**
   * Calls `listener` after each change (not immediately: read {@link getState} first). Actions that
   * change nothing do not notify. Returns the function that unsubscribes.
   */
  subscribe(listener: SearchListener): () => void;
  /** Sets the text (back to page 1). */
  setText(text: string): void;
  /** Adds `value` to facet `name`'s selection, or removes it if selected (back to page 1). */
  toggleFacet(name: FacetName, value: string): void;
  /** Replaces facet `name`'s selection; `[]` clears it (back to page 1). */
  setFacet(name: FacetName, values: readonly string[]): void;
  /** Clears every facet selection (back to page 1). */
  clearFacets(): void;
  /** Sets or clears the territory scope (back to page 1). */
  setTerritory(territory: TerritoryScope | undefined): void;
  /** Sets or clears the reference point and radius (back to page 1). */
  setNear(near: NearPoint | undefined): void;
  /** Sets or clears the bounding box (back to page 1). */
  setBbox(bbox: BBox | undefined): void;
  /** Sets the sort; `undefined` for the default (back to page 1). */
  setSort(sort: SortBy | undefined): void;
  /** Goes to a 1-based page. */
  setPage(page: number): void;
  /** Back to the initial query. */
  reset(): void;
  /**
   * Merges `partial` into the query; a key set to `undefined` removes that part. Goes back to page 1
   * unless `partial` sets `page`.
   */
  refine(partial: Partial<SearchQuery>): void;
  /** Swaps the index (new feed load) and recomputes with the same query. */
  setIndex(index: SearchIndex): void;
}

/** The canonical form of a query: same meaning ⇒ same form (so that no-op actions can be detected). */
export function normalizeQuery(q: SearchQuery): SearchQuery {
  const out: SearchQuery = {};
  if (q.text !== undefined && q.text.trim() !== '') out.text = q.text;
  if (q.matching === 'any') out.matching = 'any';
  const facets = cleanSelection(FACET_NAMES, q.facets);
  if (facets) out.facets = facets;
  const territory = cleanTerritory(q.territory);
  if (territory) out.territory = territory;
  const near = cleanNear(q.near);
  if (near) out.near = near;
  if (q.bbox) out.bbox = [q.bbox[0], q.bbox[1], q.bbox[2], q.bbox[3]];
  if (q.sort) out.sort = q.sort;
  if (q.page !== undefined && q.page > 1) out.page = Math.floor(q.page);
  if (q.pageSize !== undefined) out.pageSize = q.pageSize;
  if (q.facetNames) out.facetNames = [...q.facetNames];
  if (q.maxFacetValues !== undefined) out.maxFacetValues = q.maxFacetValues;
  return out;
}

function sameQuery(a: SearchQuery, b: SearchQuery): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Creates a connector over `index`, starting from `initial` (also the target of `reset()`).
 * Framework-free: Lit elements, React (`useSyncExternalStore(connector.subscribe, connector.getState)`)
 * or Vue render `getState()` and call the actions.
 *
 * @example
 * const connector = createSearchConnector(index, { pageSize: 10 });
 * const stop = connector.subscribe(({ result }) => render(result));
 * connector.setText('ressourcerie');
 * connector.toggleFacet('departement', '93');
 */
export function createSearchConnector(
  index: SearchIndex,
  initial: SearchQuery = {},
  options: SearchConnectorOptions = {},
): SearchConnector {
  let currentIndex = index;
  const connector = connectSearch((query) => search(currentIndex, query), initial, options);
  return {
    ...connector,
    setIndex(next) {
      if (next === currentIndex) return;
      currentIndex = next;
      connector.recompute();
    },
  };
}

/** A connector without its index: what `run` answers, recomputed on `recompute()`. */
export type QueryConnector = Omit<SearchConnector, 'setIndex'> & { recompute(): void };

/**
 * The connector over any search function: `createSearchConnector` runs the index's `search`; the page
 * store runs a first page of its own until the search engine (a lazy chunk) is there. @internal
 */
export function connectSearch(
  run: (query: SearchQuery) => SearchResult,
  initial: SearchQuery = {},
  options: SearchConnectorOptions = {},
): QueryConnector {
  const onListenerError =
    options.onListenerError ??
    ((error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }));
  const initialQuery = normalizeQuery(initial);
  let state: SearchState = Object.freeze({ query: initialQuery, result: run(initialQuery) });
  const listeners = new Set<SearchListener>();

  function commit(query: SearchQuery, force = false): void {
    const q = normalizeQuery(query);
    if (!force && sameQuery(q, state.query)) return;
    state = Object.freeze({ query: q, result: run(q) });
    const snapshot = state;
    for (const listener of [...listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        onListenerError(error); // one failing listener must not starve the others
      }
    }
  }

  /** The query with `patch` applied and the page reset. */
  function withPatch(patch: Partial<SearchQuery>, keepPage = false): SearchQuery {
    const q: SearchQuery = { ...state.query, ...patch };
    if (!keepPage) delete q.page;
    for (const key of Object.keys(patch) as (keyof SearchQuery)[])
      if (patch[key] === undefined) delete q[key];
    return q;
  }

  function setFacetValues(name: FacetName, values: readonly string[]): void {
    const facets: FacetSelection = { ...state.query.facets, [name]: values };
    commit(withPatch({ facets }));
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setText: (text) => commit(withPatch({ text })),
    toggleFacet(name, value) {
      const current = state.query.facets?.[name] ?? [];
      setFacetValues(
        name,
        current.includes(value) ? current.filter((v) => v !== value) : [...current, value],
      );
    },
    setFacet: setFacetValues,
    clearFacets: () => commit(withPatch({ facets: undefined })),
    setTerritory: (territory) => commit(withPatch({ territory })),
    setNear: (near) => commit(withPatch({ near })),
    setBbox: (bbox) => commit(withPatch({ bbox })),
    setSort: (sort) => commit(withPatch({ sort })),
    setPage: (page) => commit(withPatch({ page }, true)),
    reset: () => commit(initialQuery),
    refine: (partial) => commit(withPatch(partial, 'page' in partial)),
    recompute: () => commit(state.query, true),
  };
}

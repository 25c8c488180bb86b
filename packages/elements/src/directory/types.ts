/** The directory's search types, read from the page store's search connector (`FeedStore['search']`). */
import type { FeedStore } from '@essaim/sdk';

export type SearchState = ReturnType<FeedStore['search']['getState']>;
export type SearchQuery = SearchState['query'];
export type SearchResult = SearchState['result'];
export type SearchHit = SearchResult['hits'][number];
export type FacetSelection = NonNullable<SearchQuery['facets']>;
export type FacetName = keyof FacetSelection;
export type TerritoryScope = NonNullable<SearchQuery['territory']>;
export type SortBy = NonNullable<SearchQuery['sort']>;
export type Structure = SearchHit['record'];

/**
 * Export of the current results — every match of the query, not one page — as CSV or GeoJSON, offered
 * as a download (Blob + object URL). Loaded on the first click only. The files are the SDK's `toCsv` and
 * `toGeoJson` (columns, formula-safe cells, RFC 7946 GeoJSON: see `@essaim/sdk`), with the labels of the
 * page's store in the page's language and the distance from the "near me" point when set.
 */
import { type FeedStore, toCsv as sdkToCsv, toGeoJson as sdkToGeoJson } from '@essaim/sdk';
import { downloadBlob } from '../internal/download.ts';
import type { Lang } from '../internal/localize.ts';
import type { SearchHit } from './types.ts';

/** The CSV of `hits` (see the SDK's `toCsv`). */
export function toCsv(hits: readonly SearchHit[], store: FeedStore, lang: Lang): string {
  return sdkToCsv(hits, { taxonomy: (id) => store.concept(id), lang });
}

/** The GeoJSON FeatureCollection of the hits with coordinates (see the SDK's `toGeoJson`). */
export function toGeoJson(hits: readonly SearchHit[], store: FeedStore, lang: Lang): string {
  return JSON.stringify(sdkToGeoJson(hits, { taxonomy: (id) => store.concept(id), lang }).collection);
}

/** Offers `blob` as a download named `filename` (see `internal/download.ts`). */
export { downloadBlob as download } from '../internal/download.ts';

/** Builds the file of every match of the current query and offers it as a download. */
export function exportResults(kind: 'csv' | 'geojson', store: FeedStore, lang: Lang): void {
  const hits = store.matchHits();
  const date = new Date().toISOString().slice(0, 10);
  if (kind === 'csv')
    downloadBlob(new Blob([toCsv(hits, store, lang)], { type: 'text/csv;charset=utf-8' }), `ess-${date}.csv`);
  else
    downloadBlob(
      new Blob([toGeoJson(hits, store, lang)], { type: 'application/geo+json' }),
      `ess-${date}.geojson`,
    );
}

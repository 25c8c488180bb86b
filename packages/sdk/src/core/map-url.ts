/**
 * The map's part of the page URL (see `url-state.ts`): its view as `ess-map-view=lat,lon,zoom`.
 *
 * @module
 */
import type { UrlEntries } from './url-state.ts';

/** A map's view in the URL: its centre and zoom. */
export interface MapUrlView {
  lat: number;
  lon: number;
  zoom: number;
}

/** The map's view in `params` (`ess-map-view=lat,lon,zoom`), if valid. */
export function decodeMapUrl(params: URLSearchParams): MapUrlView | undefined {
  const [lat, lon, zoom, ...rest] = (params.get('ess-map-view') ?? '').split(',').map(Number);
  if (rest.length || lat === undefined || lon === undefined || zoom === undefined) return undefined;
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && zoom >= 0 && zoom <= 22
    ? { lat, lon, zoom }
    : undefined;
}

/** The map's parameter for `view` (5 decimals, about 1 m; zoom to 2). */
export function encodeMapUrl(view: MapUrlView): UrlEntries {
  return [['ess-map-view', `${view.lat.toFixed(5)},${view.lon.toFixed(5)},${view.zoom.toFixed(2)}`]];
}

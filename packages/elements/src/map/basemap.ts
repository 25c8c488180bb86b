/**
 * The offline basemap of `<ess-map>`: water, land and département outlines drawn from the bundled
 * `data/france-departements.generated.ts` (Natural Earth 1:10m, public domain; see data/SOURCE.md),
 * loaded as its own chunk with the map only. No glyphs, no sprites, no tiles: nothing to fetch.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const BASEMAP_SOURCE = 'essaim-basemap';

/** Metropolitan France and Corsica, `[west, south, east, north]`. */
export const FRANCE_BOUNDS: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];

export interface BasemapColors {
  water: string;
  land: string;
  neighbour: string;
  border: string;
}

export const defaultColors: BasemapColors = {
  water: '#d4e6f4',
  land: '#fbfaf7',
  neighbour: '#eeede8',
  border: '#a3a3b5',
};

/** The bundled style, ready for `new Map({ style })` or `map.setStyle()`. */
export async function bundledStyle(
  attribution: string,
  colors: BasemapColors = defaultColors,
): Promise<StyleSpecification> {
  const { default: data } = await import('./data/france-departements.generated.ts');
  return {
    version: 8,
    name: 'Essaim — départements (hors ligne)',
    sources: {
      [BASEMAP_SOURCE]: { type: 'geojson', data, attribution, tolerance: 0.5 },
    },
    layers: [
      { id: 'essaim-water', type: 'background', paint: { 'background-color': colors.water } },
      {
        id: 'essaim-neighbours',
        type: 'fill',
        source: BASEMAP_SOURCE,
        filter: ['==', ['get', 'kind'], 'neighbour'],
        paint: { 'fill-color': colors.neighbour },
      },
      {
        id: 'essaim-land',
        type: 'fill',
        source: BASEMAP_SOURCE,
        filter: ['==', ['get', 'kind'], 'departement'],
        paint: { 'fill-color': colors.land },
      },
      {
        id: 'essaim-departements',
        type: 'line',
        source: BASEMAP_SOURCE,
        filter: ['==', ['get', 'kind'], 'departement'],
        paint: {
          'line-color': colors.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.5, 9, 1.5],
        },
      },
    ],
  };
}

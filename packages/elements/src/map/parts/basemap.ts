/**
 * The offline basemap of `<ess-map>`: water, land and département outlines drawn from the bundled
 * `../data/france-departements.generated.ts` (Natural Earth 1:10m, public domain; see data/SOURCE.md),
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

/** The light basemap (a light page or theme). */
export const defaultColors: BasemapColors = {
  water: '#d4e6f4',
  land: '#fbfaf7',
  neighbour: '#eeede8',
  border: '#a3a3b5',
};

/** The dark basemap, chosen when the widget's colour scheme is dark (`--ess-color-scheme`, the page's). */
export const darkColors: BasemapColors = {
  water: '#0f1d2b',
  land: '#242424',
  neighbour: '#1a1a1a',
  border: '#6b6b80',
};

/** The basemap of a scheme. */
export const basemapColors = (dark: boolean): BasemapColors => (dark ? darkColors : defaultColors);

/** Recolours the bundled basemap in place (the scheme changed): no reload, the overlay stays. */
export function recolourBasemap(
  map: { getLayer(id: string): unknown; setPaintProperty(layer: string, name: string, value: unknown): void },
  colors: BasemapColors,
): void {
  const paints: [string, string, string][] = [
    ['essaim-water', 'background-color', colors.water],
    ['essaim-neighbours', 'fill-color', colors.neighbour],
    ['essaim-land', 'fill-color', colors.land],
    ['essaim-departements', 'line-color', colors.border],
  ];
  for (const [layer, name, value] of paints)
    if (map.getLayer(layer)) map.setPaintProperty(layer, name, value);
}

/** The bundled style, ready for `new Map({ style })` or `map.setStyle()`. */
export async function bundledStyle(
  attribution: string,
  colors: BasemapColors = defaultColors,
): Promise<StyleSpecification> {
  const { default: data } = await import('../data/france-departements.generated.ts');
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

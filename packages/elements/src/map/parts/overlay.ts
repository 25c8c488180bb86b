/**
 * The element's side of the map's style: the bundled basemap in the widget's scheme, the overlay put
 * back on each style load, both repainted when the scheme or the tokens change.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { basemapColors, bundledStyle, recolourBasemap } from './basemap.ts';
import { type SymbolColors, symbolColors, watchScheme } from './colors.ts';
import type { MapKind } from './items.ts';
import { addOverlay, recolourOverlay, removeOverlay, setKindVisible } from './layers.ts';

export interface OverlayHost {
  root(): ParentNode;
  kinds(): readonly MapKind[];
  hidden(): ReadonlySet<MapKind>;
  /** Whether the bundled basemap is drawn (no style URL, or it failed). */
  bundledBasemap(): boolean;
  attribution(): string;
  /** The language of the cluster counts. */
  lang(): string;
  clusterRadius(): number;
  data(kind: MapKind): FeatureCollection<Point>;
  selectedData(): FeatureCollection<Point>;
}

export class MapOverlay {
  /** Whether the current style has loaded (an error before means the style failed). */
  styleLoaded = false;
  #colors?: SymbolColors;
  #stopWatch?: () => void;

  constructor(private readonly host: OverlayHost) {}

  /** The bundled basemap, in the widget's current scheme. */
  bundled() {
    return bundledStyle(this.host.attribution(), basemapColors(symbolColors(this.host.root()).dark));
  }

  /** Follows the scheme of the widget for `map`. */
  watch(map: MapLibreMap): void {
    this.#stopWatch?.();
    this.#stopWatch = watchScheme(() => this.recolour(map));
  }

  /** Puts the sources and layers on top of whatever basemap (on each style load). */
  add(map: MapLibreMap): void {
    const host = this.host;
    this.styleLoaded = true;
    this.#colors = symbolColors(host.root());
    addOverlay(map, {
      kinds: host.kinds(),
      data: (kind) => host.data(kind),
      selected: host.selectedData(),
      clusterRadius: host.clusterRadius(),
      colors: this.#colors,
      lang: host.lang(),
    });
    for (const kind of host.kinds()) setKindVisible(map, kind, !host.hidden().has(kind));
    // The bundled basemap was built before the scheme may have changed.
    if (host.bundledBasemap()) recolourBasemap(map, basemapColors(this.#colors.dark));
  }

  /** Again from scratch (the kinds shown or the cluster radius changed). */
  rebuild(map: MapLibreMap): void {
    if (!this.styleLoaded) return;
    removeOverlay(map);
    this.add(map);
  }

  /** Repaints the symbols and the bundled basemap when the scheme or the tokens changed. */
  recolour(map: MapLibreMap): void {
    const colors = symbolColors(this.host.root());
    const before = this.#colors;
    this.#colors = colors;
    if (before && JSON.stringify(before) === JSON.stringify(colors)) return;
    recolourOverlay(map, colors);
    if (this.host.bundledBasemap()) recolourBasemap(map, basemapColors(colors.dark));
  }

  /** Another basemap: `url`, or the bundled one. */
  async setStyle(map: MapLibreMap, url: string | undefined): Promise<void> {
    this.styleLoaded = false;
    map.setStyle(url || (await this.bundled()), { diff: false });
  }

  /** The map is gone. */
  detach(): void {
    this.#stopWatch?.();
    this.#stopWatch = undefined;
    this.styleLoaded = false;
    this.#colors = undefined;
  }
}

/**
 * The chosen point of the map and its popup: a structure chosen here becomes the page's selection
 * (`ess-select`, then `store.select`), one selected elsewhere is eased to; an event chosen here opens
 * in the agenda sharing the page (`ess-event-select`, then `openEvent`). Escape closes the popup.
 */
import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import type { FeedStore } from '@essaim/sdk';
import type { EssEventSelectDetail, EssSelectDetail } from '../../events/events.ts';
import { itemKey, type MapItem, type MapKind, toGeojson } from './items.ts';
import { MAP_IDS } from './layers.ts';
import type { GeoJSONSource } from 'maplibre-gl';
import type { MapPoints, Selection } from './points.ts';
import { type PopupHost, popupContent } from './popups.ts';

export interface SelectionHost {
  map(): MapLibreMap | undefined;
  /** MapLibre's popup, once MapLibre is loaded (parts/maplibre.ts). */
  popupClass(): typeof Popup | undefined;
  store(): FeedStore | undefined;
  readonly points: MapPoints;
  popupHost(): PopupHost;
  /** Fires the cancelable event; false when a listener cancelled it. */
  emitSelect(detail: EssSelectDetail): boolean;
  emitEventSelect(detail: EssEventSelectDetail): boolean;
  /** The selection changed: render again. */
  changed(): void;
}

export class MapSelection {
  selected?: Selection;
  #popup?: Popup;
  #fromMap?: string;

  constructor(private readonly host: SelectionHost) {}

  /**
   * What a click on a point or a list button does. A structure: `ess-select`, then the page's selection
   * and a popup. An event: `ess-event-select`, then the event's detail in the agenda (the focus goes
   * there when `focus`, from the list) and a popup.
   */
  choose(kind: MapKind, id: string, focus: boolean): void {
    const { host } = this;
    const store = host.store();
    if (kind === 'events') {
      const item = host.points.get({ kind, id });
      if (!item || !host.emitEventSelect({ eventId: id, start: item.start ?? '' })) return;
      this.#fromMap = itemKey(item);
      this.show(item);
      this.#open(item);
      void store?.agenda.get()?.openEvent?.(id, { ...(item.start ? { start: item.start } : {}), focus });
      return;
    }
    if (!host.emitSelect({ id })) return;
    const selected = { kind, id };
    this.#fromMap = itemKey(selected);
    store?.select(id);
    if (store?.getState().selectedId !== id) this.show(selected); // no store: local only
    const item = host.points.item(selected, store);
    if (item) this.#open(item);
  }

  /** The chosen point changed (from this map, the directory, or code): highlight it, ease to it. */
  show(selected: Selection | undefined): void {
    const map = this.host.map();
    this.selected = selected ? { kind: selected.kind, id: selected.id } : undefined;
    this.host.changed();
    const item = this.host.points.item(selected, this.host.store());
    map?.getSource<GeoJSONSource>(MAP_IDS.selectedSource)?.setData(this.data());
    if (!selected) {
      this.close();
      return;
    }
    if (itemKey(selected) === this.#fromMap) {
      this.#fromMap = undefined;
      return;
    }
    if (item && map) {
      map.easeTo({ center: [item.lon, item.lat], zoom: Math.max(map.getZoom(), 13) });
      this.#open(item);
    }
  }

  /** The selected point, for the map's source. */
  data() {
    const item = this.host.points.item(this.selected, this.host.store());
    return toGeojson(item ? [item] : []);
  }

  isSelected(item: MapItem): boolean {
    return item.kind === this.selected?.kind && item.id === this.selected.id;
  }

  #open(item: MapItem): void {
    const map = this.host.map();
    const PopupClass = this.host.popupClass();
    if (!map || !PopupClass) return;
    this.#popup?.remove();
    this.#popup = new PopupClass({ closeButton: true, maxWidth: '20em', focusAfterOpen: false, offset: 10 })
      .setLngLat([item.lon, item.lat])
      .setDOMContent(popupContent(this.host.popupHost(), item))
      .addTo(map);
  }

  /** Closes the popup; true when one was open. */
  close(): boolean {
    const open = !!this.#popup?.isOpen();
    this.#popup?.remove();
    this.#popup = undefined;
    return open;
  }
}

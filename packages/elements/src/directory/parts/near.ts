/**
 * « Près de chez moi »: the commune / postcode combobox, « Me localiser », the distance, and what is
 * active. `NearMe` keeps that state and its actions for the element (the search itself is the store's);
 * `renderNear` is its template.
 */
import type { FeedStore, SearchQuery } from '@essaim/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import { type GeoStatus, locate } from '../../internal/geolocation.ts';
import { type PlaceFieldText, type PlaceMatch, PlaceSuggest } from '../../internal/place-suggest.ts';
import type { DirectoryMessages } from '../ess-directory.i18n.ts';
import { RADII } from './results.ts';

type T = <K extends keyof DirectoryMessages>(key: K, ...args: Args<DirectoryMessages[K]>) => string;

/** The distance offered first, in km. */
const DEFAULT_RADIUS = 10;

/** The "near me" point's label, distance and geolocation status, and what the user does with them. */
export class NearMe {
  /** The name of the active point (a commune, « Ma position »): shown, and kept in the URL. */
  label: string | undefined;
  /** The distance chosen, in km; `undefined`: any distance (sorted by distance only). */
  radius: number | undefined = DEFAULT_RADIUS;
  geoStatus: GeoStatus = '';
  readonly place: PlaceSuggest;

  constructor(
    /** The element: its store is the page's. */
    private readonly host: ReactiveControllerHost & { readonly store: FeedStore | undefined },
    private readonly options: {
      /** The user changed the search (the element tells the page). */
      changed(): void;
      t: T;
      /** The combobox's typing pause, in ms. */
      delay: number;
    },
  ) {
    this.place = new PlaceSuggest(host, {
      onPick: (m) => this.#pick(m),
      delay: options.delay,
      // Only the places of the feed's départements (a name elsewhere loads more).
      records: () => host.store?.getState().feed?.structures,
    });
  }

  #pick(match: PlaceMatch): void {
    const { lat, lon } = match.place;
    if (lat === undefined || lon === undefined) return;
    this.#set(lat, lon, match.label);
  }

  #set(lat: number, lon: number, label: string): void {
    this.label = label;
    this.host.store?.search.refine({ near: { lat, lon, radiusKm: this.radius }, sort: 'distance' });
    this.options.changed();
    this.host.requestUpdate();
  }

  locate(): void {
    locate(
      (status) => {
        this.geoStatus = status;
        this.host.requestUpdate();
      },
      (lat, lon) => {
        this.geoStatus = '';
        this.place.clear();
        this.#set(lat, lon, this.options.t('myPosition'));
      },
    );
  }

  setRadius(radius: number | undefined): void {
    this.radius = radius;
    this.host.requestUpdate();
    const store = this.host.store;
    const near = store?.search.getState().query.near;
    if (near) {
      store?.search.setNear({ lat: near.lat, lon: near.lon, radiusKm: radius });
      this.options.changed();
    }
  }

  /** Forgets the point (the field, the label); `search`: also removes it from the search. */
  clear(search: boolean): void {
    if (search) this.host.store?.search.refine({ near: undefined, sort: undefined });
    this.place.clear();
    this.label = undefined;
    this.host.requestUpdate();
    if (search) this.options.changed();
  }
}

/** What « près de chez moi » shows: the element's `NearMe`, its messages and the active point. */
export interface NearHost {
  t: T;
  near: SearchQuery['near'];
  me: NearMe;
}

function placeText(h: NearHost): PlaceFieldText {
  return {
    label: h.t('placeLabel'),
    hint: h.t('placeHint'),
    loading: h.t('placesLoading'),
    error: h.t('placesError'),
    none: h.t('placesNone'),
    count: (n) => h.t('placesCount', n),
  };
}

export function renderNear(h: NearHost): TemplateResult {
  const near = h.near;
  const geo = h.me.geoStatus
    ? h.t(
        (
          {
            locating: 'locating',
            denied: 'geoDenied',
            unavailable: 'geoUnavailable',
            unsupported: 'geoUnsupported',
          } as const
        )[h.me.geoStatus],
      )
    : '';
  return html`<fieldset part="near" class="near">
    <legend>${h.t('nearLegend')}</legend>
    <div class="near-row">
      ${h.me.place.render(placeText(h))}
      <div class="near-actions">
        <button type="button" class="locate" @click=${() => h.me.locate()}>${h.t('locate')}</button>
        <span class="radius">
          <label for="radius">${h.t('radius')}</label>
          <select id="radius" @change=${(e: Event) => h.me.setRadius(Number((e.target as HTMLSelectElement).value) || undefined)}>
            ${RADII.map((r) => html`<option value=${r} ?selected=${h.me.radius === r}>${h.t('radiusKm', r)}</option>`)}
            <option value="" ?selected=${h.me.radius === undefined}>${h.t('radiusAny')}</option>
          </select>
        </span>
      </div>
    </div>
    <p class="geo-status" role="status">${geo}</p>
    ${
      near
        ? html`<p class="near-active">
          ${h.t('nearActive', h.me.label ?? h.t('myPosition'))}
          <button type="button" @click=${() => h.me.clear(true)}>${h.t('clearNear')}</button>
        </p>`
        : nothing
    }
  </fieldset>`;
}

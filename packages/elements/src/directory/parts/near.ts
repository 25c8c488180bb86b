/**
 * « Près de chez moi »: the commune / postcode combobox, « Me localiser », the distance, and what is
 * active. A template: the element gives its state and its actions (`NearHost`).
 */
import type { SearchQuery } from '@essaim/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import type { GeoStatus } from '../../internal/geolocation.ts';
import type { PlaceFieldText, PlaceSuggest } from '../../internal/place-suggest.ts';
import type { DirectoryMessages } from '../ess-directory.i18n.ts';
import { RADII } from './results.ts';

/** What « près de chez moi » needs from the element. */
export interface NearHost {
  t<K extends keyof DirectoryMessages>(key: K, ...args: Args<DirectoryMessages[K]>): string;
  near: SearchQuery['near'];
  nearLabel: string | undefined;
  geoStatus: GeoStatus;
  radius: number | undefined;
  place: PlaceSuggest;
  locate(): void;
  setRadius(km: number | undefined): void;
  clearNear(): void;
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
  const geo = h.geoStatus
    ? h.t(
        (
          {
            locating: 'locating',
            denied: 'geoDenied',
            unavailable: 'geoUnavailable',
            unsupported: 'geoUnsupported',
          } as const
        )[h.geoStatus],
      )
    : '';
  return html`<fieldset part="near" class="near">
    <legend>${h.t('nearLegend')}</legend>
    <div class="near-row">
      ${h.place.render(placeText(h))}
      <div class="near-actions">
        <button type="button" class="locate" @click=${h.locate}>${h.t('locate')}</button>
        <span class="radius">
          <label for="radius">${h.t('radius')}</label>
          <select id="radius" @change=${(e: Event) => h.setRadius(Number((e.target as HTMLSelectElement).value) || undefined)}>
            ${RADII.map((r) => html`<option value=${r} ?selected=${h.radius === r}>${h.t('radiusKm', r)}</option>`)}
            <option value="" ?selected=${h.radius === undefined}>${h.t('radiusAny')}</option>
          </select>
        </span>
      </div>
    </div>
    <p class="geo-status" role="status">${geo}</p>
    ${
      near
        ? html`<p class="near-active">
          ${h.t('nearActive', h.nearLabel ?? h.t('myPosition'))}
          <button type="button" @click=${h.clearNear}>${h.t('clearNear')}</button>
        </p>`
        : nothing
    }
  </fieldset>`;
}

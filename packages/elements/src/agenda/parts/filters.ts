/**
 * The filters panel of `<ess-agenda>`: facets with counts, the dates, and "Près de moi" (the commune
 * combobox shared with the directory, or the visitor's position on request). A separate chunk, loaded
 * right after the first list is on screen.
 */
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  AGENDA_VALUE_LABELS,
  type AgendaFacetName,
  type AgendaListConnector,
  type AgendaState,
} from '@essaim/sdk';
import { departementLabel } from '../../directory/departements.ts';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { type GeoStatus, locate } from '../../internal/geolocation.ts';
import { listboxStyles } from '../../internal/listbox-styles.ts';
import { PlaceSuggest } from '../../internal/place-suggest.ts';
import type { Lang } from '../../internal/localize.ts';
import { agendaFilterMessages as A } from './filters.i18n.ts';

/** The facets shown, in this order. */
export const FACETS: readonly AgendaFacetName[] = [
  'categories',
  'themes',
  'attendance',
  'price',
  'departement',
];
const FACET_LIMIT = 8;
const RADII = [5, 10, 20, 50] as const;

/** Where "Près de moi" stands. */
export type { GeoStatus };

/** What these parts need from the component (its state and actions). */
export interface AgendaAsideHost {
  lang: Lang;
  number(n: number): string;
  connector: AgendaListConnector;
  state: AgendaState;
  /** A concept's label in the page's language (categories, themes). */
  concept(id: string): string | undefined;
  expanded: ReadonlySet<AgendaFacetName>;
  setExpanded(next: ReadonlySet<AgendaFacetName>): void;
  rangeFrom: string;
  rangeTo: string;
  /** Sets one end of the date range (`YYYY-MM-DD` or empty) and applies it. */
  setRange(which: 'from' | 'to', value: string): void;
  /** The distance of "near", in kilometres. */
  radius: number;
  setRadius(km: number): void;
  geoStatus: GeoStatus;
  setGeoStatus(status: GeoStatus): void;
  /** The commune / postcode field of "Près de moi" (see {@link placeField}). */
  place: PlaceSuggest | undefined;
  /** The user changed the filters (the element says so with `ess-filters-change`). */
  changed(): void;
}

type Key = keyof typeof A.fr;
const t = <K extends Key>(host: { lang: Lang }, key: K, ...args: Args<(typeof A.fr)[K]>) =>
  translate(A, host.lang, key, ...args);

/** Styles of the filters, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-block: 0 0.75em;
      margin-inline: 0;
      padding: 0.5em 0.75em;
    }
    legend {
      font-weight: 700;
      padding-inline: 0.25em;
    }
    .facet ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .facet label {
      display: flex;
      gap: 0.375em;
      align-items: baseline;
      font-weight: 400;
      padding-block: 0.125em;
    }
    input[type='date'],
    input[type='text'],
    select {
      inline-size: 100%;
      min-block-size: 2.5em;
      padding: 0.375em 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .range {
      display: grid;
      gap: 0.25em;
    }
    .facet label.plain {
      display: block;
      font-weight: 600;
    }
    .near select,
    .near .locate {
      margin-block: 0.25em;
    }
    .combo {
      position: relative;
    }
    ${listboxStyles}
  }
`;

// --- Filters ------------------------------------------------------------------------------------

function valueLabel(host: AgendaAsideHost, name: AgendaFacetName, value: string, label?: string): string {
  if (name === 'departement') return departementLabel(value);
  if (name === 'attendance' || name === 'price') return AGENDA_VALUE_LABELS[value]?.[host.lang] ?? value;
  return host.concept(value) ?? label ?? value;
}

function renderFacet(host: AgendaAsideHost, name: AgendaFacetName) {
  const values = host.state.result.facets[name];
  if (!values?.length) return nothing;
  const expanded = host.expanded.has(name);
  const shown = expanded ? values : values.filter((v, i) => i < FACET_LIMIT || v.selected);
  const more = values.length - shown.length;
  return html`<fieldset part="facet" class="facet">
    <legend>${t(host, `facet_${name}`)}</legend>
    <ul>
      ${shown.map(
        (v) => html`<li>
          <label>
            <input
              type="checkbox"
              .checked=${v.selected}
              @change=${() => {
                host.connector.toggleFacet(name, v.value);
                host.changed();
              }}
            />
            <span>${valueLabel(host, name, v.value, v.label)}</span>
            <span class="count">(${host.number(v.count)})</span>
          </label>
        </li>`,
      )}
    </ul>
    ${
      values.length > FACET_LIMIT
        ? html`<button
          type="button"
          class="link"
          @click=${() => {
            const next = new Set(host.expanded);
            if (expanded) next.delete(name);
            else next.add(name);
            host.setExpanded(next);
          }}
        >
          ${expanded ? t(host, 'showFewerValues') : t(host, 'showMoreValues', more)}
        </button>`
        : nothing
    }
  </fieldset>`;
}

function renderRange(host: AgendaAsideHost): TemplateResult {
  const change = (which: 'from' | 'to') => (e: Event) =>
    host.setRange(which, (e.target as HTMLInputElement).value);
  return html`<fieldset part="dates" class="facet range">
    <legend>${t(host, 'dates')}</legend>
    <label class="plain" for="from">${t(host, 'from')}</label>
    <input id="from" type="date" aria-describedby="dates-hint" .value=${host.rangeFrom} max=${host.rangeTo || nothing} @change=${change('from')} />
    <label class="plain" for="to">${t(host, 'to')}</label>
    <input id="to" type="date" aria-describedby="dates-hint" .value=${host.rangeTo} min=${host.rangeFrom || nothing} @change=${change('to')} />
    <p id="dates-hint" class="hint">${t(host, 'datesHint')}</p>
  </fieldset>`;
}

/** Asks the browser for the visitor's position (on their request), then keeps the events near it. */
function locateNear(host: AgendaAsideHost): void {
  locate(
    (status) => host.setGeoStatus(status),
    (lat, lon) => {
      host.setGeoStatus('');
      host.connector.setNear({ lat, lon, radiusKm: host.radius });
      host.changed();
    },
  );
}

function setRadius(host: AgendaAsideHost, radius: number): void {
  host.setRadius(radius);
  const near = host.connector.getState().query.near;
  if (near) {
    host.connector.setNear({ lat: near.lat, lon: near.lon, radiusKm: radius });
    host.changed();
  }
}

/**
 * The commune / postcode field of "Près de moi" (the directory's combobox): a pick keeps the events near
 * that commune's centre. `records` are the places of the feed's events (their départements' communes
 * are loaded first).
 */
export function placeField(
  element: ReactiveControllerHost,
  host: () => AgendaAsideHost,
  records: () => Iterable<{ address?: { cog?: { departement?: string } } | undefined }> | undefined,
): PlaceSuggest {
  return new PlaceSuggest(element, {
    onPick: (m) => {
      const h = host();
      if (m.place.lat === undefined || m.place.lon === undefined) return;
      h.connector.setNear({ lat: m.place.lat, lon: m.place.lon, radiusKm: h.radius });
      h.changed();
    },
    records,
  });
}

function renderNear(host: AgendaAsideHost): TemplateResult {
  const near = host.state.query.near;
  const status = host.geoStatus
    ? t(
        host,
        (
          {
            locating: 'locating',
            denied: 'geoDenied',
            unavailable: 'geoUnavailable',
            unsupported: 'geoUnsupported',
          } as const
        )[host.geoStatus],
      )
    : '';
  return html`<fieldset part="near" class="facet near">
    <legend>${t(host, 'nearLegend')}</legend>
    <label class="plain" for="radius">${t(host, 'radius')}</label>
    <select id="radius" @change=${(e: Event) => setRadius(host, Number((e.target as HTMLSelectElement).value) || 10)}>
      ${[...new Set([...RADII, host.radius])]
        .sort((a, b) => a - b)
        .map(
          (r) => html`<option value=${r} ?selected=${host.radius === r}>${t(host, 'radiusKm', r)}</option>`,
        )}
    </select>
    ${host.place?.render({
      label: t(host, 'placeLabel'),
      hint: t(host, 'placeHint'),
      loading: t(host, 'placesLoading'),
      error: t(host, 'placesError'),
      none: t(host, 'placesNone'),
    })}
    <button type="button" class="locate" @click=${() => locateNear(host)}>${t(host, 'locate')}</button>
    <p class="hint" role="status">${status}</p>
    ${
      near
        ? html`<p class="near-active">
          ${t(host, 'nearActive', near.radiusKm ?? host.radius)}
          <button
            type="button"
            @click=${() => {
              host.connector.setNear(undefined);
              host.place?.clear();
              host.changed();
            }}
          >
            ${t(host, 'clearNear')}
          </button>
        </p>`
        : nothing
    }
  </fieldset>`;
}

/** The filters panel's content: facets with counts, the dates, "Près de moi". */
export function renderFilters(host: AgendaAsideHost): TemplateResult {
  return html`${FACETS.map((f) => renderFacet(host, f))} ${renderRange(host)} ${renderNear(host)}`;
}

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
  addDays,
  isValidDateKey,
} from '@essaim/sdk';
import { departementLabel } from '../../directory/departements.ts';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { facetList } from '../../internal/facet-list.ts';
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

/**
 * What the filters reach in the component: `<ess-agenda>` itself (its state and actions), so that this
 * chunk, not the first list, carries the filters' logic.
 */
export interface AgendaAsideHost {
  readonly l10n: { readonly lang: Lang; number(n: number): string };
  readonly store: { concept(id: string): { label: Record<Lang, string> } | undefined } | undefined;
  readonly connector: AgendaListConnector | undefined;
  readonly agenda: AgendaState | undefined;
  /** The facets whose values are all shown. */
  expandedFacets: ReadonlySet<AgendaFacetName>;
  /** The date range's fields (`YYYY-MM-DD` or empty). */
  rangeFrom: string;
  rangeTo: string;
  /** "Today" (`YYYY-MM-DD`). */
  todayKey(): string;
  /** The distance of "near" (the `radius` attribute, read), in kilometres. */
  radiusKm(): number;
  radius: number | undefined;
  geoStatus: GeoStatus;
  /** The commune / postcode field of "Près de moi" (see {@link placeField}). */
  readonly placeField: PlaceSuggest | undefined;
  /** The user changed the filters (the element says so with `ess-filters-change`). */
  userChanged(): void;
}

type Key = keyof typeof A.fr;
const t = <K extends Key>(host: AgendaAsideHost, key: K, ...args: Args<(typeof A.fr)[K]>) =>
  translate(A, host.l10n.lang, key, ...args);

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
  if (name === 'attendance' || name === 'price') return AGENDA_VALUE_LABELS[value]?.[host.l10n.lang] ?? value;
  return host.store?.concept(value)?.label[host.l10n.lang] ?? label ?? value;
}

function renderFacet(host: AgendaAsideHost, name: AgendaFacetName) {
  return facetList({
    legend: t(host, `facet_${name}`),
    values: host.agenda?.result.facets[name],
    limit: FACET_LIMIT,
    expanded: host.expandedFacets.has(name),
    label: (value, label) => valueLabel(host, name, value, label),
    number: (n) => host.l10n.number(n),
    toggle: (value) => {
      host.connector?.toggleFacet(name, value);
      host.userChanged();
    },
    setExpanded: (expanded) => {
      const next = new Set(host.expandedFacets);
      if (expanded) next.add(name);
      else next.delete(name);
      host.expandedFacets = next;
    },
    moreText: (more) => t(host, 'showMoreValues', more),
    fewerText: t(host, 'showFewerValues'),
  });
}

/** Applies the date range's fields (inclusive days) to the agenda; empty fields: the upcoming events. */
export function applyRange(
  host: Pick<AgendaAsideHost, 'connector' | 'rangeFrom' | 'rangeTo' | 'todayKey'>,
): void {
  const c = host.connector;
  if (!c) return;
  const from = isValidDateKey(host.rangeFrom) ? host.rangeFrom : undefined;
  const to = isValidDateKey(host.rangeTo) ? addDays(host.rangeTo, 1) : undefined;
  if (!from && !to) c.setUpcoming();
  else c.setRange(from ?? host.todayKey(), to);
}

/** Sets one end of the date range (`YYYY-MM-DD` or empty) and applies it (a user action). */
function setRange(host: AgendaAsideHost, which: 'from' | 'to', value: string): void {
  if (which === 'from') host.rangeFrom = value;
  else host.rangeTo = value;
  applyRange(host);
  host.userChanged();
}

function renderRange(host: AgendaAsideHost): TemplateResult {
  const change = (which: 'from' | 'to') => (e: Event) =>
    setRange(host, which, (e.target as HTMLInputElement).value);
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
    (status) => (host.geoStatus = status),
    (lat, lon) => {
      host.geoStatus = '';
      host.connector!.setNear({ lat, lon, radiusKm: host.radiusKm() });
      host.userChanged();
    },
  );
}

function setRadius(host: AgendaAsideHost, radius: number): void {
  host.radius = radius;
  const near = host.connector!.getState().query.near;
  if (near) {
    host.connector!.setNear({ lat: near.lat, lon: near.lon, radiusKm: radius });
    host.userChanged();
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
      h.connector?.setNear({ lat: m.place.lat, lon: m.place.lon, radiusKm: h.radiusKm() });
      h.userChanged();
    },
    records,
  });
}

function renderNear(host: AgendaAsideHost): TemplateResult {
  const near = host.agenda!.query.near;
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
      ${[...new Set([...RADII, host.radiusKm()])]
        .sort((a, b) => a - b)
        .map(
          (r) =>
            html`<option value=${r} ?selected=${host.radiusKm() === r}>${t(host, 'radiusKm', r)}</option>`,
        )}
    </select>
    ${host.placeField?.render({
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
          ${t(host, 'nearActive', near.radiusKm ?? host.radiusKm())}
          <button
            type="button"
            @click=${() => {
              host.connector!.setNear(undefined);
              host.placeField?.clear();
              host.userChanged();
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

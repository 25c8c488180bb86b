/**
 * The parts of `<ess-agenda>` shown a moment after its first list, loaded as a separate chunk (dynamic
 * `import()`) right after that list is on screen: the filters panel (facets with counts, dates, "Près de
 * moi"), the .ics downloads, the calendars to subscribe to, and the opt-in URL sync and JSON-LD
 * (with `sync-url`, this chunk is loaded before the first list, which depends on the URL). The first
 * list does not wait for them.
 */
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  AGENDA_VALUE_LABELS,
  type AgendaListConnector,
  type AgendaFacetName,
  type AgendaOccurrence,
  type AgendaState,
  type AgendaUrlState,
  decodeAgendaUrl,
  encodeAgendaUrl,
  type Feed,
  loadIcs,
  readUrlState,
  syncUrlState,
  URL_NAMESPACES,
} from '@essaim/sdk';
import { departementLabel } from '../directory/departements.ts';
import { type Args, translate } from '../i18n/dictionary.ts';
import { type GeoStatus, locate } from '../internal/geolocation.ts';
import { listboxStyles } from '../internal/listbox-styles.ts';
import { PlaceSuggest } from '../internal/place-suggest.ts';
import type { Lang } from '../internal/localize.ts';
import { safeHref } from '../internal/safe-url.ts';
import { setJsonScript } from '../internal/trusted-types.ts';
import { agendaAsideMessages as A } from './i18n-aside.ts';

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

type AsideKey = keyof typeof A.fr;
const t = <K extends AsideKey>(host: { lang: Lang }, key: K, ...args: Args<(typeof A.fr)[K]>) =>
  translate(A, host.lang, key, ...args);

/** Styles of these parts, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    input[type='date'] {
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
    .subscribe {
      margin-block: 1em;
      padding: 0.5em 0.75em;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .subscribe .count {
      color: var(--_muted);
      margin-inline-start: 0.25em;
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

// --- Download of the view --------------------------------------------------------------------------

/** "Télécharger la sélection (.ics)": the dates of the view as one calendar file. */
export function renderExport(input: {
  lang: Lang;
  /** How many dates the view shows. */
  count: number;
  status: '' | 'busy' | 'done';
  download(): void;
}): TemplateResult {
  const { status } = input;
  return html`<div part="export" class="export">
    <button type="button" class="ics-selection" aria-describedby="export-help" @click=${() => input.download()}>
      ${t(input, 'downloadSelection')}
    </button>
    <p class="hint" id="export-help">
      ${t(input, 'downloadHelp', input.count)}
      <span role="status">${status === 'busy' ? t(input, 'downloading') : status === 'done' ? t(input, 'downloaded') : ''}</span>
    </p>
  </div>`;
}

/** What to download: one event, or the dates of the view as one calendar named `title`. */
export type AgendaDownload = {
  lang: Lang;
  /** A concept's label (categories, themes) in `lang`. */
  labels(id: string): string | undefined;
} & (
  | { event: AgendaOccurrence['event']; occurrences?: undefined; events?: undefined; title?: undefined }
  | { occurrences: readonly AgendaOccurrence[]; title: string; event?: undefined; events?: undefined }
  | {
      events: readonly AgendaOccurrence['event'][];
      title: string;
      event?: undefined;
      occurrences?: undefined;
    }
);

/** Writes the .ics file (the ICS writer is its own chunk) and hands it to the browser as a download. */
export async function download(root: Node, what: AgendaDownload): Promise<void> {
  const ics = await loadIcs();
  const { lang, labels } = what;
  const [text, name] = what.event
    ? [ics.eventToIcs(what.event, { lang, labels }), ics.icsFileName(what.event.title)]
    : [
        what.events
          ? ics.eventsToIcs(what.events, { lang, labels, name: what.title })
          : ics.occurrencesToIcs(what.occurrences, { lang, labels, name: what.title }),
        ics.icsFileName(what.title),
      ];
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// --- Calendars to subscribe to -------------------------------------------------------------------

/** What the subscription links need. */
export interface AgendaSubscribeInput {
  lang: Lang;
  calendars: NonNullable<Feed['manifest']['calendars']>;
  /** Its query's territory (the attributes, read once by the element) scopes the calendars. */
  state: AgendaState | undefined;
  /** Base URL of relative calendar URLs. */
  base: string | undefined;
}

/** The feed's subscribable calendars for this view: all, the territory's, the chosen categories'. */
function calendarsOf(
  input: AgendaSubscribeInput,
): Array<{ name: string; href: string; count?: number | undefined }> {
  const q = input.state?.query;
  const departements = new Set([...(q?.territory?.departements ?? []), ...(q?.facets?.departement ?? [])]);
  const regions = new Set(q?.territory?.regions ?? []);
  const categories = new Set([...(q?.facets?.categories ?? []), ...(q?.facets?.themes ?? [])]);
  const scoped = departements.size + regions.size > 0;
  const out: Array<{ name: string; href: string; count?: number | undefined }> = [];
  for (const c of input.calendars) {
    const wanted =
      (c.departement ? departements.has(c.departement) : false) ||
      (c.region ? regions.has(c.region) : false) ||
      (c.category ? categories.has(c.category) : false) ||
      (!c.departement && !c.region && !c.category && !scoped);
    if (!wanted) continue;
    let url: string | undefined;
    try {
      url = new URL(c.url, input.base || undefined).href;
    } catch {
      url = undefined; // a relative URL and no base: not offered
    }
    const href = safeHref(url, ['http']);
    if (href) out.push({ name: c.name, href, count: c.count });
  }
  return out;
}

/** "S’abonner à l’agenda": the feed's calendars for this view, as links an agenda app can subscribe to. */
export function renderSubscribe(input: AgendaSubscribeInput): TemplateResult | typeof nothing {
  const calendars = calendarsOf(input);
  if (!calendars.length) return nothing;
  return html`<div part="subscribe" class="subscribe">
    <p class="subscribe-title"><strong>${t(input, 'subscribe')}</strong></p>
    <ul class="plain">
      ${calendars.map(
        (c) => html`<li>
          <a href=${c.href} type="text/calendar">${c.name}</a>
          ${c.count !== undefined ? html`<span class="count">(${t(input, 'eventsCount', c.count)})</span>` : nothing}
        </li>`,
      )}
    </ul>
    <p class="hint">${t(input, 'subscribeHelp')}</p>
  </div>`;
}

// --- URL sync (opt-in) ------------------------------------------------------------------------------

/**
 * Reads the `ess-agenda-*` parameters of the page URL (the SDK's agenda codec): text and facets go to
 * `c`; the view, date and range are returned.
 */
export function readUrl(c: AgendaListConnector): AgendaUrlState {
  const read = decodeAgendaUrl(readUrlState(location.search, URL_NAMESPACES.agenda));
  if (read.text) c.setText(read.text);
  for (const [f, values] of Object.entries(read.facets ?? {})) c.setFacet(f as AgendaFacetName, values);
  return read;
}

/** Writes the view and filters as `ess-agenda-*` parameters of the page URL (others left alone). */
export function writeUrl(s: AgendaState, extra: Omit<AgendaUrlState, 'text' | 'facets'>): void {
  const facets = s.query.facets as AgendaUrlState['facets'];
  syncUrlState(URL_NAMESPACES.agenda, encodeAgendaUrl({ ...extra, text: s.query.text, facets }));
}

// --- JSON-LD (opt-in) ------------------------------------------------------------------------------

const STATUS: Record<string, string> = {
  scheduled: 'EventScheduled',
  rescheduled: 'EventRescheduled',
  'moved-online': 'EventMovedOnline',
  postponed: 'EventPostponed',
  full: 'EventScheduled',
  cancelled: 'EventCancelled',
};

/** The listed events as a schema.org `ItemList` of `Event`s, in a script of `host`'s light DOM. */
export function writeJsonLd(host: HTMLElement, s: AgendaState): void {
  const items = s.result.occurrences.map((o, i) => {
    const e = o.event;
    const online = o.status === 'moved-online' || e.attendanceMode === 'online';
    const item: Record<string, unknown> = {
      '@type': 'Event',
      name: e.title,
      startDate: o.startIso,
      eventStatus: `https://schema.org/${STATUS[o.status]}`,
      eventAttendanceMode: `https://schema.org/${
        online
          ? 'OnlineEventAttendanceMode'
          : e.attendanceMode === 'mixed'
            ? 'MixedEventAttendanceMode'
            : 'OfflineEventAttendanceMode'
      }`,
    };
    if (o.endIso) item.endDate = o.endIso;
    if (e.description) item.description = e.description;
    const url = safeHref(e.url);
    if (url) item.url = url;
    if (e.place) {
      const a = e.place.address;
      item.location = {
        '@type': 'Place',
        name: e.place.name,
        address: a && {
          '@type': 'PostalAddress',
          streetAddress: a.street,
          postalCode: a.postcode,
          addressLocality: a.commune,
          addressCountry: a.country,
        },
        geo: e.place.geo && {
          '@type': 'GeoCoordinates',
          latitude: e.place.geo.lat,
          longitude: e.place.geo.lon,
        },
      };
    } else if (e.onlineUrl) item.location = { '@type': 'VirtualLocation', url: safeHref(e.onlineUrl) };
    if (e.price) item.isAccessibleForFree = e.price.free;
    return { '@type': 'ListItem', position: i + 1, item };
  });
  let script = jsonLdScript(host);
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.essaim = 'jsonld';
    host.append(script);
  }
  setJsonScript(
    script,
    JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: items,
    }).replace(/</g, '\\u003c'),
  );
}

/** The element's JSON-LD script, if any. */
export function jsonLdScript(host: HTMLElement): HTMLScriptElement | undefined {
  return [...host.children].find(
    (c): c is HTMLScriptElement => c instanceof HTMLScriptElement && c.dataset.essaim === 'jsonld',
  );
}

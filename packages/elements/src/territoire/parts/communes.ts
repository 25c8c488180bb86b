/**
 * `<ess-territoire>`'s communes: a map of proportional circles (`communes-map.ts`, loaded with MapLibre
 * only when its place in the page comes into view) and its list equivalent, the table of the communes
 * with their number of structures (for an EPCI, the "by commune" table above is that list).
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  type CommuneCount,
  type TerritoryCommunes,
  type TerritoryProfile,
  territoryCommunes,
} from '@essaim/sdk';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { CommunesMap } from './communes-map.ts';
import type { SectionsHost } from './sections.ts';
import { sectionMessages as S } from './sections.i18n.ts';

/** Rows of the communes table printed on the fiche (the CSV has the parts; the screen has them all). */
const PRINTED_ROWS = 12;
/** Radius of the largest circle (the same as communes-map.ts's, which is not loaded yet). */
const MAX_RADIUS = 22;

interface MapState {
  container?: Element;
  observer?: IntersectionObserver;
  map?: CommunesMap;
  status: 'waiting' | 'loading' | 'ready' | 'failed';
  items: readonly CommuneCount[];
}

const states = new WeakMap<HTMLElement, MapState>();
const computed = new WeakMap<TerritoryProfile, TerritoryCommunes>();

type SM = typeof S.fr;
const t = <K extends keyof SM>(h: SectionsHost, key: K, ...args: Args<SM[K]>): string =>
  translate(S, h.lang, key, ...args);

function stateOf(h: SectionsHost): MapState {
  let s = states.get(h.el);
  if (!s) states.set(h.el, (s = { status: 'waiting', items: [] }));
  return s;
}

/** The map's container is in the page (or gone): watch it, and draw once it comes into view. */
function attach(h: SectionsHost, container: Element | undefined, items: readonly CommuneCount[]): void {
  const s = stateOf(h);
  s.items = items;
  if (!container) return;
  if (s.container !== container) {
    s.observer?.disconnect();
    s.map?.remove();
    Object.assign(s, { container, map: undefined, status: 'waiting' });
    s.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        s.observer?.disconnect();
        draw(h, s, container as HTMLElement);
      },
      { rootMargin: '200px' },
    );
    s.observer.observe(container);
  } else s.map?.update(items);
}

function draw(h: SectionsHost, s: MapState, container: HTMLElement): void {
  s.status = 'loading';
  const rerender = () => (h.el as HTMLElement & { requestUpdate(): void }).requestUpdate();
  rerender();
  import('./communes-map.ts')
    .then((m) =>
      m.drawCommunesMap(container, s.items, {
        attribution: t(h, 'basemap'),
        color: getComputedStyle(container).color,
      }),
    )
    .then(
      (map) => {
        if (s.container !== container) return map.remove();
        s.map = map;
        s.status = 'ready';
        map.update(s.items);
        rerender();
      },
      (e: unknown) => {
        console.warn('ess-territoire: the map cannot be shown:', e instanceof Error ? e.message : e);
        s.status = 'failed';
        rerender();
      },
    );
}

function legend(h: SectionsHost, items: readonly CommuneCount[]): TemplateResult {
  const max = items[0]?.structures ?? 0;
  const small = Math.max(1, Math.round(max / 4));
  const r = (n: number) => MAX_RADIUS * Math.sqrt(n / Math.max(1, max));
  const size = 2 * MAX_RADIUS + 4;
  return html`<p class="map-legend">
    <svg aria-hidden="true" width=${size} height=${size} viewBox="0 0 ${size} ${size}">
      <circle cx=${size / 2} cy=${size - 2 - r(max)} r=${r(max)}></circle>
      ${small < max ? html`<circle cx=${size / 2} cy=${size - 2 - r(small)} r=${r(small)}></circle>` : nothing}
    </svg>
    <span>${t(h, 'mapLegend', max, small < max ? small : undefined)}</span>
  </p>`;
}

function table(h: SectionsHost, items: readonly CommuneCount[]): TemplateResult {
  return html`<div class="scroll" tabindex="0" role="region" aria-labelledby="t-communes-list">
      <table part="table">
        <caption id="t-communes-list">${t(h, 'communesList')}</caption>
        <thead><tr>
          <th scope="col">${t(h, 'partName', 'commune')}</th>
          <th scope="col">${t(h, 'code')}</th>
          <th scope="col" class="num">${t(h, 'count')}</th>
        </tr></thead>
        <tbody>
          ${items.map(
            (c, k) => html`<tr class=${k >= PRINTED_ROWS ? 'screen-only' : ''}>
              <th scope="row">${c.name ?? c.code}</th>
              <td>${c.code}</td>
              <td class="num">${h.l10n.number(c.structures)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${items.length > PRINTED_ROWS ? html`<p class="print-only muted">${t(h, 'communesCut', PRINTED_ROWS, items.length)}</p>` : nothing}`;
}

/** The communes section: for an EPCI, a département or a région with structures, once the places data is in. */
export function renderCommunes(
  h: SectionsHost,
  p: TerritoryProfile,
  level: number,
): TemplateResult | typeof nothing {
  const ref0 = h.territory;
  if (!ref0 || !h.feed || !h.places || p.territory.level === 'commune' || !p.territory.structures)
    return nothing;
  let c = computed.get(p);
  if (!c) computed.set(p, (c = territoryCommunes(h.feed, p.territory, h.places)));
  const items = c.items;
  if (!items.length) return nothing;
  const drawn = items.filter((i) => i.lat !== null).length;
  const s = stateOf(h);
  // Once rendered: watch the map's place. (Lit's `ref` directive instead added ~50 B gzip to every
  // widget's first content: the bundler moved the Lit code it shares into their common chunks.)
  void (h.el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete.then(() =>
    attach(h, h.el.shadowRoot?.querySelector('.communes-map') ?? undefined, items),
  );
  return html`<section class="communes">
    ${heading(level, t(h, 'communesMap'), { id: 't-communes' })}
    <div
      class="communes-map"
      role="img"
      aria-label=${t(h, 'mapLabel', drawn, p.parts?.level === 'commune')}
    ></div>
    ${s.status === 'failed' ? html`<p class="notice" role="status">${t(h, 'mapFailed')}</p>` : nothing}
    ${s.status === 'loading' ? html`<p class="muted" role="status">${t(h, 'mapLoading')}</p>` : nothing}
    ${legend(h, items)}
    <p class="muted map-credit">${t(h, 'basemap')}</p>
    ${c.withoutPosition ? html`<p class="muted">${t(h, 'withoutPosition', c.withoutPosition)}</p>` : nothing}
    ${c.withoutCommune ? html`<p class="muted">${t(h, 'withoutCommune', c.withoutCommune)}</p>` : nothing}
    ${p.parts?.level === 'commune' ? html`<p class="muted">${t(h, 'mapListAbove')}</p>` : table(h, items)}
  </section>`;
}

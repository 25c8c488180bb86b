// <ess-map>'s list: nearest the view's centre first, paged, beside or below the map without covering its
// controls; and the honest list that stands in for the map when there is no WebGL (issue 14).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createAgendaListConnector, createFeedStore, distanceKm, type FeedStore } from '@essaim/sdk';
import type { Map as MapLibreMap } from 'maplibre-gl';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-directory.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';
import type { EssMap } from '../../src/map/ess-map.ts';

const FEED = '/data/feed/manifest.json';
const REAL_FEED = new URL(FEED, location.href).href;
const LONG = 30000;

const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(sel),
];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The structures of the list, as the store knows them, in the list's order. */
function listed(el: EssMap, store: FeedStore) {
  return $$<HTMLButtonElement>(el, '#list li button').map((b) => store.structure(b.dataset.id!)!);
}

/** Non-decreasing, to the metre. */
function expectNearestFirst(km: number[]) {
  expect(km.length).to.be.greaterThan(1);
  for (let i = 1; i < km.length; i++) expect(km[i]!, `entry ${i}`).to.be.at.least(km[i - 1]! - 1e-3);
}

async function settle(map: MapLibreMap): Promise<void> {
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

async function mount(width: number): Promise<{ feed: EssFeed; el: EssMap; store: FeedStore }> {
  const feed = await fixture<EssFeed>(
    html`<ess-feed src=${FEED}><ess-map style="display:block;width:${width}px;height:520px"></ess-map></ess-feed>`,
  );
  const el = feed.querySelector('ess-map')!;
  await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: LONG });
  await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
  return { feed, el, store: feed.store! };
}

describe('ess-map list', function () {
  this.timeout(60000);

  it('lists the structures in view nearest the centre of the view first, a page at a time', async () => {
    const { el, store } = await mount(600);
    const map = el.map!;
    // Around Montreuil, with more structures in view than a page.
    map.jumpTo({ center: [2.44, 48.86], zoom: 11 });
    await settle(map);
    await el.updateComplete;
    const c = map.getCenter();
    const centre = { lat: c.lat, lon: c.lng };
    const page1 = listed(el, store);
    expect(page1).to.have.length(el.listLimit);
    const km = page1.map((s) => distanceKm(centre, s.geo!));
    expectNearestFirst(km);
    // The first page holds the nearest of all those in view (not the first ones of the feed).
    const b = map.getBounds();
    const inView = store.matches().filter((s) => s.geo && b.contains([s.geo.lon, s.geo.lat]));
    const nearest = Math.min(...inView.map((s) => distanceKm(centre, s.geo!)));
    expect(km[0]).to.be.closeTo(nearest, 1e-6);
    expect(text(el.shadowRoot!.querySelector('#list .count'))).to.contain(
      `structures dans la zone affichée, les plus proches du centre d’abord ; 1 à ${el.listLimit} :`,
    );
    // Page 2 follows on, farther away; "Page précédente" is disabled on page 1.
    const previous = el.shadowRoot!.querySelector<HTMLButtonElement>('.pager .previous')!;
    expect(previous.disabled).to.equal(true);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.pager .next')!.click();
    await el.updateComplete;
    const page2 = listed(el, store);
    expect(distanceKm(centre, page2[0]!.geo!)).to.be.at.least(km.at(-1)! - 1e-3);
    expect(el.shadowRoot!.activeElement?.id, 'focus on the list title').to.equal('list-title');
  });

  for (const width of [420, 900]) {
    it(`opens ${width < 640 ? 'below' : 'beside'} a ${width} px map, its controls whole and uncovered`, async () => {
      const { el } = await mount(width);
      el.shadowRoot!.querySelector<HTMLButtonElement>('.toggle-list')!.click();
      await el.updateComplete;
      await settle(el.map!);
      const list = el.shadowRoot!.querySelector('#list')!.getBoundingClientRect();
      const mapBox = el.shadowRoot!.querySelector('#map')!.getBoundingClientRect();
      if (width < 640) expect(list.top).to.be.at.least(mapBox.bottom - 1);
      else expect(list.left).to.be.at.least(mapBox.right - 1);
      const controls = $$(el, '.maplibregl-ctrl button');
      expect(controls.length).to.be.at.least(4);
      for (const button of controls) {
        const r = button.getBoundingClientRect();
        const name = button.getAttribute('aria-label') ?? button.title;
        // inside the map (not clipped by it) and not under the list
        expect(r.bottom, name).to.be.at.most(mapBox.bottom + 0.5);
        expect(r.top, name).to.be.at.least(mapBox.top - 0.5);
        expect(r.width >= 24 && r.height >= 24, `${name} ≥ 24 px`).to.equal(true);
        const overlaps =
          r.left < list.right && r.right > list.left && r.top < list.bottom && r.bottom > list.top;
        expect(overlaps, `${name} under the list`).to.equal(false);
      }
    });
  }
});

describe('ess-map without WebGL', function () {
  this.timeout(60000);
  const getContext = HTMLCanvasElement.prototype.getContext;
  before(() => {
    // A device without WebGL: every WebGL context is refused (like Chromium's --disable-webgl).
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      return /webgl/i.test(type)
        ? null
        : (getContext as (...a: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof getContext;
  });
  after(() => {
    HTMLCanvasElement.prototype.getContext = getContext;
  });

  it('says so and lists the structures of its scope, nearest their centre first; the directory works', async () => {
    const feed = await fixture<EssFeed>(
      html`<ess-feed src=${FEED}>
        <ess-directory></ess-directory>
        <ess-map style="display:block;width:600px;height:520px"></ess-map>
      </ess-feed>`,
    );
    const el = feed.querySelector('ess-map')!;
    const directory = feed.querySelector('ess-directory')!;
    await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: LONG });
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="unavailable"]'), 'notice', { timeout: LONG });
    const store = feed.store!;
    await waitUntil(() => $$(el, '#list li button').length, 'list', { timeout: LONG });
    expect(el.map).to.equal(undefined);
    expect(text(el.shadowRoot!.querySelector('[part~="unavailable"]'))).to.equal(
      'La carte ne peut pas s’afficher sur cet appareil (WebGL indisponible) : voici la liste des structures.',
    );
    // the list is shown, with real names, not "Aucune structure"
    const list = el.shadowRoot!.querySelector('#list')!;
    expect(list.getBoundingClientRect().height).to.be.greaterThan(100);
    const withGeo = store.matches().filter((s) => s.geo).length;
    expect(text(list.querySelector('.count'))).to.equal(
      text(
        Object.assign(document.createElement('p'), {
          textContent: `${new Intl.NumberFormat('fr-FR').format(withGeo)} structures, les plus proches du centre d’abord ; 1 à 50 :`,
        }),
      ),
    );
    const first = listed(el, store);
    expect(first).to.have.length(50);
    for (const s of first) expect(s.name).to.be.a('string').and.not.equal('');
    expect(text($$(el, '#list li button')[0])).to.contain(first[0]!.name);
    // nearest the middle of the structures first
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const x of store.matches())
      if (x.geo)
        [w, s, e, n] = [
          Math.min(w, x.geo.lon),
          Math.min(s, x.geo.lat),
          Math.max(e, x.geo.lon),
          Math.max(n, x.geo.lat),
        ];
    const centre = { lat: (s + n) / 2, lon: (w + e) / 2 };
    expectNearestFirst(first.map((x) => distanceKm(centre, x.geo!)));
    // a page further on; a button selects its structure for the page
    el.shadowRoot!.querySelector<HTMLButtonElement>('.pager .next')!.click();
    await el.updateComplete;
    const second = listed(el, store);
    expect(second[0]!.id).to.not.equal(first[0]!.id);
    $$<HTMLButtonElement>(el, '#list li button')[0]!.click();
    expect(store.getState().selectedId).to.equal(second[0]!.id);
    // the directory on the same page keeps working: a search narrows its results and the list
    await waitUntil(() => directory.shadowRoot!.querySelector('[part~="card"]'), 'directory cards', {
      timeout: LONG,
    });
    store.search.setText('ressourcerie');
    await waitUntil(
      () =>
        text(el.shadowRoot!.querySelector('#list .count')).startsWith(
          `${store.matches().filter((x) => x.geo).length} structures`,
        ),
      'list follows the search',
      { timeout: LONG },
    );
    for (const x of listed(el, store)) expect(store.matches().some((m) => m.id === x.id)).to.equal(true);
    await expect(el).to.be.accessible();
  });
  it('with both layers, lists the structures and the events of its scope together, nearest their centre first', async () => {
    const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false } });
    await store.load();
    const data = store.getState().feed!;
    const connector = createAgendaListConnector(data.events, {
      now: '2026-03-01',
      structures: data.structures,
      initial: { referenceDate: '2026-03-01' },
    });
    store.agenda.set({ connector, openEvent: () => {} });
    const feed = await fixture<EssFeed>(
      html`<ess-feed .store=${store}><ess-map show="structures events" list-limit="500" style="display:block;width:600px;height:520px"></ess-map></ess-feed>`,
    );
    const el = feed.querySelector('ess-map')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="unavailable"]'), 'notice', { timeout: LONG });
    expect(text(el.shadowRoot!.querySelector('[part~="unavailable"]'))).to.equal(
      'La carte ne peut pas s’afficher sur cet appareil (WebGL indisponible) : voici la liste des structures et des évènements.',
    );
    const events = connector
      .matchingEvents()
      .filter(
        (o) => o.event.place?.geo && o.event.attendanceMode !== 'online' && o.status !== 'moved-online',
      );
    const structures = store.matches().filter((s) => s.geo);
    expect(events.length).to.be.greaterThan(0);
    const total = events.length + structures.length;
    await waitUntil(
      () =>
        text(el.shadowRoot!.querySelector('#list .count')).startsWith(
          new Intl.NumberFormat('fr-FR').format(total).replace(/\s+/g, ' '),
        ),
      'count of both',
      { timeout: 5000 },
    ).catch(() => {
      throw new Error(
        `count: ${total} expected, got « ${text(el.shadowRoot!.querySelector('#list .count'))} »`,
      );
    });
    expect(text(el.shadowRoot!.querySelector('#list .count'))).to.contain('structures et évènements');
    // Every page, gathered: each event once, among the structures, nearest the middle first.
    const seen: { kind: string; id: string }[] = [];
    for (;;) {
      seen.push(
        ...$$<HTMLButtonElement>(el, '#list li button').map((b) => ({
          kind: b.dataset.kind!,
          id: b.dataset.id!,
        })),
      );
      const next = el.shadowRoot!.querySelector<HTMLButtonElement>('.pager .next');
      if (!next || next.disabled) break;
      next.click();
      await el.updateComplete;
    }
    expect(seen).to.have.length(total);
    expect(
      seen
        .filter((x) => x.kind === 'events')
        .map((x) => x.id)
        .sort(),
    ).to.deep.equal(events.map((o) => o.eventId).sort());
    const where = (x: { kind: string; id: string }) =>
      x.kind === 'events'
        ? events.find((o) => o.eventId === x.id)!.event.place!.geo!
        : store.structure(x.id)!.geo!;
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const x of seen) {
      const g = where(x);
      [w, s, e, n] = [Math.min(w, g.lon), Math.min(s, g.lat), Math.max(e, g.lon), Math.max(n, g.lat)];
    }
    expectNearestFirst(seen.map((x) => distanceKm({ lat: (s + n) / 2, lon: (w + e) / 2 }, where(x))));
    await expect(el).to.be.accessible();
    store.dispose();
  });
});

describe('ess-map list order and cluster counts (the parts, without a map)', () => {
  it('orders points nearest first as a sort by distance would, equal distances in their order', async () => {
    const { nearestFirst } = await import('../../src/map/parts/items.ts');
    // Test fixture, not real data: 20,000 points on a grid around Lyon, some at the same place.
    const items = Array.from({ length: 20_000 }, (_, i) => ({
      kind: 'structures' as const,
      id: `fixture-${i}`,
      name: `Fixture ${i}`,
      lat: 45.5 + ((i * 7919) % 997) / 2000,
      lon: 4.6 + ((i * 104_729) % 991) / 2000,
    }));
    const centre = { lat: 45.76, lon: 4.84 };
    const expected = items
      .map((item, i) => ({ item, i, km: distanceKm(centre, item) }))
      .sort((a, b) => a.km - b.km || a.i - b.i)
      .map((x) => x.item.id);
    const got = nearestFirst(items, centre).map((x) => x.id);
    expect(got).to.have.length(expected.length);
    expectNearestFirst(got.map((id) => distanceKm(centre, items[Number(id.slice(8))]!)));
    // Same order wherever two distances differ by more than the key's decimetre.
    const km = new Map(items.map((x) => [x.id, distanceKm(centre, x)]));
    const mismatch = got.findIndex(
      (id, i) => id !== expected[i] && Math.abs(km.get(id)! - km.get(expected[i]!)!) > 1e-4,
    );
    expect(mismatch).to.equal(-1);
  });

  it('writes cluster counts short, in the page’s language (fr "1,2 k", en "1.2K")', async () => {
    const { countLabel } = await import('../../src/map/parts/layers.ts');
    const fr = JSON.stringify(countLabel('fr'));
    const en = JSON.stringify(countLabel('en'));
    expect(fr).to.contain('"\u00a0k"').and.to.contain('"\u00a0M"').and.to.contain('"locale":"fr"');
    expect(en).to.contain('"K"').and.to.contain('"M"').and.to.contain('"locale":"en"');
  });
});

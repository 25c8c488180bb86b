import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import type { FeedStore, Structure } from '@essaim/sdk';
import type { Point } from 'geojson';
import { LngLat, type Map as MapLibreMap } from 'maplibre-gl';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-agenda.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';
import { type EssMap, MAP_IDS } from '../../src/map/ess-map.ts';
import { inlineStore, structure } from './helpers.ts';
import { renderedCount } from './map-helpers.ts';

const FEED = '/data/feed/manifest.json';
const LONG = 30000;

/** WTR's built-in server commands (send-keys, send-mouse), without @web/test-runner-commands. */
async function serverCommand(command: string, payload: unknown): Promise<void> {
  const session = new URL(location.href).searchParams.get('wtr-session-id');
  const ws = (await import(/* @vite-ignore */ '/__web-dev-server__web-socket.js' as string)) as {
    sendMessageWaitForResponse(m: unknown): Promise<{ executed: boolean }>;
  };
  const r = await ws.sendMessageWaitForResponse({
    type: 'wtr-command',
    sessionId: session,
    command,
    payload,
  });
  if (!r.executed) throw new Error(`server command ${command} not executed`);
}
const press = (key: string) => serverCommand('send-keys', { press: key });

async function mount(extra = ''): Promise<{ feed: EssFeed; el: EssMap; store: FeedStore; map: MapLibreMap }> {
  const feed = await fixture<EssFeed>(
    html`<ess-feed src=${FEED}><ess-map style="width:600px;height:520px" basemap-style=${extra || nothing}></ess-map></ess-feed>`,
  );
  const el = feed.querySelector('ess-map')!;
  await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: LONG });
  await waitUntil(() => el.map, 'map created', { timeout: LONG });
  await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
  return { feed, el, store: feed.store!, map: el.map! };
}

/** What the store matches, all pages (store.matches() once the SDK has it). */
function matches(store: FeedStore): readonly Structure[] {
  const m = (store as FeedStore & { matches?: () => readonly Structure[] }).matches;
  if (m) return m.call(store);
  const { query, result } = store.search.getState();
  if (!query.text && !query.facets && !query.bbox) return store.getState().feed!.structures;
  expect(result.total, 'without store.matches() the test needs a one-page query').to.be.at.most(
    result.hits.length,
  );
  return result.hits.map((h) => h.record);
}

async function settle(map: MapLibreMap): Promise<void> {
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

describe('ess-map', function () {
  this.timeout(45000);

  it('renders the clusters of every matching structure, MapLibre CSS in the shadow root', async () => {
    const { el, store, map } = await mount();
    const expected = matches(store).filter((s) => s.geo).length;
    expect(expected).to.be.greaterThan(1000);
    // clusters with counts
    await waitUntil(() => map.queryRenderedFeatures({ layers: [MAP_IDS.clusters] }).length > 0, 'clusters', {
      timeout: LONG,
    });
    map.jumpTo({ center: [2, 20], zoom: 0 });
    await settle(map);
    await waitUntil(() => renderedCount(map) === expected, `count ${renderedCount(map)} ≠ ${expected}`, {
      timeout: LONG,
    });
    const cluster = map.queryRenderedFeatures({ layers: [MAP_IDS.clusters] })[0]!;
    expect(cluster.properties.point_count).to.be.greaterThan(1);
    // counts drawn by MapLibre (a symbol layer, glyphs drawn locally: nothing fetched), never as HTML
    // markers that every frame of a move repositions one by one
    await waitUntil(
      () => map.queryRenderedFeatures({ layers: [MAP_IDS.clusterCounts] }).length > 0,
      'cluster counts',
      { timeout: LONG },
    );
    expect(map.getLayer(MAP_IDS.clusterCounts)!.type).to.equal('symbol');
    expect(el.shadowRoot!.querySelectorAll('.maplibregl-marker, .cluster-label')).to.have.length(0);
    // MapLibre's stylesheet applies inside the shadow root
    const ctrl = el.shadowRoot!.querySelector('.maplibregl-ctrl-top-right')!;
    expect(getComputedStyle(ctrl).position).to.equal('absolute');
    // labels from our dictionary
    expect(map.getCanvas().getAttribute('aria-label')).to.contain('Carte interactive');
    expect(el.shadowRoot!.querySelector('.maplibregl-ctrl-zoom-in')!.getAttribute('aria-label')).to.equal(
      'Zoomer',
    );
    expect(el.shadowRoot!.querySelector('[role=region]')!.getAttribute('aria-label')).to.equal(
      'Carte des structures',
    );
  });

  it('paints its points in the page’s primary colour, even written light-dark()', async () => {
    const host = document.createElement('div');
    host.style.setProperty('--ess-color-primary', 'light-dark(#6a1b9a, #ce93d8)');
    host.style.setProperty('--ess-color-scheme', 'light');
    host.style.colorScheme = 'light';
    document.body.append(host);
    try {
      const { map } = await (async () => {
        const feed = document.createElement('ess-feed') as EssFeed;
        feed.setAttribute('src', FEED);
        const el = document.createElement('ess-map') as EssMap;
        el.style.cssText = 'display:block;width:400px;height:300px';
        feed.append(el);
        host.append(feed);
        await waitUntil(() => el.map, 'map created', { timeout: LONG });
        await Promise.race([
          el.ready,
          new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG)),
        ]);
        return { map: el.map! };
      })();
      // MapLibre got a colour it can parse, resolved for the light scheme (not the raw light-dark() text)
      expect(String(map.getPaintProperty(MAP_IDS.clusters, 'circle-color'))).to.equal('rgb(106, 27, 154)');
      // Points: an exact one filled with it, one at its commune centre a ring of it.
      const paint = map.getPaintProperty(MAP_IDS.points, 'circle-color') as unknown[];
      expect(String(paint.at(-1))).to.equal('rgb(106, 27, 154)');
      const ring = map.getPaintProperty(MAP_IDS.points, 'circle-stroke-color') as unknown[];
      expect(String(ring.at(-2))).to.equal('rgb(106, 27, 154)');
    } finally {
      host.remove();
    }
  });

  it('draws a structure placed at its commune centre as a ring, says "position approximative", counts those without a place', async () => {
    const store = await inlineStore([
      structure('exact', 'Ressourcerie du Canal', { geo: { lat: 48.86, lon: 2.44 } }),
      structure('approx', 'Épicerie solidaire', {
        address: { commune: 'La Rochelle', postcode: '17000' },
        geo: { lat: 46.16, lon: -1.15, precision: 'commune' },
      }),
      structure('nowhere', 'Association sans adresse'),
    ]);
    const feed = await fixture<EssFeed>(
      html`<ess-feed .store=${store}><ess-map style="width:600px;height:520px"></ess-map></ess-feed>`,
    );
    const el = feed.querySelector('ess-map')!;
    await waitUntil(() => el.map, 'map created', { timeout: LONG });
    await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
    const map = el.map!;
    map.jumpTo({ center: [-1.15, 46.16], zoom: 15 });
    await settle(map);
    const [ring] = map.queryRenderedFeatures({ layers: [MAP_IDS.points] });
    expect(ring!.properties.id).to.equal('test--approx');
    expect(ring!.properties.approx).to.equal(1);
    // A ring: white fill, primary outline (shape, not colour alone).
    expect(map.getPaintProperty(MAP_IDS.points, 'circle-color')).to.deep.include('case');
    const list = el.shadowRoot!.querySelector('#list')!;
    await waitUntil(() => list.querySelector('button[data-id="test--approx"]'), 'listed');
    expect(list.querySelector('button[data-id="test--approx"]')!.textContent).to.contain(
      'Position approximative (centre de la commune)',
    );
    expect(el.shadowRoot!.querySelector('[part=legend]')!.textContent).to.contain('position approximative');
    expect(list.querySelector('.unplaced')!.textContent).to.contain('1 structure sans localisation');
    store.select('test--approx');
    await waitUntil(() => el.shadowRoot!.querySelector('.maplibregl-popup'), 'popup', { timeout: LONG });
    expect(el.shadowRoot!.querySelector('.maplibregl-popup')!.textContent).to.contain(
      'Position approximative (centre de la commune)',
    );
    // The exact point has no such mention.
    store.select('test--exact');
    await waitUntil(
      () => el.shadowRoot!.querySelector('.maplibregl-popup')?.textContent?.includes('Ressourcerie'),
      'popup of the exact point',
      { timeout: LONG },
    );
    expect(el.shadowRoot!.querySelector('.maplibregl-popup')!.textContent).not.to.contain('approximative');
    await expect(el).to.be.accessible();
  });

  it('updates its source when the search changes', async () => {
    const { store, map } = await mount();
    // pageSize: until store.matches() exists, the map falls back to the current page of hits
    store.search.refine({ text: 'ressourcerie' });
    const expected = matches(store).filter((s) => s.geo).length;
    expect(expected).to.be.within(1, 200);
    map.jumpTo({ center: [2, 20], zoom: 0 });
    await waitUntil(() => renderedCount(map) === expected, 'filtered count', { timeout: LONG });
    store.search.setText('');
    await waitUntil(() => renderedCount(map) > expected, 'unfiltered again', { timeout: LONG });
  });

  it('syncs the selection both ways', async () => {
    const { el, store, map } = await mount();
    // store → map: highlighted and eased to
    const target = store.getState().feed!.structures.find((s) => s.geo && s.address?.commune === 'Paris')!;
    store.select(target.id);
    await waitUntil(
      () =>
        map.queryRenderedFeatures({ layers: [MAP_IDS.selected] }).some((f) => f.properties.id === target.id),
      'highlight',
      { timeout: LONG },
    );
    const there = new LngLat(target.geo!.lon, target.geo!.lat);
    await waitUntil(() => !map.isMoving() && map.getCenter().distanceTo(there) < 50, 'eased to', {
      timeout: LONG,
    });
    expect(el.shadowRoot!.querySelector('.maplibregl-popup')!.textContent).to.contain(target.name);
    // Escape closes the popup
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(el.shadowRoot!.querySelector('.maplibregl-popup')).to.equal(null);

    // map → store: a real click on an unclustered point
    map.jumpTo({ center: [target.geo!.lon, target.geo!.lat], zoom: 17 });
    await settle(map);
    const point = map.queryRenderedFeatures({ layers: [MAP_IDS.points] })[0]!;
    const id = point.properties.id as string;
    const [lon, lat] = (point.geometry as Point).coordinates as [number, number];
    const p = map.project([lon, lat]);
    const r = map.getCanvas().getBoundingClientRect();
    let detail: unknown;
    el.addEventListener('ess-select', (e) => (detail = (e as CustomEvent).detail), { once: true });
    store.select(undefined);
    await serverCommand('send-mouse', {
      type: 'click',
      position: [Math.round(r.left + p.x), Math.round(r.top + p.y)],
    });
    await waitUntil(() => store.getState().selectedId === id, 'selected by click', { timeout: LONG });
    expect(detail).to.deep.equal({ id });
  });

  it('lists the structures in view as buttons that select them', async () => {
    const { el, store, map } = await mount();
    map.jumpTo({ center: [2.35, 48.86], zoom: 14 });
    await settle(map);
    const list = el.shadowRoot!.querySelector('#list')!;
    const b = map.getBounds();
    const inView = matches(store).filter((s) => s.geo && b.contains([s.geo.lon, s.geo.lat]));
    await waitUntil(
      () => list.querySelectorAll('li button').length === Math.min(inView.length, el.listLimit),
      'list',
    );
    expect(list.querySelector('.count')!.textContent).to.contain(String(inView.length));
    const buttons = [...list.querySelectorAll<HTMLButtonElement>('li button')];
    for (const btn of buttons) expect(inView.some((s) => s.id === btn.dataset.id)).to.equal(true);
    buttons[0]!.click();
    expect(store.getState().selectedId).to.equal(buttons[0]!.dataset.id);
    await el.updateComplete;
    expect(buttons[0]!.getAttribute('aria-pressed')).to.equal('true');
    // the toggle shows the list
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('.toggle-list')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(list.getBoundingClientRect().height).to.be.greaterThan(20);
  });

  it('"search this area" sets the bbox of the shared search, and clears it', async () => {
    const { el, store, map } = await mount();
    expect(el.shadowRoot!.querySelector('.search-area')).to.equal(null);
    // a user move (MapLibre's handlers pass the DOM event as originalEvent)
    map.jumpTo({ center: [2.35, 48.86], zoom: 10 }, { originalEvent: new MouseEvent('mousemove') });
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.search-area')!;
    expect(button.textContent!.trim()).to.equal('Rechercher dans cette zone');
    button.click();
    const bbox = store.search.getState().query.bbox!;
    const b = map.getBounds();
    expect(bbox[0]).to.be.closeTo(b.getWest(), 1e-4);
    expect(bbox[1]).to.be.closeTo(b.getSouth(), 1e-4);
    expect(bbox[2]).to.be.closeTo(b.getEast(), 1e-4);
    expect(bbox[3]).to.be.closeTo(b.getNorth(), 1e-4);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.search-area')).to.equal(null);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.clear-area')!.click();
    expect(store.search.getState().query.bbox).to.equal(undefined);
  });

  it('is accessible (axe) and reachable by Tab', async () => {
    const { feed, el, map } = await mount();
    map.jumpTo({ center: [2.35, 48.86], zoom: 13 });
    await settle(map);
    await el.updateComplete;
    await expect(feed).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.toggle-list')!.focus();
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await press('Tab');
      const a = el.shadowRoot!.activeElement as HTMLElement | null;
      if (!a) break;
      reached.push(a.getAttribute('aria-label') ?? a.dataset.id ?? a.className);
    }
    expect(reached).to.include('Zoomer');
    expect(reached).to.include('Me localiser');
    expect(reached).to.include('Afficher en plein écran');
    expect(reached.some((r) => r.includes('Carte interactive'))).to.equal(true);
    const first = el.shadowRoot!.querySelector<HTMLButtonElement>('#list button')!;
    expect(reached).to.include(first.dataset.id);
    // keyboard on the map: + zooms in
    map.getCanvas().focus();
    const z = map.getZoom();
    await press('+');
    await waitUntil(() => map.getZoom() > z, 'zoomed by keyboard', { timeout: LONG });
  });

  it('falls back to the bundled basemap, with a note, when the style URL fails', async () => {
    const { el, map } = await mount('/no-such-style-404.json');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=note]'), 'fallback note', { timeout: LONG });
    await waitUntil(
      () => map.getLayer('essaim-departements') && map.getLayer(MAP_IDS.clusters),
      'bundled style',
      {
        timeout: LONG,
      },
    );
    await settle(map);
    expect(map.queryRenderedFeatures({ layers: ['essaim-land'] }).length).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[part=note]')!.textContent).to.contain('fond de carte intégré');
  });
});

describe('ess-map show="events"', function () {
  this.timeout(60000);

  /** What the map must draw, from the agenda's state (the test's own rule: a place with coordinates). */
  const drawable = (agenda: EssAgenda) =>
    agenda
      .connector!.matchingEvents()
      .filter(
        (o) => o.event.place?.geo && o.event.attendanceMode !== 'online' && o.status !== 'moved-online',
      );

  it('draws the events the agenda matches, follows its filters, and opens one in the agenda from its list', async () => {
    const feed = await fixture<EssFeed>(
      html`<ess-feed src=${FEED}>
        <ess-agenda reference-date="2026-03-01"></ess-agenda>
        <ess-map show="events" style="width:600px;height:520px"></ess-map>
      </ess-feed>`,
    );
    const agenda = feed.querySelector('ess-agenda')!;
    const el = feed.querySelector('ess-map')!;
    await waitUntil(() => agenda.connector, 'agenda ready', { timeout: LONG });
    await waitUntil(() => el.map, 'map created', { timeout: LONG });
    await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
    const map = el.map!;
    expect(el.shadowRoot!.querySelector('[role=region]')!.getAttribute('aria-label')).to.equal(
      'Carte des évènements',
    );
    // every upcoming event with a place, one point each (more than the agenda's first page lists)
    const all = drawable(agenda);
    expect(all.length).to.be.greaterThan(5);
    expect(new Set(all.map((o) => o.eventId)).size).to.equal(all.length);
    map.jumpTo({ center: [2, 20], zoom: 0 });
    await waitUntil(() => renderedCount(map) === all.length, 'all events drawn', { timeout: LONG });
    // the agenda's filters: the map follows
    agenda.connector!.setText('vélo');
    const cycling = drawable(agenda);
    expect(cycling.length).to.be.within(1, all.length - 1);
    await waitUntil(() => renderedCount(map) === cycling.length, 'filtered events drawn', { timeout: LONG });
    // the list of the events in view: a button per event, with its date, that opens it in the agenda
    const target = cycling[0]!;
    const geo = target.event.place!.geo!;
    map.jumpTo({ center: [geo.lon, geo.lat], zoom: 12 });
    await settle(map);
    const list = el.shadowRoot!.querySelector('#list')!;
    expect(list.querySelector('h2')!.textContent).to.equal('Évènements de la zone affichée');
    await waitUntil(
      () => list.querySelector(`button[data-id="${CSS.escape(target.eventId)}"]`),
      'event listed',
    );
    const button = list.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(target.eventId)}"]`)!;
    expect(button.textContent).to.contain(target.event.title);
    expect(button.textContent).to.match(/2026/);
    let selected: unknown;
    el.addEventListener('ess-event-select', (e) => (selected = e.detail), { once: true });
    button.click();
    expect(selected).to.deep.equal({ eventId: target.eventId, start: target.startIso });
    const detail = () => agenda.shadowRoot!.querySelector('[part="detail"]');
    await waitUntil(detail, 'event opened in the agenda', { timeout: LONG });
    expect(agenda.shadowRoot!.querySelector('#detail-heading')!.textContent!.trim()).to.equal(
      target.event.title,
    );
    expect(agenda.shadowRoot!.activeElement?.id).to.equal('detail-heading');
    await el.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    // the store's selection (structures) does not touch the events map
    feed.store!.select(feed.store!.getState().feed!.structures[0]!.id);
    await el.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('says so when no agenda shares its feed', async () => {
    const feed = await fixture<EssFeed>(
      html`<ess-feed src=${FEED}><ess-map show="events" style="width:400px;height:300px"></ess-map></ess-feed>`,
    );
    const el = feed.querySelector('ess-map')!;
    await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: LONG });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="note"]'), 'note', { timeout: LONG });
    expect(el.shadowRoot!.querySelector('[part="note"]')!.textContent).to.contain(
      'montre les évènements d’un agenda de la page',
    );
    expect(el.map ? renderedCount(el.map) : 0).to.equal(0);
  });
});

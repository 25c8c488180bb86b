/**
 * `<ess-map show="structures events">` (issue 15): both layers with distinct symbols, a legend and a
 * layer toggle, one keyboard list nearest the centre first, with an app's own agenda connector and no
 * `<ess-agenda>`; popups that link structures and events both ways; the dark basemap (issue 14).
 */
import {
  type AgendaOccurrence,
  createAgendaListConnector,
  createFeedStore,
  distanceKm,
  type FeedStore,
} from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { Map as MapLibreMap } from 'maplibre-gl';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import type { EssMap } from '../../src/map/ess-map.ts';
import { MAP_IDS } from '../../src/map/ess-map.ts';
import { darkColors, defaultColors } from '../../src/map/parts/basemap.ts';
import { $, $$, inlineFeed, interceptDownload, REAL_FEED, structure } from './helpers.ts';
import { renderedCount } from './map-helpers.ts';

const LONG = 30000;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The test's own rule for a drawable event: a place with coordinates, not online only. */
const drawable = (os: readonly AgendaOccurrence[]) =>
  os.filter((o) => o.event.place?.geo && o.event.attendanceMode !== 'online' && o.status !== 'moved-online');

async function settle(map: MapLibreMap): Promise<void> {
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

async function ready(el: EssMap): Promise<MapLibreMap> {
  await waitUntil(() => el.map, 'map created', { timeout: LONG });
  await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
  return el.map!;
}

/** The text a screen reader gets from an element: its text without the parts hidden from it. */
function spoken(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return text(clone);
}

/** The text shown on screen: without the visually hidden parts. */
function shown(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('.sr-only')) hidden.remove();
  return text(clone);
}

describe('ess-map show="structures events" with an app’s agenda connector', function () {
  this.timeout(90000);

  it('draws both layers with distinct symbols, a legend, a toggle, and one list nearest the centre first', async () => {
    const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false } });
    await store.load();
    const feed = store.getState().feed!;
    const connector = createAgendaListConnector(feed.events, {
      now: '2026-03-01',
      structures: feed.structures,
      initial: { referenceDate: '2026-03-01' },
    });
    store.agenda.set({ connector, openEvent: () => {} });
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-map show="structures events" style="width:700px;height:560px"></ess-map></ess-feed>`,
    );
    expect(wrapper.querySelector('ess-agenda')).to.equal(null);
    const el = wrapper.querySelector('ess-map')!;
    const map = await ready(el);
    expect($(el, '[role=region]')!.getAttribute('aria-label')).to.equal(
      'Carte des structures et des évènements',
    );
    // Both layers, each complete; shapes differ: discs (circle layers) and diamonds (icons).
    const events = drawable(connector.matchingEvents());
    const structures = store.matches().filter((s) => s.geo);
    expect(events.length).to.be.greaterThan(5);
    map.jumpTo({ center: [2, 20], zoom: 0 });
    await waitUntil(
      () =>
        renderedCount(map, 'events') === events.length &&
        renderedCount(map, 'structures') === structures.length,
      'both layers drawn',
      { timeout: LONG },
    );
    expect(map.getLayer(MAP_IDS.points)!.type).to.equal('circle');
    expect(map.getLayer(MAP_IDS.eventPoints)!.type).to.equal('symbol');
    expect(map.getLayoutProperty(MAP_IDS.eventPoints, 'icon-image')).to.deep.include('ess-diamond');
    expect(map.hasImage('ess-diamond')).to.equal(true);
    // The legend: a list of the symbols, a checkbox per layer.
    const legend = $(el, '[part="legend"]')!;
    const items = [...legend.querySelectorAll('li')];
    expect(items.map((li) => text(li))).to.include.members(['Structures (disques)', 'Évènements (losanges)']);
    expect(legend.querySelector('li svg.symbol.structures circle')).to.exist;
    expect(legend.querySelector('li svg.symbol.events path')).to.exist;
    const boxes = [...legend.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, true]);
    // The keyboard list covers both kinds, nearest the view's centre first.
    map.jumpTo({ center: [2.35, 48.86], zoom: 10 });
    await settle(map);
    await el.updateComplete;
    const c = map.getCenter();
    const centre = { lat: c.lat, lon: c.lng };
    const b = map.getBounds();
    const eventsInView = events.filter((o) => b.contains([o.event.place!.geo!.lon, o.event.place!.geo!.lat]));
    expect(eventsInView.length, 'events around Paris').to.be.greaterThan(0);
    const buttons = $$<HTMLButtonElement>(el, '#list li button');
    expect(buttons.length).to.equal(el.listLimit);
    const where = (btn: HTMLButtonElement) =>
      btn.dataset.kind === 'events'
        ? events.find((o) => o.eventId === btn.dataset.id)!.event.place!.geo!
        : store.structure(btn.dataset.id!)!.geo!;
    const km = buttons.map((btn) => distanceKm(centre, where(btn)));
    for (let i = 1; i < km.length; i++) expect(km[i]!, `entry ${i}`).to.be.at.least(km[i - 1]! - 1e-3);
    expect(text($(el, '#list .count'))).to.contain('structures et évènements dans la zone affichée');
    // With the structures' layer off, the list holds exactly the events in view, each said to be one.
    boxes[0]!.click();
    await el.updateComplete;
    const listed = $$<HTMLButtonElement>(el, '#list li button');
    expect(listed.map((x) => x.dataset.id).sort()).to.deep.equal(eventsInView.map((o) => o.eventId).sort());
    for (const btn of listed) {
      const o = eventsInView.find((x) => x.eventId === btn.dataset.id)!;
      expect(spoken(btn).startsWith(`Évènement : ${o.event.title}`), spoken(btn)).to.equal(true);
    }
    boxes[0]!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    // The toggle hides the events' layer, removes them from the list, and says so.
    boxes[1]!.click();
    await el.updateComplete;
    expect(map.getLayoutProperty(MAP_IDS.eventPoints, 'visibility')).to.equal('none');
    expect(map.getLayoutProperty(MAP_IDS.eventClusters, 'visibility')).to.equal('none');
    expect($$(el, '#list li button[data-kind="events"]')).to.have.length(0);
    expect(text(legend.querySelector('[role=status]'))).to.equal('Couche masquée : Évènements (losanges).');
    boxes[1]!.click();
    await el.updateComplete;
    expect(map.getLayoutProperty(MAP_IDS.eventPoints, 'visibility')).to.equal('visible');
    expect(text(legend.querySelector('[role=status]'))).to.equal('Couche affichée : Évènements (losanges).');
    await expect(el).to.be.accessible();
    store.dispose();
  });
});

// --- Popups: structures ↔ events -------------------------------------------------------------------

/** Fixture (not real data): a structure that organises 3 upcoming events (and 1 past), one held at another's place. */
function linkedFeed() {
  const day = (n: number, hour = 10) => {
    const d = new Date(Date.now() + n * 864e5);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const event = (id: string, title: string, n: number, extra: Record<string, unknown> = {}) => ({
    id: `test--${id}`,
    title,
    timeZone: 'Europe/Paris',
    start: day(n),
    end: day(n, 12),
    place: { name: 'Salle des fêtes', address: { commune: 'Montreuil' }, geo: { lat: 48.861, lon: 2.443 } },
    provenance: [{ source: 'test', name: 'Source de test', localId: id }],
    ...extra,
  });
  const base = inlineFeed([
    structure('org', 'Ressourcerie du Canal', {
      address: { commune: 'Montreuil', postcode: '93100' },
      geo: { lat: 48.86, lon: 2.44 },
    }),
    structure('hall', 'Le Jardin du Marais', {
      address: { commune: 'Marsangy', postcode: '89500' },
      geo: { lat: 48.105, lon: 3.24 },
    }),
  ]);
  const events = [
    event('past', 'Atelier passé', -10, { organizerIds: ['test--org'] }),
    event('e3', 'Troisième atelier', 30, { organizerIds: ['test--org'] }),
    // An evening that ends after midnight: the popup says so, in the agenda's wording.
    event('e1', 'Atelier réparation', 2, { organizerIds: ['test--org'], start: day(2, 20), end: day(3, 0) }),
    event('e2', 'Bourse aux vélos', 9, { organizerIds: ['test--org'] }),
    event('garden', 'Visite du jardin', 5, {
      place: {
        name: 'Le Jardin du Marais',
        address: { commune: 'Marsangy' },
        geo: { lat: 48.1051, lon: 3.2401 },
      },
    }),
  ];
  return { ...base, parts: { ...base.parts, events } };
}

async function mountLinked(withAgenda: boolean, show = 'structures events') {
  const store = createFeedStore({ feed: linkedFeed(), clientOptions: { cache: false } });
  await store.load();
  const opened: string[] = [];
  if (withAgenda) {
    const feed = store.getState().feed!;
    const connector = createAgendaListConnector(feed.events, { structures: feed.structures });
    store.agenda.set({ connector, openEvent: (id) => opened.push(id) });
  }
  const wrapper = await fixture<HTMLElement>(
    html`<ess-feed .store=${store}><ess-map show=${show} style="width:700px;height:560px"></ess-map></ess-feed>`,
  );
  const el = wrapper.querySelector('ess-map')!;
  const map = await ready(el);
  return { store, el, map, opened };
}

const popup = (el: EssMap) => $(el, '.maplibregl-popup');

describe('ess-map popups: structures and their events, both ways', function () {
  this.timeout(60000);

  it('a structure’s popup lists its next 3 events, soonest first, each opening in the shared agenda', async () => {
    const { store, el, opened } = await mountLinked(true);
    store.select('test--org');
    await waitUntil(() => popup(el)?.querySelector('.open-event'), 'popup with events', { timeout: LONG });
    const buttons = [...popup(el)!.querySelectorAll<HTMLButtonElement>('.open-event')];
    expect(buttons.map((b) => b.dataset.eventId)).to.deep.equal(['test--e1', 'test--e2', 'test--e3']);
    expect(text(popup(el)!.querySelector('.linked-title'))).to.equal('3 prochains évènements :');
    expect(spoken(buttons[0]!)).to.match(/^Atelier réparation, .+ouvrir dans l’agenda$/);
    expect(spoken(buttons[0]!), 'the end on the next day said').to.match(/, de \d+ h à \d+ h le lendemain/);
    buttons[1]!.click();
    expect(opened).to.deep.equal(['test--e2']);
    await expect(el).to.be.accessible();
    store.dispose();
  });

  it('without an agenda on the page, an event of the popup downloads as .ics', async () => {
    const { store, el } = await mountLinked(false);
    store.select('test--org');
    await waitUntil(() => popup(el)?.querySelector('.open-event'), 'popup with events', { timeout: LONG });
    const button = popup(el)!.querySelector<HTMLButtonElement>('.open-event')!;
    expect(spoken(button)).to.contain('télécharger pour mon agenda (fichier .ics)');
    const dl = interceptDownload();
    try {
      button.click();
      const ics = await (await dl.blob).text();
      expect(ics).to.contain('BEGIN:VEVENT');
      expect(ics).to.contain('SUMMARY:Atelier réparation');
      expect(await dl.name).to.match(/\.ics$/);
    } finally {
      dl.restore();
    }
    await waitUntil(
      () => text(popup(el)!.querySelector('[role=status]')) === 'Fichier .ics téléchargé.',
      'said',
    );
    store.dispose();
  });

  it('an event’s popup names its organiser and place structures; each opens its detail (the selection)', async () => {
    const { store, el, map } = await mountLinked(true);
    map.jumpTo({ center: [2.443, 48.861], zoom: 3 });
    await settle(map);
    el.selectFromUser('test--e1', false, 'events');
    await waitUntil(() => popup(el)?.querySelector('.select-structure'), 'popup with structures', {
      timeout: LONG,
    });
    const link = popup(el)!.querySelector<HTMLButtonElement>('.select-structure')!;
    expect(link.dataset.structureId).to.equal('test--org');
    expect(spoken(link)).to.equal('Ressourcerie du Canal, organisatrice');
    link.click();
    expect(store.getState().selectedId).to.equal('test--org');
    await waitUntil(
      () => text(popup(el)?.querySelector('.popup-title')) === 'Ressourcerie du Canal',
      'its popup',
      {
        timeout: LONG,
      },
    );
    // By place: the garden visit is held at the structure's place (same name, a few metres away).
    el.selectFromUser('test--garden', false, 'events');
    await waitUntil(
      () => popup(el)?.querySelector('.select-structure[data-structure-id="test--hall"]'),
      'by place',
      {
        timeout: LONG,
      },
    );
    expect(spoken(popup(el)!.querySelector('.select-structure')!)).to.equal(
      'Le Jardin du Marais, au même lieu',
    );
    await expect(el).to.be.accessible();
    store.dispose();
  });
});

describe('ess-map defects (issue 14, item 9)', function () {
  this.timeout(60000);

  it('the popup’s close button does not overlap its title', async () => {
    const { store, el } = await mountLinked(true);
    store.select('test--hall');
    await waitUntil(() => popup(el), 'popup', { timeout: LONG });
    const close = popup(el)!.querySelector('.maplibregl-popup-close-button')!.getBoundingClientRect();
    const title = popup(el)!.querySelector('.popup .popup-title, .popup strong')!;
    const range = document.createRange();
    range.selectNodeContents(title);
    const t = range.getBoundingClientRect();
    const overlaps =
      close.left < t.right && close.right > t.left && close.top < t.bottom && close.bottom > t.top;
    expect(overlaps, `close ${JSON.stringify(close)} over title ${JSON.stringify(t)}`).to.equal(false);
    expect(close.width >= 24 && close.height >= 24, 'close button ≥ 24 px').to.equal(true);
    store.dispose();
  });

  it('list names read "Name, place", on screen and to a screen reader alike', async () => {
    const { el, map } = await mountLinked(true, 'structures');
    map.jumpTo({ center: [3.24, 48.105], zoom: 14 });
    await settle(map);
    await el.updateComplete;
    const button = $(el, '#list li button[data-id="test--hall"]')!;
    expect(spoken(button)).to.equal('Le Jardin du Marais, Marsangy');
    expect(shown(button)).to.equal('Le Jardin du Marais, Marsangy');
    // With both kinds, each entry says its kind.
    el.show = 'structures events';
    await el.updateComplete;
    await waitUntil(() => $(el, '#list li button[data-id="test--hall"]'), 'listed again', { timeout: LONG });
    expect(spoken($(el, '#list li button[data-id="test--hall"]')!)).to.equal(
      'Structure : Le Jardin du Marais, Marsangy',
    );
  });
});

describe('ess-map numeric attributes', function () {
  this.timeout(60000);

  it('reads list-limit and cluster-radius through the attribute parser, saying what it changed', async () => {
    const warn = console.warn;
    const said: string[] = [];
    console.warn = (...args: unknown[]) => said.push(args.join(' '));
    try {
      const store = createFeedStore({ feed: linkedFeed(), clientOptions: { cache: false } });
      await store.load();
      const wrapper = await fixture<HTMLElement>(
        html`<ess-feed .store=${store}><ess-map list-limit="0" cluster-radius="lots" style="width:500px;height:420px"></ess-map></ess-feed>`,
      );
      const el = wrapper.querySelector('ess-map')!;
      const map = await ready(el);
      map.jumpTo({ center: [2.7, 48.5], zoom: 6 });
      await settle(map);
      await el.updateComplete;
      expect($$(el, '#list li button'), 'one entry a page').to.have.length(1);
      expect(said).to.include('[essaim] <ess-map> list-limit="0": 1 used (1–500)');
      expect(said.some((s) => s.startsWith('[essaim] <ess-map> cluster-radius='))).to.equal(true);
      store.dispose();
    } finally {
      console.warn = warn;
    }
  });
});

describe('ess-map dark basemap (issue 14, item 10)', function () {
  this.timeout(60000);
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('draws the bundled basemap dark when the widget’s scheme is dark, and light again after', async () => {
    const store: FeedStore = createFeedStore({ feed: linkedFeed(), clientOptions: { cache: false } });
    await store.load();
    await emulateMedia({ colorScheme: 'dark' });
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-map style="width:500px;height:420px"></ess-map></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-map')!;
    const map = await ready(el);
    const hex = (c: unknown) => {
      const s = String(c);
      if (s.startsWith('#')) return s.toLowerCase();
      const m = s.match(/[\d.]+/g)!.map(Number);
      const [r, g, b] = m[0]! <= 1 && m.length === 4 ? m.slice(0, 3).map((x) => x * 255) : m;
      return `#${[r, g, b].map((x) => Math.round(x!).toString(16).padStart(2, '0')).join('')}`;
    };
    expect(hex(map.getPaintProperty('essaim-land', 'fill-color'))).to.equal(darkColors.land);
    expect(hex(map.getPaintProperty('essaim-water', 'background-color'))).to.equal(darkColors.water);
    expect(String(map.getPaintProperty(MAP_IDS.clusters, 'circle-color'))).to.equal('rgb(133, 133, 246)');
    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(
      () => hex(map.getPaintProperty('essaim-land', 'fill-color')) === defaultColors.land,
      'light',
      {
        timeout: 5000,
      },
    );
    expect(String(map.getPaintProperty(MAP_IDS.clusters, 'circle-color'))).to.equal('rgb(0, 0, 145)');
    // Pinned by the page: --ess-color-scheme on an ancestor, changed on <html>.
    document.documentElement.style.setProperty('--ess-color-scheme', 'dark');
    try {
      await waitUntil(
        () => hex(map.getPaintProperty('essaim-land', 'fill-color')) === darkColors.land,
        'dark',
        {
          timeout: 5000,
        },
      );
    } finally {
      document.documentElement.style.removeProperty('--ess-color-scheme');
    }
    store.dispose();
  });
});

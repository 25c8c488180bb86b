import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { FeedStore } from '@essaim/sdk';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-feed.ts';
import { type EssMap, MAP_IDS } from '../packages/elements/src/map/ess-map.ts';
import '../packages/elements/src/define/ess-map.ts';
import '../packages/elements/src/define/ess-agenda.ts';
import type { EssAgenda } from '../packages/elements/src/agenda/ess-agenda.ts';
import {
  FEED,
  loadedStore,
  neverResolvingFetch,
  notFoundFetch,
  numberIn,
  shadowOf,
  staleOfflineStore,
  storeWithFetch,
} from './support.ts';

/** maplibre + WebGL (SwiftShader in headless Chromium) and the whole feed: be patient. */
const SLOW = { timeout: 30000 };

/** Resolves on the map's first `idle`, or fails after `ms`. */
async function idle(map: EssMap, ms = SLOW.timeout): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`ess-map: no idle within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([map.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The structures the map lists as in view ("Voir la liste (1 234)" → 1234). */
const listed = (root: ShadowRoot) => numberIn(root.querySelector('.toggle-list')?.textContent);
/** Stories left off the Docs page: it renders its stories together, and each map is a WebGL context. */
const NOT_IN_DOCS = ['!autodocs'];
/** The ids of the features drawn in `layers`. */
const drawn = (map: EssMap, layers: string[]) =>
  map.map!.queryRenderedFeatures({ layers }).map((f) => f.properties as Record<string, unknown>);
/** The popup's text, once MapLibre has opened one (it lives in the element's shadow root). */
const popup = (root: ShadowRoot) => root.querySelector('.maplibregl-popup')?.textContent ?? '';

// `<ess-map>`: the structures of the page's search on a map (clusters, shared selection, "search this
// area"), the bundled offline basemap, and the equivalent list for keyboard and screen-reader users.
// The stories without their own `render` are the element with the Controls panel's attributes.
// (The Docs page shows the component's own JSDoc, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/ess-map',
  component: 'ess-map',
  args: { feed: FEED },
};
export default meta;
type Story = StoryObj;

/** The whole embedded feed (real data) on the bundled basemap: clusters with their counts. */
export const MapAlone: Story = {
  name: 'Many results (whole feed, clustered)',
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    expect([...map.seen]).toEqual(['load', 'idle']);
    await waitFor(() => expect(listed(root)).toBeGreaterThan(50), SLOW);
    await waitFor(() => {
      const clusters = drawn(map, [MAP_IDS.clusters]);
      expect(clusters.length).toBeGreaterThan(0);
      expect(Math.max(...clusters.map((c) => c.point_count as number))).toBeGreaterThan(1);
    }, SLOW);
    // the equivalent list: at most `list-limit` buttons, the count says how many are in view
    const count = root.querySelector('.list .count')?.textContent ?? '';
    // (French double punctuation follows a no-break space)
    expect(count).toMatch(
      /structures dans la zone affichée, les plus proches du centre d’abord\s; 1 à 50\s:/,
    );
    expect(root.querySelectorAll('.list li button')).toHaveLength(50);
    expect(root.querySelector('[part="note"], [part="loading"], [part="error"]')).toBeNull();
  },
};

/** A feed whose server never answers: the basemap, the loading notice, an empty list. */
export const Loading: Story = {
  tags: NOT_IN_DOCS,
  render: () => html`<ess-feed .store=${storeWithFetch(neverResolvingFetch)}><ess-map></ess-map></ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await waitFor(() => {
      const notice = root.querySelector('[part="loading"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent('Chargement des données…');
    });
    await idle(map);
    expect(listed(root)).toBe(0);
    expect(drawn(map, [MAP_IDS.clusters, MAP_IDS.points])).toHaveLength(0);
  },
};

/** The page's search matches nothing: no point, and the list says so. */
export const Empty: Story = {
  tags: NOT_IN_DOCS,
  name: 'Empty (search matches nothing)',
  loaders: [async () => ({ store: await loadedStore((store) => store.search.setText('zzqxw')) })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-map></ess-map></ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    expect(map.store!.matches()).toHaveLength(0);
    await waitFor(() =>
      expect(root.querySelector('.list .count')).toHaveTextContent('Aucune structure dans la zone affichée.'),
    );
    expect(listed(root)).toBe(0);
    expect(drawn(map, [MAP_IDS.clusters, MAP_IDS.points])).toHaveLength(0);
  },
};

/** The server answers 404: the alert and its retry button above the (empty) map. */
export const Error404: Story = {
  tags: NOT_IN_DOCS,
  name: 'Error (404)',
  render: () => html`<ess-feed .store=${storeWithFetch(notFoundFetch)}><ess-map></ess-map></ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await waitFor(() => {
      const alert = root.querySelector('[role="alert"]');
      expect(alert).toHaveTextContent('Les structures n’ont pas pu être chargées (erreur du serveur).');
      expect(alert).toHaveTextContent('Flux introuvable (erreur 404)');
      expect(alert?.querySelector('button')).toHaveTextContent('Réessayer');
    }, SLOW);
    await idle(map);
    expect(listed(root)).toBe(0);
  },
};

/** Offline, with the copy a visit three days ago left in the cache: the points, marked as possibly old. */
export const OfflineStale: Story = {
  tags: NOT_IN_DOCS,
  name: 'Unreachable, stale data',
  loaders: [async () => ({ store: await staleOfflineStore() })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-map></ess-map></ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await waitFor(() => {
      const notice = root.querySelector('[part="stale"]');
      expect(notice).toHaveAttribute('role', 'status');
      // The browser is online: the server is unreachable, never "Hors ligne".
      expect(notice).toHaveTextContent(
        /^Les structures n’ont pas pu être mises à jour \(serveur injoignable\) : données du /,
      );
    }, SLOW);
    await idle(map);
    await waitFor(() => expect(listed(root)).toBeGreaterThan(0), SLOW);
    await waitFor(
      () => expect(drawn(map, [MAP_IDS.clusters, MAP_IDS.points]).length).toBeGreaterThan(0),
      SLOW,
    );
    expect(root.querySelector('[role="alert"]')).toBeNull();
  },
};

/**
 * A structure chosen in the list of the structures in view (the keyboard path; a click on a point does
 * the same): `ess-select`, the page's selection, the button marked pressed, a popup, the red point.
 */
export const Selected: Story = {
  tags: NOT_IN_DOCS,
  name: 'Selected record (from its list)',
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    const toggle = root.querySelector<HTMLButtonElement>('.toggle-list')!;
    toggle.click();
    await waitFor(() => expect(toggle).toHaveAttribute('aria-expanded', 'true'));
    const button = await waitFor(() => {
      const b = root.querySelector<HTMLButtonElement>('.list li button');
      expect(b).not.toBeNull();
      return b!;
    }, SLOW);
    const id = button.dataset.id!;
    const events: string[] = [];
    map.addEventListener('ess-select', (e) => events.push((e as CustomEvent<{ id: string }>).detail.id));
    button.click();
    expect(events).toEqual([id]);
    expect(map.store!.getState().selectedId).toBe(id);
    const name = map.store!.structure(id)!.name;
    await waitFor(() => {
      expect(root.querySelector(`.list button[data-id="${id}"]`)).toHaveAttribute('aria-pressed', 'true');
      expect(popup(root)).toContain(name);
    }, SLOW);
    await waitFor(() => expect(drawn(map, [MAP_IDS.selected]).map((p) => p.id)).toEqual([id]), SLOW);
  },
};

/** A card opened in the directory: the map of the same `<ess-feed>` zooms to it and opens its popup. */
export const SelectedFromDirectory: Story = {
  tags: NOT_IN_DOCS,
  name: 'Selected record (from the directory)',
  render: () => html`<ess-feed src=${FEED}>
    <ess-map></ess-map>
    <ess-directory></ess-directory>
  </ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const mapRoot = shadowOf(canvasElement, 'ess-map');
    const dirRoot = shadowOf(canvasElement, 'ess-directory');
    await idle(map);
    const card = await waitFor(() => {
      // a structure with coordinates: the map can show it
      const b = [...dirRoot.querySelectorAll<HTMLButtonElement>('.card-button')].find(
        (x) => map.store?.structure(x.dataset.id!)?.geo,
      );
      expect(b).toBeDefined();
      return b!;
    }, SLOW);
    const id = card.dataset.id!;
    const name = map.store!.structure(id)!.name;
    card.click();
    await waitFor(() => expect(popup(mapRoot)).toContain(name), SLOW);
    await waitFor(() => expect(map.map!.getZoom()).toBeGreaterThanOrEqual(12.9), SLOW);
    await waitFor(() => expect(drawn(map, [MAP_IDS.selected]).map((p) => p.id)).toEqual([id]), SLOW);
  },
};

/**
 * A structure already selected when the map loads (a card opened before the map, which loads only when
 * it comes near the viewport): the map opens on it, its popup open.
 */
export const SelectedBeforeLoad: Story = {
  tags: NOT_IN_DOCS,
  name: 'Selected record (before the map loads)',
  loaders: [
    async () => ({ store: await loadedStore((store) => store.select(store.matchHits()[5]?.record.id)) }),
  ],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-map></ess-map></ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    const id = map.store!.getState().selectedId!;
    const s = map.store!.structure(id)!;
    expect(s.geo).toBeDefined();
    await idle(map);
    await waitFor(() => expect(popup(root)).toContain(s.name), SLOW);
    await waitFor(() => expect(map.map!.getZoom()).toBeGreaterThanOrEqual(12.9), SLOW);
    await waitFor(() => expect(drawn(map, [MAP_IDS.selected]).map((p) => p.id)).toEqual([id]), SLOW);
  },
};

/** A map and a directory in one `<ess-feed>`: one store, so a search in the directory filters the map. */
export const MapAndDirectory: Story = {
  tags: NOT_IN_DOCS,
  name: 'Map + directory (shared search)',
  render: () => html`<ess-feed src=${FEED}>
    <ess-map></ess-map>
    <ess-directory></ess-directory>
  </ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const dir = canvasElement.querySelector('ess-directory')!;
    const mapRoot = shadowOf(canvasElement, 'ess-map');
    const dirRoot = shadowOf(canvasElement, 'ess-directory');
    await idle(map);
    expect(map.store).toBeDefined();
    expect(map.store).toBe(dir.store);
    await waitFor(() => expect(dirRoot.querySelectorAll('[part~="card"]')).toHaveLength(20), SLOW);
    const before = listed(mapRoot);
    expect(before).toBeGreaterThan(0);

    const input = dirRoot.querySelector<HTMLInputElement>('#q')!;
    input.value = 'recyclerie';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitFor(() => {
      const found = numberIn(dirRoot.querySelector('[part="count"]')?.textContent);
      expect(found).toBeGreaterThan(0);
      expect(found).toBeLessThan(before);
      expect(map.store!.search.getState().query.text).toBe('recyclerie');
      const inView = listed(mapRoot);
      expect(inView).toBeGreaterThan(0);
      expect(inView).toBeLessThanOrEqual(found);
    }, SLOW);
  },
};

/**
 * "Search this area", with the keyboard: the map panned with an arrow key offers to search the area in
 * view; pressed, it filters the page's search to that area (the directory beside it follows), then offers
 * to clear it.
 */
export const SearchThisArea: Story = {
  name: 'Search this area (keyboard)',
  tags: NOT_IN_DOCS,
  render: () => html`<ess-feed src=${FEED}>
    <ess-map></ess-map>
    <ess-directory></ess-directory>
  </ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const mapRoot = shadowOf(canvasElement, 'ess-map');
    const dirRoot = shadowOf(canvasElement, 'ess-directory');
    await idle(map);
    await waitFor(() => expect(dirRoot.querySelectorAll('[part~="card"]')).toHaveLength(20), SLOW);
    const all = numberIn(dirRoot.querySelector('[part="count"]')?.textContent);
    expect(mapRoot.querySelector('.search-area')).toBeNull();
    // zoom in with "+" and pan with an arrow key, as a keyboard user on the focused map
    const canvas = map.map!.getCanvas();
    canvas.focus();
    for (const [key, keyCode] of [
      ['+', 187],
      ['+', 187],
      ['ArrowRight', 39],
    ] as const) {
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key, keyCode, bubbles: true, composed: true }));
      await new Promise<void>((r) => map.map!.once('moveend', () => r()));
    }
    const button = await waitFor(() => {
      const b = mapRoot.querySelector<HTMLButtonElement>('.search-area');
      expect(b).toHaveTextContent('Rechercher dans cette zone');
      return b!;
    }, SLOW);
    button.click();
    await waitFor(() => {
      expect(map.store!.search.getState().query.bbox).toHaveLength(4);
      const found = numberIn(dirRoot.querySelector('[part="count"]')?.textContent);
      expect(found).toBeLessThan(all);
      expect(listed(mapRoot)).toBe(found);
    }, SLOW);
    const clear = mapRoot.querySelector<HTMLButtonElement>('.clear-area')!;
    expect(clear).toHaveTextContent('Effacer la zone de recherche');
    clear.click();
    await waitFor(
      () => expect(numberIn(dirRoot.querySelector('[part="count"]')?.textContent)).toBe(all),
      SLOW,
    );
    expect(map.store!.search.getState().query.bbox).toBeUndefined();
  },
};

/** A remote basemap style that cannot be loaded: the bundled basemap, and a note that says so. */
export const StyleFallback: Story = {
  tags: NOT_IN_DOCS,
  name: 'Remote style fails → fallback',
  args: { 'basemap-style': '/feed/no-such-style.json' },
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await waitFor(() => {
      const note = root.querySelector('[part="note"]');
      expect(note).toHaveAttribute('role', 'status');
      expect(note).toHaveTextContent('Le fond de carte demandé n’a pas pu être chargé');
    }, SLOW);
    await idle(map);
    await waitFor(() => expect(map.map!.getLayer('essaim-land')).toBeDefined(), SLOW);
    await waitFor(() => expect(map.map!.getLayer(MAP_IDS.points)).toBeDefined(), SLOW);
  },
};

/** No `feed` attribute and no `<ess-feed>` around: the webmaster is told what is missing. */
export const NotConfigured: Story = {
  name: 'Not configured (no feed)',
  tags: NOT_IN_DOCS,
  render: () => html`<ess-map></ess-map>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await waitFor(() =>
      expect(root.querySelector('[role="alert"]')).toHaveTextContent('Aucun flux de données'),
    );
    await idle(map);
    expect(listed(root)).toBe(0);
  },
};

/** In English (a `lang="en"` wrapper): the element's texts and MapLibre's controls from the same dictionary. */
export const English: Story = {
  tags: NOT_IN_DOCS,
  render: () => html`<div lang="en"><ess-map feed=${FEED}></ess-map></div>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    await waitFor(
      () => expect(root.querySelector('.toggle-list')).toHaveTextContent(/^Show the list \(/),
      SLOW,
    );
    expect(root.querySelector('[part="base"]')).toHaveAttribute('aria-label', 'Map of the structures');
    expect(root.querySelector('.maplibregl-ctrl-zoom-in')).toHaveAttribute('aria-label', 'Zoom in');
    expect(root.querySelector('.maplibregl-ctrl-geolocate')).toHaveAttribute(
      'aria-label',
      'Find my location',
    );
  },
};

/**
 * `show="events"`: the map of an agenda's events. The `<ess-agenda>` of the same `<ess-feed>` gives its
 * matches (upcoming from 1 March 2026, real events of the embedded feed); a button of the list of the
 * events in view opens the event in the agenda, and a filter of the agenda narrows the map.
 */
export const EventsOfTheAgenda: Story = {
  tags: NOT_IN_DOCS,
  name: 'Events of an agenda (show="events")',
  render: () => html`<ess-feed src=${FEED}>
    <ess-map show="events"></ess-map>
    <ess-agenda reference-date="2026-03-01" page-size="10"></ess-agenda>
  </ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const agenda = canvasElement.querySelector<EssAgenda>('ess-agenda')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    await waitFor(() => expect(agenda.connector).toBeDefined(), SLOW);
    expect(root.querySelector('[part="base"]')).toHaveAttribute('aria-label', 'Carte des évènements');
    const events = agenda.connector!.matchingEvents().filter((o) => o.event.place?.geo);
    expect(events.length).toBeGreaterThan(10); // more than the agenda's first page
    await waitFor(() => expect(listed(root)).toBeGreaterThan(0), SLOW);
    expect(root.querySelector('.list h2')).toHaveTextContent('Évènements de la zone affichée');
    const button = root.querySelector<HTMLButtonElement>('.list li button')!;
    const title = events.find((o) => o.eventId === button.dataset.id)!.event.title;
    button.click();
    await waitFor(
      () => expect(agenda.shadowRoot!.querySelector('#detail-heading')).toHaveTextContent(title),
      SLOW,
    );
    expect(agenda.shadowRoot!.activeElement?.id).toBe('detail-heading');
  },
};

/**
 * `show="structures events"`: one map for both — structures as discs, events as diamonds (shape and
 * colour), a legend whose checkboxes show or hide each layer, and one list of both nearest the centre
 * of the view. Real data of the embedded feed; the agenda gives the events from 1 March 2026.
 */
export const StructuresAndEvents: Story = {
  tags: NOT_IN_DOCS,
  name: 'Structures and events (show="structures events")',
  render: () => html`<ess-feed src=${FEED}>
    <ess-map show="structures events"></ess-map>
    <ess-agenda reference-date="2026-03-01" page-size="5"></ess-agenda>
  </ess-feed>`,
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    expect(root.querySelector('[part="base"]')).toHaveAttribute(
      'aria-label',
      'Carte des structures et des évènements',
    );
    await waitFor(
      () => expect(drawn(map, [MAP_IDS.eventClusters, MAP_IDS.eventPoints]).length).toBeGreaterThan(0),
      SLOW,
    );
    const boxes = [...root.querySelectorAll<HTMLInputElement>('[part="legend"] input[type="checkbox"]')];
    expect(boxes.map((b) => b.value)).toEqual(['structures', 'events']);
    boxes[1]!.click();
    await waitFor(() =>
      expect(root.querySelector('[part="legend"] [role="status"]')).toHaveTextContent('masquée'),
    );
    expect(map.map!.getLayoutProperty(MAP_IDS.eventPoints, 'visibility')).toBe('none');
    boxes[1]!.click();
  },
};

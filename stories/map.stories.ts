import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-feed.ts';
import { type EssMap, MAP_IDS } from '../packages/elements/src/map/ess-map.ts';
import '../packages/elements/src/define/ess-map.ts';
import { FEED, numberIn, shadowOf } from './support.ts';

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

const meta: Meta = {
  title: 'Elements/ess-map',
  component: 'ess-map',
  render: () => html`<ess-map feed=${FEED}></ess-map>`,
};
export default meta;
type Story = StoryObj;

/** The map alone on the embedded feed, on the bundled offline basemap. */
export const MapAlone: Story = {
  name: 'Map alone',
  play: async ({ canvasElement }) => {
    const map = canvasElement.querySelector<EssMap>('ess-map')!;
    const root = shadowOf(canvasElement, 'ess-map');
    await idle(map);
    expect([...map.seen]).toEqual(['load', 'idle']);
    await waitFor(() => expect(listed(root)).toBeGreaterThan(0), SLOW);
    await waitFor(() => {
      const drawn = map.map!.queryRenderedFeatures({ layers: [MAP_IDS.clusters, MAP_IDS.points] });
      expect(drawn.length).toBeGreaterThan(0);
    }, SLOW);
    expect(root.querySelector('[part="note"]')).toBeNull();
  },
};

/** A map and a directory in one `<ess-feed>`: one store, so a search in the directory filters the map. */
export const MapAndDirectory: Story = {
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

/** A remote basemap style that cannot be loaded: the bundled basemap, and a note that says so. */
export const StyleFallback: Story = {
  name: 'Remote style fails → fallback',
  render: () => html`<ess-map feed=${FEED} basemap-style="/feed/no-such-style.json"></ess-map>`,
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

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../packages/elements/src/define/ess-territoire.ts';
import '../packages/elements/src/define/ess-feed.ts';
import { createFeedStore, type FeedStore } from '@essaim/sdk';
import type { EssTerritoire } from '../packages/elements/src/territoire/ess-territoire.ts';
import { FEED, numberIn, shadowOf } from './support.ts';

/** Loading and indexing the whole embedded feed, then the places data, take a moment on a slow machine. */
const LOAD = { timeout: 20000 };
const TODAY = '2026-03-01';

const meta: Meta = {
  title: 'Elements/ess-territoire',
  component: 'ess-territoire',
  render: () =>
    html`<ess-territoire feed=${FEED} epcis="200054781" reference-date=${TODAY}></ess-territoire>`,
};
export default meta;
type Story = StoryObj;

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element's shadow root once its figures, names and tables are there. */
async function mounted(canvas: HTMLElement): Promise<ShadowRoot> {
  const el = canvas.querySelector<EssTerritoire>('ess-territoire')!;
  const root = shadowOf(canvas, 'ess-territoire');
  await waitFor(() => expect(root.querySelector('[part~="figures"]')).not.toBeNull(), LOAD);
  await waitFor(() => expect(root.querySelector('.figures-section [role="status"]')).toBeNull(), LOAD);
  await waitFor(() => expect(root.querySelector('[part~="actions"]')).not.toBeNull(), LOAD);
  await el.updateComplete;
  return root;
}

const figure = (root: ShadowRoot, label: string) =>
  text(
    [...root.querySelectorAll('.figures > div')]
      .find((d) => text(d.querySelector('dt')).startsWith(label))
      ?.querySelector('dd'),
  );

/** An EPCI of the embedded feed: the Métropole du Grand Paris, its 130 communes in a table. */
export const Epci: Story = {
  name: 'EPCI (Métropole du Grand Paris)',
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(text(root.querySelector('#title'))).toContain('Métropole du Grand Paris');
    expect(numberIn(figure(root, 'Structures dans ce flux'))).toBeGreaterThan(1000);
    expect(root.querySelectorAll('.parts tbody tr')).toHaveLength(130);
    expect(text(root.querySelector('[part~="caveat"]'))).toContain('pas toute l’ESS du territoire');
  },
};

/** A commune: Montreuil, compared with its EPCI. */
export const Commune: Story = {
  name: 'Commune (Montreuil)',
  render: () => html`<ess-territoire feed=${FEED} communes="93048" reference-date=${TODAY}></ess-territoire>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(text(root.querySelector('#title'))).toContain('Montreuil');
    expect(text(root.querySelector('.figures .wide'))).toContain('Métropole du Grand Paris');
    expect(root.querySelector('.parts')).toBeNull();
  },
};

/** A département: Seine-Saint-Denis, by EPCI. */
export const Departement: Story = {
  name: 'Département (Seine-Saint-Denis)',
  render: () =>
    html`<ess-territoire feed=${FEED} departements="93" reference-date=${TODAY}></ess-territoire>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(text(root.querySelector('#title'))).toContain('Seine-Saint-Denis');
    expect(text(root.querySelector('.parts'))).toContain('Métropole du Grand Paris');
  },
};

/** A territory the feed has nothing in: said plainly, without saying there is no ESS there. */
export const Empty: Story = {
  name: 'Empty territory (Brest)',
  render: () => html`<ess-territoire feed=${FEED} communes="29019" reference-date=${TODAY}></ess-territoire>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(text(root.querySelector('[part~="empty"]'))).toContain('Cela ne veut pas dire qu’il n’y en a pas');
  },
};

/**
 * A fixture feed: two test structures of Montreuil with codes (and `extra` fields, e.g. a position), and
 * `parts` beside them.
 */
async function fixtureStore(extra: Record<string, unknown>, parts: Record<string, unknown> = {}) {
  const cog = { commune: '93048', epci: '200054781', departement: '93', region: '11' };
  const record = (id: string, name: string) => ({
    id: `fixture--${id}`,
    name,
    family: 'association',
    themes: [],
    address: { cog },
    ...extra,
    provenance: [{ source: 'fixture', name: 'Fixture', localId: id }],
    updatedAt: '2026-01-15',
  });
  const store = createFeedStore({
    feed: {
      schemaVersion: '1.0',
      id: 'fixture',
      title: 'Flux de test (fixture)',
      publisher: { name: 'Tests' },
      licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
      attribution: 'Fixture',
      updated: '2026-01-15',
      sources: [
        {
          id: 'fixture',
          name: 'Fixture',
          licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
          attribution: 'Fiches de test',
        },
      ],
      parts: {
        structures: [record('a', 'Structure A (fixture)'), record('b', 'Structure B (fixture)')],
        ...parts,
      },
    },
    clientOptions: { cache: false },
  });
  await store.load();
  return store;
}

/**
 * Records without coordinates (fixture feed: two structures of Montreuil with codes but no position):
 * counted, and said absent from maps.
 */
export const NoCoordinates: Story = {
  name: 'Territory with no coordinates (fixture)',
  loaders: [async () => ({ store: await fixtureStore({}) })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}
      ><ess-territoire communes="93048" reference-date=${TODAY}></ess-territoire
    ></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(figure(root, 'Structures dans ce flux')).toBe('2');
    expect(text(root.querySelector('[part~="coverage"]'))).toContain('2 fiches sans position');
  },
};

/** In English (`lang="en"` on an ancestor). */
export const English: Story = {
  name: 'English',
  render: () =>
    html`<div lang="en"><ess-territoire feed=${FEED} departements="93" reference-date=${TODAY}></ess-territoire></div>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(text(root.querySelector('#figures-title'))).toBe('Key figures');
    expect(text(root.querySelector('[part~="caveat"]'))).toContain('not all of the territory’s ESS');
  },
};

/**
 * The communes on the map (Seine-Saint-Denis): one circle per commune, its area proportional to the
 * number of structures, drawn once the map scrolls into view; the table of the communes gives the figures.
 */
export const CommunesMap: Story = {
  name: 'Communes map (Seine-Saint-Denis)',
  render: () =>
    html`<ess-territoire feed=${FEED} departements="93" reference-date=${TODAY}></ess-territoire>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    await waitFor(() => expect(root.querySelector('.communes')).not.toBeNull(), LOAD);
    root.querySelector('.communes-map')!.scrollIntoView();
    await waitFor(
      () =>
        expect(
          root.querySelector('.communes-map canvas') ?? root.querySelector('.communes .notice'),
        ).not.toBeNull(),
      LOAD,
    );
    expect(root.querySelector('.communes-map')!.getAttribute('role')).toBe('img');
    expect(text(root.querySelector('.communes tbody tr th'))).toBe('Montreuil');
    expect(text(root.querySelector('.map-legend'))).toContain('proportionnelle');
  },
};

/** For an EPCI the map's list is the "by commune" table above it (no second table). */
export const CommunesMapList: Story = {
  name: 'Communes map, list above (EPCI)',
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    await waitFor(() => expect(root.querySelector('.communes')).not.toBeNull(), LOAD);
    expect(root.querySelector('.communes table')).toBeNull();
    expect(text(root.querySelector('.communes'))).toContain('« Structures par commune » ci-dessus');
  },
};

/** FIXTURE: made-up official figures ("Observatoire fictif"), not real ones, beside two test records. */
const fixtureIndicators = [
  {
    id: 'fixture--emploi-ess-93-2022',
    territory: { level: 'departement', code: '93' },
    label: {
      fr: 'Part de l’emploi salarié dans l’ESS (fictif)',
      en: 'Share of salaried jobs in the ESS (made up)',
    },
    value: 12.5,
    unit: { fr: '%' },
    year: 2022,
    source: { name: 'Observatoire fictif (données de test)', url: 'https://example.org/observatoire' },
    licence: { id: 'etalab-2.0', name: 'Licence Ouverte 2.0' },
    note: { fr: 'Valeur inventée pour la démonstration', en: 'Value made up for the demonstration' },
  },
  {
    id: 'fixture--etablissements-ess-93-2022',
    territory: { level: 'departement', code: '93' },
    label: { fr: 'Établissements employeurs de l’ESS (fictif)', en: 'ESS employer establishments (made up)' },
    value: 4321,
    unit: { fr: 'établissements', en: 'establishments' },
    year: 2022,
    source: { name: 'Observatoire fictif (données de test)' },
    licence: { id: 'etalab-2.0', name: 'Licence Ouverte 2.0' },
  },
];

/** Official figures with their provenance (source, year, licence), before the feed's counts (fixture). */
export const OfficialFigures: Story = {
  name: 'Official figures with provenance (fixture)',
  loaders: [
    async () => ({
      store: await fixtureStore({ geo: { lat: 48.8633, lon: 2.4482 } }, { indicators: fixtureIndicators }),
    }),
  ],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}
      ><ess-territoire departements="93" reference-date=${TODAY}></ess-territoire
    ></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    const rows = root.querySelectorAll('.indicators tbody tr');
    expect(rows).toHaveLength(2);
    expect(text(root.querySelector('.indicators'))).toContain('Observatoire fictif');
    expect(text(root.querySelector('.indicators .caveat'))).toContain('pas calculés à partir des structures');
  },
};

/** The embedded feed has no official figures: no such section (it shows only what it really has). */
export const NoOfficialFigures: Story = {
  name: 'No official figures (embedded feed)',
  render: () =>
    html`<ess-territoire feed=${FEED} departements="93" reference-date=${TODAY}></ess-territoire>`,
  play: async ({ canvasElement }) => {
    const root = await mounted(canvasElement);
    expect(root.querySelector('.indicators')).toBeNull();
  },
};

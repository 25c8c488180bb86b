import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { FeedStore } from '@essaim/sdk';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-feed.ts';
import {
  FEED,
  loadedStore,
  neverResolvingFetch,
  notAFeedFetch,
  notFoundFetch,
  numberIn,
  offlineFetch,
  shadowOf,
  staleOfflineStore,
  storeWithFetch,
} from './support.ts';

/** Loading the whole embedded feed and indexing it takes a moment on a slow machine. */
const LOAD = { timeout: 15000 };

// `<ess-directory>`: search, filters, result cards and a detail view over the embedded feed (real
// data). The stories without their own `render` are the element with the Controls panel's attributes.
// (The Docs page shows the component's own JSDoc, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/ess-directory',
  component: 'ess-directory',
  args: { feed: FEED },
};
export default meta;
type Story = StoryObj;

/** Stories left off the Docs page (it renders its stories together; each one loads the whole feed). */
const NOT_IN_DOCS = ['!autodocs'];

const cards = (root: ShadowRoot) => root.querySelectorAll('[part~="card"]');
type Structures = { id: string; address?: { cog?: { departement?: string } } }[];
const structures = async (): Promise<Structures> => (await fetch('/feed/structures.json')).json();

/** The embedded feed (real data): the first page of cards and the total. Try the controls. */
export const Results: Story = {
  play: async ({ canvasElement, argTypes }) => {
    // The controls come from custom-elements.json (the components' JSDoc), public API only.
    expect(argTypes.departements).toMatchObject({
      table: { category: 'attributes' },
      control: { type: 'text' },
    });
    expect(argTypes['page-size']?.control).toMatchObject({ type: 'number' });
    expect(argTypes['sync-url']?.control).toMatchObject({ type: 'boolean' });
    expect(argTypes.onEssSelect).toMatchObject({ action: { name: 'ess-select' } });
    expect(argTypes['--ess-color-primary']).toMatchObject({
      table: { category: 'css custom properties' },
      control: { type: 'color' },
    });
    expect(argTypes.card).toMatchObject({ table: { category: 'css shadow parts' }, control: false });
    expect(Object.keys(argTypes).filter((k) => k.startsWith('#') || k === 'contextStore')).toEqual([]);
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    expect(numberIn(root.querySelector('[part="count"]')?.textContent)).toBe((await structures()).length);
    expect(root.querySelector('[part="pagination"]')).not.toBeNull();
    expect(root.querySelector('[part="loading"], [part="error"], [part="stale"]')).toBeNull();
  },
};

/** A feed whose server never answers: the loading notice, and nothing else. */
export const Loading: Story = {
  tags: NOT_IN_DOCS,
  render: () =>
    html`<ess-feed .store=${storeWithFetch(neverResolvingFetch)}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => {
      const notice = root.querySelector('[part="loading"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent('Chargement des données…');
    });
    expect(cards(root)).toHaveLength(0);
    expect(root.querySelector('[role="alert"]')).toBeNull();
  },
};

/** A preset text query that matches nothing: the "no results" message and a way out. */
export const Empty: Story = {
  args: { q: 'zzqxw' },
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(
      () => expect(root.querySelector('[part="empty"]')).toHaveTextContent('Aucun résultat'),
      LOAD,
    );
    expect(cards(root)).toHaveLength(0);
    const clear = root.querySelector<HTMLButtonElement>('[part="empty"] button')!;
    expect(clear).toHaveTextContent('filtres');
    // the way out works: every structure again
    clear.click();
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
  },
};

/** The server answers 404: an alert explains it and offers to try again. */
export const Error404: Story = {
  name: 'Error (404)',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(notFoundFetch)}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => {
      const alert = root.querySelector('[role="alert"]');
      expect(alert).toHaveTextContent('Les structures n’ont pas pu être chargées (erreur du serveur).');
      expect(alert).toHaveTextContent('Flux introuvable (erreur 404)');
      expect(alert?.querySelector('button')).toHaveTextContent('Réessayer');
    }, LOAD);
    expect(cards(root)).toHaveLength(0);
  },
};

/** The address answers, but not with a feed: the alert says what is wrong and how to check it. */
export const ErrorNotAFeed: Story = {
  tags: NOT_IN_DOCS,
  name: 'Error (not a feed)',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(notAFeedFetch)}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => {
      const alert = root.querySelector('[role="alert"]');
      expect(alert).toHaveTextContent('n’est pas un manifeste de flux Essaim valide');
      expect(alert?.querySelector('button')).toHaveTextContent('Réessayer');
    }, LOAD);
    expect(cards(root)).toHaveLength(0);
  },
};

/** No network and nothing in the cache: an alert that names the likely causes (connection, CORS). */
export const OfflineNoCache: Story = {
  tags: NOT_IN_DOCS,
  name: 'Offline, nothing cached',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(offlineFetch)}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => {
      const alert = root.querySelector('[role="alert"]');
      expect(alert).toHaveTextContent('Impossible de joindre le flux');
      expect(alert).toHaveTextContent('CORS');
    }, LOAD);
    expect(cards(root)).toHaveLength(0);
    expect(root.querySelector('[part="stale"]')).toBeNull();
  },
};

/**
 * The server cannot be reached (the browser itself is online), with the copy a visit three days ago
 * left in the cache: the data, with its date and the reason; never "Hors ligne" while online.
 */
export const OfflineStale: Story = {
  tags: NOT_IN_DOCS,
  name: 'Unreachable, stale data',
  loaders: [async () => ({ store: await staleOfflineStore() })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    await waitFor(() => {
      const notice = root.querySelector('[part="stale"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent(
        /^Les structures n’ont pas pu être mises à jour \(serveur injoignable\) : données du .* affichées\./,
      );
      expect(notice?.querySelector('button')).toHaveTextContent('Réessayer');
    }, LOAD);
    expect(root.querySelector('[role="alert"]')).toBeNull();
  },
};

/** A three-day-old copy in the cache and a slow server: the old data at once, and a note that an update is under way. */
export const StaleUpdating: Story = {
  name: 'Old data, update under way',
  tags: NOT_IN_DOCS,
  loaders: [async () => ({ store: await staleOfflineStore(neverResolvingFetch) })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    await waitFor(() => {
      const notice = root.querySelector('[part="stale"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent(/^Données du .*; une mise à jour est en cours\.$/);
    }, LOAD);
    expect(root.querySelector('[role="alert"], [part="loading"]')).toBeNull();
  },
};

/** Scoped to Paris (`departements="75"`): every structure of the département, paged. */
export const ManyResults: Story = {
  tags: NOT_IN_DOCS,
  name: 'Many results (Paris)',
  args: { departements: '75' },
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    const paris = (await structures()).filter((s) => s.address?.cog?.departement === '75').length;
    expect(paris).toBeGreaterThan(20);
    await waitFor(
      () => expect(numberIn(root.querySelector('[part="count"]')?.textContent)).toBe(paris),
      LOAD,
    );
    expect(cards(root)).toHaveLength(20);
    const pages = root.querySelector('[part="pagination"]');
    expect(pages).toHaveTextContent(`1 sur ${Math.ceil(paris / 20)}`);
    // next page: the following cards
    const first = root.querySelector('.card-button')?.textContent;
    const next = [...(pages?.querySelectorAll('button') ?? [])].at(-1)!;
    next.click();
    await waitFor(() => expect(pages).toHaveTextContent(`2 sur ${Math.ceil(paris / 20)}`), LOAD);
    expect(root.querySelector('.card-button')?.textContent).not.toBe(first);
  },
};

/** A card opened: the detail view of that structure, selected in the page's store. */
export const SelectedDetail: Story = {
  tags: NOT_IN_DOCS,
  name: 'Selected record, detail open',
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('ess-directory')!;
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    const button = root.querySelector<HTMLButtonElement>('.card-button')!;
    const id = button.dataset.id!;
    const name = button.textContent!.trim();
    button.click();
    await waitFor(() => expect(root.querySelector('#detail-heading')).toHaveTextContent(name), LOAD);
    expect(root.querySelector('[part="detail"]')).not.toBeNull();
    expect(el.store?.getState().selectedId).toBe(id);
    expect(cards(root)).toHaveLength(0);
  },
};

/**
 * A structure selected elsewhere on the page (a marker of the map, the page's script): its card is
 * marked as the current one (`aria-current`, the `card-selected` part), the others are not.
 */
export const SelectedElsewhere: Story = {
  tags: NOT_IN_DOCS,
  name: 'Selected record, from another widget',
  loaders: [
    async () => ({ store: await loadedStore((store) => store.select(store.matchHits()[2]?.record.id)) }),
  ],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('ess-directory')!;
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    const id = el.store!.getState().selectedId;
    expect(id).toBeDefined();
    const current = root.querySelectorAll('[part~="card-selected"]');
    expect(current).toHaveLength(1);
    expect(current[0]?.querySelector('.card-button')).toHaveAttribute('data-id', id);
    expect(current[0]?.querySelector('.card-button')).toHaveAttribute('aria-current', 'true');
    expect(root.querySelectorAll('[aria-current="true"]')).toHaveLength(1);
  },
};

/** No `feed` attribute and no `<ess-feed>` around: the webmaster is told what is missing. */
export const NotConfigured: Story = {
  name: 'Not configured (no feed)',
  render: () => html`<ess-directory></ess-directory>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() =>
      expect(root.querySelector('[role="alert"]')).toHaveTextContent('Aucun flux de données'),
    );
    expect(cards(root)).toHaveLength(0);
  },
};

/** A page colour through the Controls panel (`--ess-color-primary` set on the element): the cards follow. */
export const PageColours: Story = {
  name: 'Page colour (custom property)',
  tags: NOT_IN_DOCS,
  args: { '--ess-color-primary': '#6a1b9a' },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<HTMLElement>('ess-directory')!;
    const root = shadowOf(canvasElement, 'ess-directory');
    expect(el.style.getPropertyValue('--ess-color-primary')).toBe('#6a1b9a');
    await waitFor(() => expect(cards(root).length).toBeGreaterThan(0), LOAD);
    expect(getComputedStyle(cards(root)[0]!).borderInlineStartColor).toBe('rgb(106, 27, 154)');
  },
};

/** The same directory in English (a `lang="en"` wrapper). */
export const English: Story = {
  tags: NOT_IN_DOCS,
  render: () => html`<div lang="en"><ess-directory feed=${FEED}></ess-directory></div>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    expect(root.querySelector('[part="count"]')).toHaveTextContent(/organisations found$/);
    expect(root.querySelector('#results-heading')).toHaveTextContent('Results');
  },
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { FeedStore } from '@essaim/sdk';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-feed.ts';
import {
  FEED,
  neverResolvingFetch,
  notFoundFetch,
  numberIn,
  shadowOf,
  staleOfflineStore,
  storeWithFetch,
} from './support.ts';

/** Loading the whole embedded feed and indexing it takes a moment on a slow machine. */
const LOAD = { timeout: 15000 };

const meta: Meta = {
  title: 'Elements/ess-directory',
  component: 'ess-directory',
  render: () => html`<ess-directory feed=${FEED}></ess-directory>`,
};
export default meta;
type Story = StoryObj;

const cards = (root: ShadowRoot) => root.querySelectorAll('[part~="card"]');

/** A feed whose server never answers: the loading notice, and nothing else. */
export const Loading: Story = {
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

/** The embedded feed (real data): the first page of cards and the total. */
export const Results: Story = {
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    const structures: unknown[] = await (await fetch('/feed/structures.json')).json();
    expect(numberIn(root.querySelector('[part="count"]')?.textContent)).toBe(structures.length);
    expect(root.querySelector('[part="pagination"]')).not.toBeNull();
    expect(root.querySelector('[part="loading"], [part="error"], [part="stale"]')).toBeNull();
  },
};

/** A preset text query that matches nothing: the "no results" message and a way out. */
export const Empty: Story = {
  render: () => html`<ess-directory feed=${FEED} q="zzqxw"></ess-directory>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(
      () => expect(root.querySelector('[part="empty"]')).toHaveTextContent('Aucun résultat'),
      LOAD,
    );
    expect(cards(root)).toHaveLength(0);
    expect(root.querySelector('[part="empty"] button')).toHaveTextContent('filtres');
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
      expect(alert).toHaveTextContent('Les données n’ont pas pu être chargées');
      expect(alert?.querySelector('button')).toHaveTextContent('Réessayer');
    }, LOAD);
    expect(cards(root)).toHaveLength(0);
  },
};

/** Offline, with the copy a visit three days ago left in the cache: the data, marked as possibly old. */
export const OfflineStale: Story = {
  name: 'Offline, stale data',
  loaders: [async () => ({ store: await staleOfflineStore() })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    await waitFor(() => {
      const notice = root.querySelector('[part="stale"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent(/^Hors ligne : données du /);
    }, LOAD);
    expect(root.querySelector('[role="alert"]')).toBeNull();
  },
};

/** Scoped to Paris (`departements="75"`): every structure of the département, paged. */
export const ManyResults: Story = {
  name: 'Many results (Paris)',
  render: () => html`<ess-directory feed=${FEED} departements="75"></ess-directory>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    const structures: { address?: { cog?: { departement?: string } } }[] = await (
      await fetch('/feed/structures.json')
    ).json();
    const paris = structures.filter((s) => s.address?.cog?.departement === '75').length;
    expect(paris).toBeGreaterThan(20);
    await waitFor(
      () => expect(numberIn(root.querySelector('[part="count"]')?.textContent)).toBe(paris),
      LOAD,
    );
    expect(cards(root)).toHaveLength(20);
    expect(root.querySelector('[part="pagination"]')).not.toBeNull();
  },
};

/** A card opened: the detail view of that structure, selected in the page's store. */
export const SelectedDetail: Story = {
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

/** The same directory in English (a `lang="en"` wrapper). */
export const English: Story = {
  render: () => html`<div lang="en"><ess-directory feed=${FEED}></ess-directory></div>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => expect(cards(root)).toHaveLength(20), LOAD);
    expect(root.querySelector('[part="count"]')).toHaveTextContent(/organisations found$/);
    expect(root.querySelector('#results-heading')).toHaveTextContent('Results');
  },
};

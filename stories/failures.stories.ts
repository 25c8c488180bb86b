import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { FeedStore } from '@essaim/sdk';
import { createFeedStore } from '@essaim/sdk';
import '../packages/elements/src/define/ess-feed.ts';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-agenda.ts';
import '../packages/elements/src/define/ess-orientation.ts';
import '../packages/elements/src/define/ess-map.ts';
import { feedUrl, partFailingFetch, shadowOf, staleInvalidStore, storeWithFetch } from './support.ts';

// The failure states every component shares (issue 13): a part of the feed that fails is named with its
// reason and "Réessayer", never shown as an empty result; an old copy is shown with its date; rejected
// records are counted. On the embedded feed (real data), one file made to fail.
const meta: Meta = { title: 'States/Failures' };
export default meta;
type Story = StoryObj;

const LOAD = { timeout: 20000 };
const busy = () => new Response('Service Unavailable', { status: 503 });
const html200 = () =>
  new Response('<!doctype html><h1>Maintenance</h1>', { headers: { 'content-type': 'text/html' } });

/** The alert of `tag`, once it says `text`; and no "no result" anywhere. */
async function expectFailure(canvas: HTMLElement, tag: string, text: string) {
  const root = shadowOf(canvas, tag);
  await waitFor(() => {
    const alert = root.querySelector('[part="error"]');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent(text);
    expect(alert?.querySelector('button')).toHaveTextContent('Réessayer');
  }, LOAD);
  expect(root.textContent).not.toMatch(/Aucun résultat|Aucune structure|Aucun évènement/);
}

/** `structures.json` answers 503: the directory names the failure. */
export const DirectoryServerError: Story = {
  name: 'Directory: structures part, server error',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(partFailingFetch('structures.json', busy))}><ess-directory></ess-directory></ess-feed>`,
  play: ({ canvasElement }) =>
    expectFailure(
      canvasElement,
      'ess-directory',
      'Les structures n’ont pas pu être chargées (erreur du serveur).',
    ),
};

/** `events.json` answers an HTML page with status 200: the agenda says the file is unreadable. */
export const AgendaInvalidFile: Story = {
  name: 'Agenda: events part, unreadable file',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(partFailingFetch('events.json', html200))}><ess-agenda reference-date="2026-03-18"></ess-agenda></ess-feed>`,
  play: ({ canvasElement }) =>
    expectFailure(
      canvasElement,
      'ess-agenda',
      'Les évènements n’ont pas pu être chargés (fichier illisible).',
    ),
};

/** `structures.json` answers 503: the orientation names the failure instead of finding nothing. */
export const OrientationServerError: Story = {
  name: 'Orientation: structures part, server error',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(partFailingFetch('structures.json', busy))}><ess-orientation></ess-orientation></ess-feed>`,
  play: ({ canvasElement }) =>
    expectFailure(
      canvasElement,
      'ess-orientation',
      'Les structures n’ont pas pu être chargées (erreur du serveur).',
    ),
};

/** `structures.json` answers 503: the map names the failure instead of "none in this area". */
export const MapServerError: Story = {
  name: 'Map: structures part, server error',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(partFailingFetch('structures.json', busy))}><ess-map style="block-size: 300px"></ess-map></ess-feed>`,
  play: ({ canvasElement }) =>
    expectFailure(canvasElement, 'ess-map', 'Les structures n’ont pas pu être chargées (erreur du serveur).'),
};

/** A good copy from three days ago, and today an error document for the structures: the copy stays. */
export const DirectoryStaleInvalid: Story = {
  name: 'Directory: last good copy, unreadable update',
  loaders: [async () => ({ store: await staleInvalidStore() })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(() => {
      const notice = root.querySelector('[part="stale"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent(
        /^Les structures n’ont pas pu être mises à jour \(fichier illisible\) : données du .* affichées\./,
      );
      expect(notice).not.toHaveTextContent('Hors ligne');
    }, LOAD);
    await waitFor(() => expect(root.querySelectorAll('[part~="card"]').length).toBeGreaterThan(0), LOAD);
  },
};

/** Twelve real records made invalid (their name emptied, a fixture): a discreet notice counts them. */
export const DirectoryRejected: Story = {
  name: 'Directory: rejected records',
  loaders: [
    async () => {
      const manifest = await (await fetch(feedUrl())).json();
      manifest.parts.structures = { url: 'structures.json' };
      const records = await (await fetch(new URL('structures.json', feedUrl()))).json();
      const broken = records.map((r: Record<string, unknown>, i: number) =>
        i < 12 ? { ...r, name: '' } : r,
      );
      const store = createFeedStore({
        feed: feedUrl(),
        clientOptions: {
          cache: false,
          fetch: async (input, init) => {
            const url = new URL(input instanceof Request ? input.url : String(input));
            if (url.pathname.endsWith('/manifest.json')) return Response.json(manifest);
            if (url.pathname.endsWith('/structures.json')) return Response.json(broken);
            return fetch(input, init); // the other parts as served (their sha256 still match)
          },
        },
      });
      return { store };
    },
  ],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-directory></ess-directory></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-directory');
    await waitFor(
      () =>
        expect(root.querySelector('[part="rejected"]')).toHaveTextContent(
          '12 fiches n’ont pas pu être affichées',
        ),
      LOAD,
    );
  },
};

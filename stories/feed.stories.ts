import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../packages/elements/src/define/ess-agenda.ts';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-feed.ts';
import type { EssFeed } from '../packages/elements/src/feed/ess-feed.ts';
import { FEED, numberIn, shadowOf } from './support.ts';

const LOAD = { timeout: 15000 };

// `<ess-feed>` loads one feed and shares it, with one search, with every Essaim element inside it:
// the page downloads the feed once, and a search typed in the directory filters the map beside it.
// It draws nothing itself (`display: contents`). Its `src` attribute is in the Controls panel.
// (The Docs page shows the component's own JSDoc, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/ess-feed',
  component: 'ess-feed',
  args: { src: FEED },
  render: ({ src }) => html`<ess-feed src=${src}>
    <ess-directory page-size="5" heading="Structures"></ess-directory>
    <ess-agenda reference-date="2026-03-01" heading="Agenda"></ess-agenda>
  </ess-feed>`,
};
export default meta;
type Story = StoryObj;

/** A directory and an agenda in one `<ess-feed>`: one store, one download, both rendered from it. */
export const SharedFeed: Story = {
  name: 'One feed, two widgets',
  play: async ({ canvasElement }) => {
    const feed = canvasElement.querySelector<EssFeed>('ess-feed')!;
    const dir = canvasElement.querySelector('ess-directory')!;
    const agenda = canvasElement.querySelector('ess-agenda')!;
    const dirRoot = shadowOf(canvasElement, 'ess-directory');
    const agendaRoot = shadowOf(canvasElement, 'ess-agenda');
    await waitFor(() => expect(feed.store?.getState().status).toBe('ready'), LOAD);
    expect(dir.store).toBe(feed.store);
    expect(agenda.store).toBe(feed.store);
    await waitFor(() => expect(dirRoot.querySelectorAll('[part~="card"]')).toHaveLength(5), LOAD);
    await waitFor(
      () => expect(numberIn(agendaRoot.querySelector('[part="count"]')?.textContent)).toBeGreaterThan(0),
      LOAD,
    );
    // `display: contents`: the feed element takes no room of its own in the page's layout
    expect(getComputedStyle(feed).display).toBe('contents');
  },
};

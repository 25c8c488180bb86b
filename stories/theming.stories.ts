import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../packages/elements/src/define/ess-directory.ts';
import '../packages/elements/src/define/ess-feed.ts';
import '../packages/elements/src/define/ess-orientation.ts';
import dsfrTheme from '../packages/elements/themes/dsfr.css?inline';
import { FEED, shadowOf } from './support.ts';

/**
 * Theming: the widgets take the page's look through `--ess-*` custom properties (set on any ancestor)
 * and `::part()` rules, without `!important`: all their own styles sit in the `essaim` cascade layer.
 *
 * - **Default**: the built-in theme; it follows the visitor's `prefers-color-scheme`.
 * - **DSFR**: `themes/dsfr.css` (`<link rel="stylesheet" href="…/@essaim/elements/themes/dsfr.css">`):
 *   blue France, Marianne when the page has it, the DSFR focus ring, and the look of the DSFR's own
 *   components (grey fields with a 2px underline, square buttons, 24px checkboxes, `fr-card` frames,
 *   `fr-tabs`); dark with `data-fr-theme="dark"`.
 * - **Dark**: `--ess-color-scheme: dark` pins the dark scheme (`light` pins the light one).
 * - **Host page restyle**: a page's own tokens and `::part()` rules.
 *
 * The global tokens and each element's parts are listed in its Docs page (from custom-elements.json).
 */
const meta: Meta = {
  title: 'Theming',
  parameters: { layout: 'fullscreen' },
};
export default meta;
type Story = StoryObj;

const LOAD = { timeout: 15000 };

const widgets = () => html`<ess-feed src=${FEED}>
  <ess-directory heading="Annuaire" page-size="5"></ess-directory>
  <ess-orientation></ess-orientation>
</ess-feed>`;

const firstCardButton = async (canvas: HTMLElement): Promise<HTMLElement> => {
  const root = shadowOf(canvas, 'ess-directory');
  await waitFor(() => expect(root.querySelector('.card-button')).not.toBeNull(), LOAD);
  return root.querySelector<HTMLElement>('.card-button')!;
};

const css = (el: Element, prop: string) => getComputedStyle(el).getPropertyValue(prop);

/** Adds the DSFR theme to the page (and `data-fr-theme` when asked) for one story, then removes it. */
function withDsfr(theme?: 'dark') {
  return () => {
    const style = document.createElement('style');
    style.dataset.essaimStory = 'dsfr';
    style.textContent = dsfrTheme;
    document.head.append(style);
    if (theme) document.documentElement.setAttribute('data-fr-theme', theme);
    return () => {
      style.remove();
      document.documentElement.removeAttribute('data-fr-theme');
    };
  };
}

/** The built-in theme, as a page gets it without any stylesheet. */
export const Default: Story = {
  render: () => html`<div style="padding: 1rem">${widgets()}</div>`,
  play: async ({ canvasElement }) => {
    const button = await firstCardButton(canvasElement);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(css(button, 'color')).toBe(dark ? 'rgb(133, 133, 246)' : 'rgb(0, 0, 145)');
  },
};

/** A DSFR page: the widgets take its tokens, its font, its focus ring and its components' look. */
export const DSFR: Story = {
  beforeEach: withDsfr(),
  render: () => html`<div style="padding: 1rem; font-family: Marianne, arial, sans-serif">${widgets()}</div>`,
  play: async ({ canvasElement }) => {
    const button = await firstCardButton(canvasElement);
    expect(css(button, 'color')).toBe('rgb(0, 0, 145)');
    const directory = canvasElement.querySelector('ess-directory')!;
    expect(css(directory, 'font-family')).toMatch(/^Marianne/);
    // fr-input: grey, a 2px underline, the top corners rounded; fr-btn: square
    const search = shadowOf(canvasElement, 'ess-directory').querySelector('input[type="search"]')!;
    expect(css(search, 'background-color')).toBe('rgb(238, 238, 238)');
    expect(css(search, 'box-shadow')).toBe('rgb(58, 58, 58) 0px -2px 0px 0px inset');
    expect(css(search, 'border-bottom-left-radius')).toBe('0px');
    const toggle = shadowOf(canvasElement, 'ess-directory').querySelector('button')!;
    expect(css(toggle, 'border-top-left-radius')).toBe('0px');
  },
};

/** A DSFR page in its dark theme (`data-fr-theme="dark"` on `<html>`, set by the DSFR's script). */
export const DSFRDark: Story = {
  name: 'DSFR, dark',
  beforeEach: withDsfr('dark'),
  render: () => html`<div style="padding: 1rem; background: #161616">${widgets()}</div>`,
  play: async ({ canvasElement }) => {
    const button = await firstCardButton(canvasElement);
    expect(css(button, 'color')).toBe('rgb(133, 133, 246)');
    expect(css(canvasElement.querySelector('ess-directory')!, 'background-color')).toBe('rgb(22, 22, 22)');
  },
};

/** The dark scheme, pinned by the page (`--ess-color-scheme: dark`) whatever the visitor's setting. */
export const Dark: Story = {
  render: () =>
    html`<div style="padding: 1rem; background: #101010; --ess-color-scheme: dark">${widgets()}</div>`,
  play: async ({ canvasElement }) => {
    const button = await firstCardButton(canvasElement);
    expect(css(button, 'color')).toBe('rgb(133, 133, 246)');
    expect(css(canvasElement.querySelector('ess-directory')!, 'background-color')).toBe('rgb(22, 22, 22)');
  },
};

/**
 * A host page restyles the widgets with its own tokens and `::part()` rules (plain rules: no
 * `!important`, they win over the widgets' `essaim` layer).
 */
export const HostPageRestyle: Story = {
  name: 'Host page restyle',
  render: () => html`
    <style>
      .commune-page {
        --ess-color-scheme: light;
        --ess-color-primary: #6a1b9a;
        --ess-color-surface: #fffdf7;
        --ess-color-surface-alt: #f6effa;
        --ess-color-focus: #c2185b;
        --ess-focus-width: 3px;
        --ess-radius: 0.75rem;
        --ess-font-family: Georgia, 'Times New Roman', serif;
        padding: 1rem;
        background: #fffdf7;
      }
      .commune-page ess-directory::part(heading),
      .commune-page ess-orientation::part(heading) {
        font-size: 1.25rem;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: #4a148c;
      }
      .commune-page ess-directory::part(card),
      .commune-page ess-orientation::part(card) {
        border-inline-start-width: 8px;
        box-shadow: 0 1px 3px rgb(0 0 0 / 0.2);
      }
      .commune-page ess-directory::part(count) {
        font-style: italic;
      }
    </style>
    <div class="commune-page">${widgets()}</div>
  `,
  play: async ({ canvasElement }) => {
    const button = await firstCardButton(canvasElement);
    expect(css(button, 'color')).toBe('rgb(106, 27, 154)');
    const root = shadowOf(canvasElement, 'ess-directory');
    const card = root.querySelector('[part~="card"]')!;
    expect(css(card, 'border-left-width')).toBe('8px');
    expect(css(card, 'border-top-left-radius')).toBe('12px');
    expect(css(root.querySelector('[part="heading"]')!, 'text-transform')).toBe('uppercase');
  },
};

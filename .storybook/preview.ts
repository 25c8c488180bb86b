import {
  type Preview,
  setCustomElementsManifest,
  type WebComponentsRenderer,
} from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ArgsStoryFn, ArgTypesEnhancer } from 'storybook/internal/types';
import manifest from 'virtual:essaim/custom-elements';
// maplibre-gl's worker, at a URL Storybook's Vite serves or emits (Vite re-chunks maplibre, so the
// worker file it looks for beside itself is not there): `define/ess-map.ts`
// only does this under the dev server, and the static build needs it too.
import '../packages/elements/src/map/setup-worker.ts';

// Controls, and the attributes / properties / events / parts / CSS properties tables, from the
// components' JSDoc (custom-elements.json, see custom-elements.ts).
setCustomElementsManifest(manifest);

const kebab = (s: string) => s.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());

/**
 * The default story: the story's `component` with its args, as a page would write it. An attribute
 * of the element is set as an attribute (`basemap-style`, `departements`…), `--ess-*` as a CSS custom
 * property, an `onEssSelect` action as an `ess-select` listener (the Actions panel), anything else as a
 * property (`.store`).
 */
const renderFromArgs: ArgsStoryFn<WebComponentsRenderer> = (args, { component }) => {
  if (typeof component !== 'string') throw new Error('A story without `render` needs `component`.');
  const el = document.createElement(component);
  const attributes: string[] =
    (customElements.get(component) as { observedAttributes?: string[] } | undefined)?.observedAttributes ??
    [];
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null || value === '') continue;
    if (key.startsWith('--')) el.style.setProperty(key, String(value));
    else if (typeof value === 'function' && /^on[A-Z]/.test(key))
      el.addEventListener(kebab(key.slice(2)), value as EventListener);
    else if (attributes.includes(key)) {
      if (typeof value === 'boolean') el.toggleAttribute(key, value);
      else el.setAttribute(key, String(value));
    } else (el as unknown as Record<string, unknown>)[key] = value;
  }
  return el;
};

/**
 * Controls that do something: a text (or colour) field for each `--ess-*` custom property (set on the
 * element, see above); none for parts, slots and events, which are reference rows of the Docs table
 * (events are logged in the Actions panel).
 */
const cssControls: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      if (category === 'css custom properties')
        return [
          name,
          { ...argType, control: { type: /^--ess-color-(?!scheme)/.test(name) ? 'color' : 'text' } },
        ];
      if (['css shadow parts', 'slots', 'events'].includes(String(category)))
        return [name, { ...argType, control: false }];
      return [name, argType];
    }),
  ) as typeof argTypes;

const preview: Preview = {
  argTypesEnhancers: [cssControls],
  render: renderFromArgs,
  // A Docs page for every component (addon-docs), first in its section of the sidebar.
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    // axe (addon-a11y) on every story; 'error': a violation fails the story's test (vitest.config.ts).
    a11y: { test: 'error' },
  },
  globalTypes: {
    lang: {
      description: 'Language of the elements (nearest `lang` attribute)',
      toolbar: {
        title: 'Langue',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'fr' },
  // The elements read their language from the nearest `lang` attribute; a story may set its own inside.
  decorators: [
    (story, { globals }) => html`<div lang=${globals.lang === 'en' ? 'en' : 'fr'}>${story()}</div>`,
  ],
};
export default preview;

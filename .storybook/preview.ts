import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
// maplibre-gl's worker, at a URL Storybook's Vite serves or emits (TOOLCHAIN G6): `define/ess-map.ts`
// only does this under the dev server, and the static build needs it too (kept in the build by the
// `keepWorkerSetup` plugin of main.ts).
import '../packages/elements/src/map/setup-worker.ts';

const preview: Preview = {
  parameters: { layout: 'padded' },
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

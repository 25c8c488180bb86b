import type { StorybookConfig } from '@storybook/web-components-vite';
import { customElementsManifest } from './custom-elements.ts';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  // The embedded demo feed, served at /feed/ (stories load /feed/manifest.json: real data only).
  staticDirs: [{ from: '../data/feed', to: '/feed' }],
  // addon-docs: a Docs page per component (its JSDoc summary, and the attributes / properties / events /
  // parts / CSS custom properties table from custom-elements.json). addon-a11y: axe on every story (the
  // Accessibility panel; a violation fails the story's test, see preview.ts). addon-vitest: the story
  // tests (vitest.config.ts), also runnable from `pnpm storybook`.
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Offline builds: no telemetry (it costs 6–7 s per build with the network closed).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // custom-elements.json for the controls (generated if missing or stale; also applied by the story tests).
  viteFinal: (vite) => ({ ...vite, plugins: [...(vite.plugins ?? []), customElementsManifest()] }),
};
export default config;

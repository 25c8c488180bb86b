import type { StorybookConfig } from '@storybook/web-components-vite';
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  // The embedded demo feed, served at /feed/ (stories load /feed/manifest.json: real data only).
  staticDirs: [{ from: '../data/feed', to: '/feed' }],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Offline builds: no telemetry (it costs 6–7 s per build with the network closed, TOOLCHAIN G14).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};
export default config;

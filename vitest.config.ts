// Every story of stories/*.stories.ts run as a test (Storybook's Vitest addon) in Debian's Chromium,
// headless: the story renders, its `play` function's assertions run, then axe checks the rendered
// story (addon-a11y, `parameters.a11y.test = 'error'` in .storybook/preview.ts: a violation fails).
// `pnpm test:stories`, or `pnpm test stories` (counts added to the suite's total).
// One file while iterating: `pnpm test:stories stories/map.stories.ts`.
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
// The same browser and flags as the @web/test-runner tests (scripts/chromium.mjs; SwiftShader WebGL for the map).
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          // Stories load and index the whole embedded feed; the map waits for WebGL on the CPU.
          testTimeout: 60000,
          hookTimeout: 60000,
          // One story file at a time: 2 cores, and MapLibre's SwiftShader rendering is CPU-bound.
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: chromiumLaunchOptions,
            }),
            instances: [{ browser: 'chromium' }],
            viewport: { width: 1024, height: 768 },
          },
        },
      },
    ],
  },
});

// @web/test-runner: the same test files run in Debian's Chromium (real browser), TypeScript through esbuild.
// CHROMIUM_PATH overrides the browser; WTR_SUMMARY names a file where the counts are written for scripts/test.mjs.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

// Vite's `import css from 'x.css?inline'` served as a JS string module (WTR does not know Vite queries).
const cssInline = {
  name: 'css-inline',
  resolveMimeType(ctx) {
    if (ctx.path.endsWith('.css') && ctx.URL.searchParams.has('inline')) return 'js';
  },
  transform(ctx) {
    if (ctx.path.endsWith('.css') && ctx.URL.searchParams.has('inline')) {
      return { body: `export default ${JSON.stringify(ctx.body)};` };
    }
  },
};

/** Counts results; a test file that failed to load counts as one failure. */
function summaryReporter() {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const t of suite.tests) t.skipped ? skipped++ : t.passed ? passed++ : failed++;
        suite.suites.forEach(walk);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults);
        if (!s.passed && (!s.testResults || s.errors.length)) failed++;
      }
      const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
      if (process.env.WTR_SUMMARY)
        writeFileSync(process.env.WTR_SUMMARY, JSON.stringify({ passed, failed, skipped }));
      else process.once('exit', () => process.stdout.write(`${line}\n`));
    },
  };
}

export default {
  rootDir: '.',
  files: ['packages/*/test/**/*.test.ts', '!packages/*/test/**/*.node.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  // The whole run (21 files, 4 of them with several maps each) takes about 5 minutes on a loaded 2-core machine.
  testsFinishTimeout: 600000,
  testFramework: { config: { timeout: 20000 } },
  reporters: [defaultReporter(), summaryReporter()],
  plugins: [cssInline, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};

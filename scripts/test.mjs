#!/usr/bin/env node
// The whole test suite, as CI runs it: lint + format check, type check, the one-script-tag build checked
// end to end and against its size limits, then in Chromium, Firefox and WebKit, the tests in Node (mocha) and in real Chromium (@web/test-runner),
// and every Storybook story in Chromium with axe (Storybook's Vitest addon).
// Ends with one plain line: "N passed, N failed, N skipped" (each failing check counts as one failure).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2); // e.g. `pnpm test node` or `pnpm test browser`
const want = (name) => only.length === 0 || only.includes(name);
const dir = mkdtempSync(join(tmpdir(), 'essaim-test-'));
const total = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n── ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}
function check(name, cmd, args) {
  if (!want(name)) return;
  if (run(name, cmd, args)) total.passed++;
  else {
    total.failed++;
    failures.push(name);
  }
}
// A runner's counts, from its summary file: { passed, failed, skipped }, or Vitest's JSON report.
const summary = (r) =>
  'numTotalTests' in r
    ? { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }
    : r;
// `args` may be a function of the summary file, for a runner that takes it on its command line.
function suite(name, cmd, args, envVar) {
  if (!want(name)) return;
  const file = join(dir, `${name}.json`);
  const ok = run(name, cmd, typeof args === 'function' ? args(file) : args, envVar ? { [envVar]: file } : {});
  const counts = existsSync(file)
    ? summary(JSON.parse(readFileSync(file, 'utf8')))
    : { passed: 0, failed: 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
  for (const k of Object.keys(total)) total[k] += counts[k];
  if (counts.failed) failures.push(name);
}

const bin = (b) => join('node_modules', '.bin', b);
check('lint', bin('biome'), ['check', '.']);
check('typecheck', bin('tsc'), ['-p', 'tsconfig.json']);
check('storybook', bin('storybook'), ['build', '-o', 'storybook-static', '--quiet']);
// The one-script-tag build, end to end under a strict CSP (builds packages/elements/dist/cdn), then its size.
check('cdn', process.execPath, ['scripts/check-cdn.mjs']);
// Fault injection: a misbehaving loopback server; the visitor sees each failure named, and the widget recovers.
check('faults', process.execPath, ['scripts/check-faults.mjs']);
check('size', process.execPath, ['scripts/check-size.mjs']);
// The same build in Chromium, Firefox ESR and WebKitGTK: every widget's main journey (the map without
// WebGL in headless Firefox). Reuses the `cdn` check's build when that ran.
suite(
  'engines',
  process.execPath,
  ['scripts/check-engines.mjs', ...(want('cdn') ? ['--no-build'] : [])],
  'ENGINES_SUMMARY',
);
// The npm tarballs hold what the README promises and work for a consumer (builds the three packages).
check('pack', process.execPath, ['scripts/check-pack.mjs']);
// Adopters' apps (Vite vanilla beside the app's own MapLibre, webpack 5) installing the packed tarballs
// with npm, built with their own command, the map drawing its clusters in Chromium. Reuses pack's build.
check('frameworks', process.execPath, [
  'scripts/check-frameworks.mjs',
  ...(want('pack') ? ['--no-build'] : []),
]);
// The React, Vue and WordPress/Drupal examples: typed (tsc, vue-tsc), built (Vite), rendered in Chromium.
check('demos', process.execPath, ['scripts/check-demos.mjs']);
// docs/reference.md regenerated from custom-elements.json must equal the committed one.
check('reference', process.execPath, ['scripts/gen-reference.mjs', '--check']);
// The elements' typed event maps (types/events.ts) regenerated from custom-elements.json must be the same.
check('event-types', process.execPath, ['scripts/gen-event-types.mjs', '--check', '--no-cem']);
suite('node', bin('mocha'), ['--reporter', './scripts/mocha-summary-reporter.cjs'], 'MOCHA_SUMMARY');
suite('browser', bin('wtr'), ['--config', 'web-test-runner.config.mjs'], 'WTR_SUMMARY');
// Every story rendered in Chromium, its play function run, then checked with axe (vitest.config.ts).
suite('stories', bin('vitest'), (file) => [
  'run',
  '--project=storybook',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${file}`,
]);

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed ? 1 : 0;

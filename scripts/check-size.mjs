#!/usr/bin/env node
// Fails (exit 1) when the one-script-tag build grows over the limits of scripts/size-limit.json:
// the static sizes (scripts/bench/bundle-size.ts) and the JavaScript each widget loads before its first
// content in Chromium (scripts/bench/first-render.ts).
// Usage: node scripts/check-size.mjs [--build]   (builds packages/elements/dist/cdn when missing)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const limits = JSON.parse(readFileSync(new URL('./size-limit.json', import.meta.url), 'utf8'));
const tsx = (script, ...args) =>
  JSON.parse(
    execFileSync('node_modules/.bin/tsx', [script, '--json', ...args], { cwd: root, encoding: 'utf8' }),
  );
const sizes = tsx('scripts/bench/bundle-size.ts', ...(process.argv.includes('--build') ? ['--build'] : []));
const measured = {
  directoryClosure: sizes.directoryGzip,
  mapGzip: sizes.mapGzip,
};
for (const r of tsx('scripts/bench/first-render.ts')) measured[`${r.widget}FirstRender`] = r.gzip;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
for (const key of Object.keys(limits).filter((k) => !k.startsWith('$'))) {
  const ok = measured[key] !== undefined && measured[key] <= limits[key];
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${key}: ${measured[key] === undefined ? 'not measured' : kb(measured[key])} (limit ${kb(limits[key])})`,
  );
}
if (failed) {
  console.error(
    'Bundle size over its limit: find what grew (bench --json lists the files) or, if intended, change scripts/size-limit.json.',
  );
  process.exit(1);
}

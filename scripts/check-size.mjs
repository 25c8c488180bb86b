#!/usr/bin/env node
// Fails (exit 1) when the one-script-tag build grows over the limits of scripts/size-limit.json.
// Usage: node scripts/check-size.mjs [--build]   (builds packages/elements/dist/cdn when missing)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const limits = JSON.parse(readFileSync(new URL('./size-limit.json', import.meta.url), 'utf8'));
const args = [
  'scripts/bench/bundle-size.ts',
  '--json',
  ...(process.argv.includes('--build') ? ['--build'] : []),
];
const sizes = JSON.parse(execFileSync('node_modules/.bin/tsx', args, { cwd: root, encoding: 'utf8' }));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
for (const key of ['directoryGzip', 'mapGzip']) {
  const ok = sizes[key] <= limits[key];
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${key}: ${kb(sizes[key])} (limit ${kb(limits[key])})`);
}
if (failed) {
  console.error(
    'Bundle size over its limit: find what grew (see --json file lists) or, if intended, raise scripts/size-limit.json.',
  );
  process.exit(1);
}

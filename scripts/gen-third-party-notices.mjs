#!/usr/bin/env node
// Writes THIRD-PARTY-NOTICES into a build's output folder: for every npm package whose code (or data) is
// bundled into that folder's JavaScript, its name, version, licence (SPDX, from its package.json), where
// it comes from, and the full text of its licence file(s). "Bundled" is read from the build's source
// maps (each `sources` path under node_modules/<package>/), so it follows what the bundler really put in,
// not what package.json lists; packages left external (installed beside ours by npm) are not in it.
// The project's own packages (@essaim/*) are under the project's LICENSE and are skipped.
//
// Usage: node scripts/gen-third-party-notices.mjs <dist-folder> [--title "…"] [--check]
//   --check: exit 1 if the folder has no maps to read (a build without source maps would write an empty
//            notice and silently drop the licences).
// Exit code 1 when a bundled package has no licence file and no SPDX licence (named on stderr).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '');
const titleAt = args.indexOf('--title');
const title = titleAt >= 0 ? args[titleAt + 1] : 'Essaim';
if (!existsSync(dir)) {
  console.error(`gen-third-party-notices: no such folder ${dir}`);
  process.exit(1);
}

/** Every *.js.map / *.mjs.map under the folder. */
function maps(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return maps(path);
    return /\.m?js\.map$/.test(name) ? [path] : [];
  });
}
const mapFiles = maps(dir);
if (mapFiles.length === 0) {
  console.error(`gen-third-party-notices: no source maps in ${dir}: cannot tell what is bundled`);
  process.exit(1);
}

/** node_modules/<name>/ (or node_modules/@scope/<name>/) root folders of the bundled sources. */
const roots = new Map();
for (const file of mapFiles) {
  const { sources = [], sourceRoot = '' } = JSON.parse(readFileSync(file, 'utf8'));
  for (const source of sources) {
    const abs = resolve(dirname(file), sourceRoot, source.replace(/^[a-z]+:\/\/\/?/i, '/'));
    const m = abs.match(/^(.*[\\/]node_modules[\\/])((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/);
    if (!m) continue;
    const root = m[1] + m[2];
    if (!roots.has(root)) roots.set(root, m[2].replace(/\\/g, '/'));
  }
}

// A package may ship a prebuilt bundle that already contains its own dependencies (MapLibre's
// dist/maplibre-gl.mjs imports nothing): the source maps then show the package alone. Its `dependencies`
// (types aside) are added too, found the way Node would (node_modules folders up from the package).
function findPackage(from, name) {
  for (let d = from; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}
const inside = new Map();
for (const [root, name] of [...roots]) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = join(root, pkg.module ?? pkg.main ?? 'index.js');
  const selfContained =
    existsSync(entry) &&
    !/^\s*import\s|\bimport\s*[{*\w][^;]*?from\s*["'][^."']/m.test(readFileSync(entry, 'utf8'));
  if (!selfContained) continue;
  const queue = Object.keys(pkg.dependencies ?? {}).map((d) => [d, root]);
  while (queue.length) {
    const [dep, from] = queue.shift();
    if (dep.startsWith('@types/')) continue;
    const found = findPackage(from, dep);
    if (!found || roots.has(found)) continue;
    roots.set(found, dep);
    inside.set(found, name);
    const sub = JSON.parse(readFileSync(join(found, 'package.json'), 'utf8'));
    for (const d of Object.keys(sub.dependencies ?? {})) queue.push([d, found]);
  }
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;
const entries = [];
const problems = [];
for (const [root, name] of roots) {
  if (name.startsWith('@essaim/')) continue;
  const pkgFile = join(root, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? '');
  const texts = readdirSync(root)
    .filter((f) => LICENCE_FILE.test(f) && statSync(join(root, f)).isFile())
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(root, f), 'utf8').trim() }));
  if (!texts.length && !license)
    problems.push(`${name}@${pkg.version}: no licence file and no licence field`);
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const via = inside.get(root);
  entries.push({ name, version: pkg.version, license, homepage: pkg.homepage ?? repo ?? '', texts, via });
}
entries.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));

const rule = '-'.repeat(78);
const out = [
  `THIRD-PARTY NOTICES — ${title}`,
  '',
  'The JavaScript in this folder bundles the following open-source packages (read from the build’s source',
  'maps by scripts/gen-third-party-notices.mjs). Each keeps its own licence, reproduced in full below;',
  'their licence banners are also kept in the code. The rest is Essaim’s own code, under the MIT licence',
  '(LICENSE). Data shipped with Essaim has its own licences (LICENCE-DONNEES.md, NOTICE.md).',
  '',
  ...entries.map(
    (e) =>
      `- ${e.name} ${e.version} — ${e.license || 'see its licence text'}${e.via ? ` (a dependency of ${e.via}, whose prebuilt file includes its dependencies)` : ''}`,
  ),
  '',
  ...entries.flatMap((e) => [
    rule,
    `${e.name} ${e.version}${e.license ? ` — ${e.license}` : ''}`,
    ...(e.homepage ? [e.homepage] : []),
    '',
    ...(e.texts.length
      ? e.texts.flatMap((t) => [`(${t.file})`, t.text, ''])
      : [`No licence file in the package; its package.json says: ${e.license}.`, '']),
  ]),
].join('\n');
writeFileSync(join(dir, 'THIRD-PARTY-NOTICES'), `${out.trimEnd()}\n`);
console.log(
  `THIRD-PARTY-NOTICES in ${dir}: ${entries.map((e) => `${e.name}@${e.version} (${e.license})`).join(', ') || 'no bundled package'}`,
);
if (problems.length) {
  console.error(`gen-third-party-notices: licence missing:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

#!/usr/bin/env node
// What npm users get: builds the four packages (@essaim/sdk, essaim, @essaim/elements, @essaim/cdn), packs
// each with `pnpm pack` (which applies `publishConfig`: exports to dist/) into a temporary folder, and
// checks the tarballs —
//
// 1. every entry point the package.json names (exports, bin, types, unpkg/jsdelivr) is in the tarball;
// 2. what the README promises is there: README, CHANGELOG, LICENSE (and the data licences), declaration
//    files, custom-elements.json, the themes, MapLibre's worker, the one-script-tag build with its
//    embedded feed (in @essaim/cdn only), a THIRD-PARTY-NOTICES that names the libraries each build
//    bundles and no copyleft licence in a browser build; `engines` and ranged dependencies;
// 3. nothing from the sources, tests, fixtures, stories or scripts, no source maps, no `workspace:` range;
// 4. a consumer with only the tarballs (and their dependencies) can use them on this Node (20.19+, no
//    TypeScript): the SDK loads and validates the embedded feed over HTTP, the places module answers,
//    `require()` works too, the CLI validates a feed; TypeScript (moduleResolution node16 and bundler)
//    resolves every entry's types, React's JSX and the DOM typings included; Vite builds a page per
//    `define/<tag>.js`, each page's initial JavaScript within its widget's budget, MapLibre left lazy.
//
// Prints each tarball's packed and unpacked size and the Vite pages' gzip sizes.
// Usage: node scripts/check-pack.mjs [--no-build] [--keep]. Exit code 1 on failure.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = !process.argv.includes('--no-build');
const tmp = mkdtempSync(join(tmpdir(), 'check-pack-'));
const problems = [];
const fail = (pkg, text) => problems.push(`${pkg}: ${text}`);

/** Per package: the files its README and package.json promise, beyond the entry points. */
const PACKAGES = [
  {
    dir: 'packages/sdk',
    promised: [
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'NOTICE.md',
      'feed.schema.json',
      'dist/places.js',
      'dist/THIRD-PARTY-NOTICES',
    ],
  },
  {
    dir: 'packages/cli',
    promised: ['README.md', 'CHANGELOG.md', 'LICENSE', 'dist/bin.js', 'dist/THIRD-PARTY-NOTICES'],
  },
  {
    dir: 'packages/elements',
    promised: [
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'custom-elements.json',
      'vscode.html-custom-data.json',
      'dist/esm/essaim.js',
      'dist/esm/THIRD-PARTY-NOTICES',
      // MapLibre's worker beside the MapLibre chunk, found from it with new URL(…, import.meta.url).
      'dist/esm/chunks/maplibre-gl-worker.mjs',
      ...['ess-feed', 'ess-directory', 'ess-map', 'ess-agenda', 'ess-orientation'].flatMap((t) => [
        `dist/esm/define/${t}.js`,
        `dist/types/define/${t}.d.ts`,
      ]),
      // Every theme of the repository ships (themes/*.css).
      ...(existsSync(join(root, 'packages/elements/themes'))
        ? readdirSync(join(root, 'packages/elements/themes'))
            .filter((f) => f.endsWith('.css'))
            .map((f) => `themes/${f}`)
        : []),
    ],
    // Bundled (a private copy), so its licence must be in the notices.
    notices: ['maplibre-gl'],
  },
  {
    // The one-script-tag build, out of @essaim/elements so that a bundler install does not carry it.
    dir: 'packages/cdn',
    types: false,
    promised: [
      'README.md',
      'LICENSE',
      'dist/essaim.js',
      'dist/THIRD-PARTY-NOTICES',
      'dist/chunks/maplibre-gl-worker.mjs',
      'dist/feed/manifest.json',
      'dist/feed/structures.json',
      'dist/feed/LICENCE-DONNEES.md',
    ],
    notices: ['lit-html', 'lit-element', '@lit/reactive-element', 'maplibre-gl', 'rrule', 'zod'],
  },
];
/** Licences that must not reach a browser build (opening_hours, LGPL-3.0, is parsed at build time). */
const NOT_IN_BROWSER = /\bL?GPL|AGPL/;
/** Never in a tarball. */
const FORBIDDEN = [
  /^(src|test|tests|fixtures|stories|scripts|\.storybook)\//,
  /(^|\/)(test|tests|fixtures|__fixtures__|stories)\//,
  /\.(test|spec|stories)\.[cm]?[jt]sx?$/,
  /\.map$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /(^|\/)vite\.config\.[cm]?[jt]s$/,
  /(^|\/)custom-elements-manifest\.config\.mjs$/,
  /(^|\/)build-report\.json$/,
  /(^|\/)\.DS_Store$/,
];

for (const p of PACKAGES) {
  if (build) {
    console.log(`── build ${p.dir}`);
    execFileSync('pnpm', ['run', '--silent', 'build'], {
      cwd: join(root, p.dir),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', tmp], {
    cwd: join(root, p.dir),
    encoding: 'utf8',
  });
  const info = JSON.parse(out.slice(out.indexOf('{')));
  p.tarball = info.filename;
  p.files = execFileSync('tar', ['tzf', p.tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  p.manifest = JSON.parse(
    execFileSync('tar', ['xzf', p.tarball, '-O', 'package/package.json'], { encoding: 'utf8' }),
  );
}

/** Every string target in an exports/bin value (conditions flattened). */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

for (const p of PACKAGES) {
  const name = p.manifest.name;
  const files = new Set(p.files);
  const has = (target) => {
    const path = target.replace(/^\.\//, '');
    if (!path.includes('*')) return files.has(path);
    const [head, tail] = path.split('*');
    return p.files.some((f) => f.startsWith(head) && f.endsWith(tail));
  };
  const m = p.manifest;
  const entries = [
    ...targets(m.exports),
    ...targets(m.bin),
    ...[m.main, m.types, m.module, m.unpkg, m.jsdelivr].filter(Boolean),
  ];
  for (const t of entries) if (!has(t)) fail(name, `entry point ${t} is not in the tarball`);
  for (const t of targets(m.exports))
    if (/^\.\/src\//.test(t)) fail(name, `exports still point to the sources (${t}): publishConfig?`);
  for (const f of p.promised) if (!files.has(f)) fail(name, `${f} is missing`);
  if (p.types !== false && !p.files.some((f) => f.startsWith('dist/types/') && f.endsWith('.d.ts')))
    fail(name, 'no declaration files (dist/types)');
  // Third-party notices: every tarball has one; those that bundle libraries name them, with their licences.
  const noticeFile = p.files.find((f) => f.endsWith('THIRD-PARTY-NOTICES'));
  if (!noticeFile) fail(name, 'no THIRD-PARTY-NOTICES');
  else {
    const notice = execFileSync('tar', ['xzf', p.tarball, '-O', `package/${noticeFile}`], {
      encoding: 'utf8',
    });
    for (const dep of p.notices ?? [])
      if (!new RegExp(`^- ${dep.replace(/[/.]/g, '\\$&')} \\d`, 'm').test(notice))
        fail(name, `${noticeFile} does not list ${dep}, which the build bundles`);
    if (p.notices) {
      const banned = notice.split('\n').filter((l) => l.startsWith('- ') && NOT_IN_BROWSER.test(l));
      if (banned.length) fail(name, `copyleft code in a browser build: ${banned.join('; ')}`);
    }
    p.noticeCount = notice.split('\n').filter((l) => l.startsWith('- ')).length;
  }
  for (const f of p.files) if (FORBIDDEN.some((re) => re.test(f))) fail(name, `${f} should not be published`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const [dep, range] of Object.entries(m[field] ?? {}))
      if (String(range).startsWith('workspace:')) fail(name, `${field}.${dep} is still ${range}`);
  for (const field of ['license', 'repository', 'description', 'keywords', 'sideEffects'])
    if (m[field] === undefined) fail(name, `package.json has no "${field}"`);
  if (!m.engines?.node) fail(name, 'package.json has no "engines.node"');
  for (const [dep, range] of Object.entries(m.dependencies ?? {}))
    if (/^\d/.test(String(range))) fail(name, `dependencies.${dep} is pinned (${range}): use a range (^)`);
  const kb = Math.round(Number(execFileSync('stat', ['-c', '%s', p.tarball], { encoding: 'utf8' })) / 1024);
  const unpacked = execFileSync('tar', ['tzvf', p.tarball], { encoding: 'utf8' })
    .split('\n')
    .reduce((sum, line) => sum + (Number(line.trim().split(/\s+/)[2]) || 0), 0);
  console.log(
    `${name}@${m.version} (${m.license}): ${p.files.length} files, ${kb} KB packed, ` +
      `${(unpacked / 1024).toFixed(0)} KB unpacked; third-party notices: ${p.noticeCount ?? 0} packages`,
  );
}

// ── A consumer: the tarballs unpacked into node_modules, their dependencies linked from the workspace.
const app = join(tmp, 'app');
const nm = join(app, 'node_modules');
mkdirSync(nm, { recursive: true });
const packed = new Map(PACKAGES.map((p) => [p.manifest.name, p]));
for (const p of PACKAGES) {
  const dest = join(nm, p.manifest.name);
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['xzf', p.tarball, '-C', dest, '--strip-components=1']);
}
/** Links a dependency as the workspace resolved it for `fromDir` (its real folder in pnpm's store). */
function link(dep, fromDir) {
  const dest = join(nm, dep);
  if (packed.has(dep) || existsSync(dest)) return;
  const candidates = [join(root, fromDir, 'node_modules', dep), join(root, 'node_modules', dep)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) return fail('consumer', `cannot find ${dep} (needed by ${fromDir}) in the workspace`);
  mkdirSync(dirname(dest), { recursive: true });
  symlinkSync(realpathSync(found), dest, 'dir');
}
for (const p of PACKAGES)
  for (const field of ['dependencies', 'peerDependencies'])
    for (const dep of Object.keys(p.manifest[field] ?? {})) link(dep, p.dir);
// The libraries' own dependencies resolve from their real folders in pnpm's store (symlinked above).
// For the type and bundler checks: React's types and Vite.
for (const dep of ['@types/react', 'vite']) link(dep, '.');
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));

// Serves the repository's embedded feed, as a publisher's web server would.
const server = http.createServer(async (req, res) => {
  try {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const body = await readFile(join(root, 'data/feed', path));
    res.writeHead(200, { 'content-type': extname(path) === '.json' ? 'application/json' : 'text/plain' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const feedUrl = `http://127.0.0.1:${server.address().port}/manifest.json`;

/** Runs a step of the consumer; its output is shown on failure. */
function consumer(label, cmd, args, check = () => '') {
  const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  const problem = r.status !== 0 ? `exit code ${r.status}` : check(output);
  if (problem) fail('consumer', `${label}: ${problem}\n${output.split('\n').slice(0, 15).join('\n')}`);
  else console.log(`✓ consumer: ${label}${output ? ` → ${output.split('\n').at(-1)}` : ''}`);
}

const expected = JSON.parse(readFileSync(join(root, 'data/feed/structures.json'), 'utf8')).length;
writeFileSync(
  join(app, 'sdk.mjs'),
  `import { createClient, normalizeText } from '@essaim/sdk';
const client = createClient({ feed: ${JSON.stringify(feedUrl)}, cache: false });
const { feed } = await client.load();
const s = feed.report.parts.structures;
const { searchPlaces } = await import('@essaim/sdk/places');
const place = searchPlaces('saint etienne')[0]?.label;
console.log(JSON.stringify({ structures: feed.structures.length, received: s.received, accepted: s.accepted, place, norm: normalizeText('Économie') }));
`,
);
// The HTTP server lives in this process: run the consumer asynchronously.
const sdkRun = await new Promise((resolve) =>
  execFile(process.execPath, ['sdk.mjs'], { cwd: app, timeout: 120_000 }, (error, stdout, stderr) =>
    resolve({ error, stdout, stderr }),
  ),
);
server.close();
if (sdkRun.error)
  fail('consumer', `@essaim/sdk on Node ${process.version}: ${sdkRun.stderr || sdkRun.error.message}`);
else {
  const r = JSON.parse(sdkRun.stdout.trim().split('\n').at(-1));
  const ok =
    r.structures === expected &&
    r.accepted === r.received &&
    r.place?.startsWith('Saint-Étienne') &&
    r.norm === 'economie';
  if (!ok) fail('consumer', `@essaim/sdk gave ${sdkRun.stdout.trim()} (expected ${expected} structures)`);
  else console.log(`✓ consumer: @essaim/sdk on Node ${process.version} → ${sdkRun.stdout.trim()}`);
}

// require() of the ESM packages, where Node supports it (20.19+, 22.12+): the `default` export condition.
consumer('require("@essaim/sdk") and require("@essaim/sdk/places") (CommonJS)', process.execPath, [
  '-e',
  `const sdk = require('@essaim/sdk'); const places = require('@essaim/sdk/places');
if (typeof sdk.createClient !== 'function' || typeof places.searchPlaces !== 'function') throw new Error('missing exports');
console.log(Object.keys(sdk).length + ' exports from @essaim/sdk, ' + places.searchPlaces('lyon')[0].label);`,
]);

// A server (Next.js, Nuxt, Astro…) imports the elements' modules in plain Node, without any DOM shim:
// each define/<tag>.js and the autoloader must load there and do nothing.
consumer('the elements imported in plain Node (server side of a framework)', process.execPath, [
  '--input-type=module',
  '-e',
  `for (const t of ${JSON.stringify(['ess-feed', 'ess-directory', 'ess-map', 'ess-agenda', 'ess-orientation', 'ess-territoire'])})
  await import('@essaim/elements/define/' + t + '.js');
await import('@essaim/elements/essaim.js');
await import('@essaim/elements');
console.log('6 define/* entries, essaim.js and the classes imported: no error');`,
]);

const cli = join(nm, 'essaim', packed.get('essaim').manifest.bin.essaim);
consumer('essaim --version', process.execPath, [cli, '--version'], (out) =>
  out.includes(packed.get('essaim').manifest.version) ? '' : 'wrong version',
);
consumer('essaim validate data/feed', process.execPath, [
  cli,
  'validate',
  join(root, 'data/feed'),
  '--lang',
  'en',
]);

// TypeScript as a consumer sees the packages: Node's resolution (node16) and a bundler's.
writeFileSync(
  join(app, 'consumer.ts'),
  `import { createClient, type Structure } from '@essaim/sdk';
import { searchPlaces } from '@essaim/sdk/places';
import { EssDirectory, type EssElements } from '@essaim/elements';
import '@essaim/elements/define/ess-directory';
import type {} from '@essaim/elements/react';
import type { EssaimConfig } from 'essaim';

export const client = createClient({ feed: 'https://example.org/manifest.json' });
export const name = (s: Structure): string => s.name;
export const first = searchPlaces('lyon')[0]?.label;
export const config: Partial<EssaimConfig> = {};
const el = document.createElement('ess-directory');
el.pageSize = 5;
el.addEventListener('ess-select', (e) => e.detail.id.toUpperCase());
export const isClass: boolean = el instanceof EssDirectory;
// @ts-expect-error pageSize is a number
el.pageSize = 'five';
export const detail = (e: EssElements['ess-agenda']['events']['ess-event-open']): string => e.detail.start;
document.createElement('ess-map').addEventListener('ess-map-idle', (e) => e.detail);
`,
);
writeFileSync(
  join(app, 'App.tsx'),
  `import type {} from '@essaim/elements/react';
export const App = () => <ess-directory feed="https://example.org/manifest.json" page-size={10} oness-select={(e) => e.detail.id} />;
`,
);
const tsc = join(root, 'node_modules/.bin/tsc');
for (const resolution of ['node16', 'bundler'])
  consumer(`TypeScript, moduleResolution ${resolution}`, tsc, [
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--target',
    'es2022',
    '--lib',
    'es2023,dom,dom.iterable',
    '--module',
    resolution === 'node16' ? 'node16' : 'esnext',
    '--moduleResolution',
    resolution,
    '--jsx',
    'react-jsx',
    '--types',
    '',
    'consumer.ts',
    'App.tsx',
  ]);

// A bundler: Vite builds an app with one page per element, each importing only `define/<tag>.js` from
// dist/esm. Each page's initial JavaScript (its entry and the chunks it imports statically: what the
// browser loads before anything lazy) must stay within that widget's first-content budget
// (scripts/size-limit.json), as in the one-script-tag build; MapLibre must stay out of the map page's.
const limits = JSON.parse(readFileSync(join(root, 'scripts/size-limit.json'), 'utf8'));
const pages = {
  'ess-directory': limits.directoryFirstRender,
  'ess-agenda': limits.agendaFirstRender,
  'ess-orientation': limits.orientationFirstRender,
  'ess-territoire': limits.territoireFirstRender,
  'ess-map': limits.mapGzip + limits.directoryFirstRender,
};
const sizes = [];
const initialOf = (manifest, key, seen = new Set()) => {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const k of manifest[key].imports ?? []) initialOf(manifest, k, seen);
  return seen;
};
// One app per element (a page shared by several would merge their code into common chunks).
for (const [tag, limit] of Object.entries(pages)) {
  const outDir = join(tmp, `bundle-${tag}`);
  writeFileSync(join(app, 'index.html'), `<script type="module" src="./main.js"></script><${tag}></${tag}>`);
  writeFileSync(join(app, 'main.js'), `import '@essaim/elements/define/${tag}.js';\n`);
  const r = spawnSync(
    join(root, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'error', '--manifest', '--outDir', outDir],
    { cwd: app, encoding: 'utf8', timeout: 120_000 },
  );
  const manifestFile = join(outDir, '.vite/manifest.json');
  if (r.status !== 0 || !existsSync(manifestFile)) {
    fail('consumer', `Vite cannot build an app importing define/${tag}.js:\n${r.stdout}${r.stderr}`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const files = [...initialOf(manifest, 'index.html')]
    .map((k) => manifest[k].file)
    .filter((f) => f.endsWith('.js'));
  const code = files.map((f) => readFileSync(join(outDir, f), 'utf8'));
  const gzip = code.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0);
  sizes.push(`${tag} ${(gzip / 1024).toFixed(1)} KB`);
  if (gzip > limit)
    fail('consumer', `Vite app, define/${tag}.js: ${gzip} B gzip of initial JavaScript > ${limit} B`);
  // A string of MapLibre's own code (the element's styles name its CSS classes, e.g. .maplibregl-map).
  if (code.some((c) => c.includes('maplibregl-canvas-container')))
    fail('consumer', `Vite app, define/${tag}.js: MapLibre is in the initial JavaScript`);
  if (tag === 'ess-map') {
    const assets = readdirSync(join(outDir, 'assets'));
    const workers = assets.filter((f) => /^maplibre-gl-worker.*\.mjs$/.test(f));
    if (workers.length !== 1)
      fail('consumer', `Vite app: ${workers.length} MapLibre worker files emitted (want 1)`);
    if (!assets.some((f) => /^maplibre-.*\.js$/.test(f)))
      fail('consumer', 'Vite app: no lazy MapLibre chunk');
  }
}
console.log(`✓ consumer: Vite app per define/<tag>.js, initial JavaScript gzip: ${sizes.join(', ')}`);

if (process.argv.includes('--keep')) console.log(`kept: ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
if (problems.length) {
  console.error(`the npm packages are not what the README promises:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('the four tarballs hold what the README promises, and work for a consumer');

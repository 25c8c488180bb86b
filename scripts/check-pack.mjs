#!/usr/bin/env node
// What npm users get: builds the three packages, packs each with `pnpm pack` (which applies
// `publishConfig`: exports to dist/) into a temporary folder, and checks the tarballs —
//
// 1. every entry point the package.json names (exports, bin, types, unpkg/jsdelivr) is in the tarball;
// 2. what the README promises is there: README, CHANGELOG, LICENSE (and the data licences), declaration
//    files, custom-elements.json, the themes, the one-script-tag build with its embedded feed;
// 3. nothing from the sources, tests, fixtures, stories or scripts, no source maps, no `workspace:` range;
// 4. a consumer with only the tarballs (and their dependencies) can use them on this Node (20.19+, no
//    TypeScript): the SDK loads and validates the embedded feed over HTTP, the places module answers,
//    the CLI validates a feed; TypeScript (moduleResolution node16 and bundler) resolves every entry's
//    types, React's JSX and the DOM typings included; Vite bundles an element from dist/esm.
//
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
    promised: ['README.md', 'CHANGELOG.md', 'LICENSE', 'NOTICE.md', 'feed.schema.json', 'dist/places.js'],
  },
  { dir: 'packages/cli', promised: ['README.md', 'CHANGELOG.md', 'LICENSE', 'dist/bin.js'] },
  {
    dir: 'packages/elements',
    promised: [
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'LICENCE-DONNEES.md',
      'custom-elements.json',
      'dist/cdn/essaim.js',
      'dist/cdn/feed/manifest.json',
      'dist/cdn/feed/structures.json',
      'dist/cdn/feed/LICENCE-DONNEES.md',
      'dist/esm/essaim.js',
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
  },
];
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
  if (!p.files.some((f) => f.startsWith('dist/types/') && f.endsWith('.d.ts')))
    fail(name, 'no declaration files (dist/types)');
  for (const f of p.files) if (FORBIDDEN.some((re) => re.test(f))) fail(name, `${f} should not be published`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const [dep, range] of Object.entries(m[field] ?? {}))
      if (String(range).startsWith('workspace:')) fail(name, `${field}.${dep} is still ${range}`);
  for (const field of ['license', 'repository', 'description', 'keywords', 'sideEffects'])
    if (m[field] === undefined) fail(name, `package.json has no "${field}"`);
  const kb = Math.round(Number(execFileSync('stat', ['-c', '%s', p.tarball], { encoding: 'utf8' })) / 1024);
  console.log(`${name}@${m.version}: ${p.files.length} files, ${kb} KB packed`);
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

// A bundler: Vite builds an app that registers <ess-directory> from dist/esm.
writeFileSync(
  join(app, 'index.html'),
  '<script type="module" src="./main.js"></script><ess-directory></ess-directory>',
);
writeFileSync(join(app, 'main.js'), "import '@essaim/elements/define/ess-directory';\n");
consumer('Vite bundles @essaim/elements/define/ess-directory', join(root, 'node_modules/.bin/vite'), [
  'build',
  '--logLevel',
  'error',
  '--outDir',
  join(tmp, 'bundle'),
]);
if (existsSync(join(tmp, 'bundle'))) {
  const js = readdirSync(join(tmp, 'bundle/assets')).filter((f) => f.endsWith('.js'));
  const code = js.map((f) => readFileSync(join(tmp, 'bundle/assets', f), 'utf8')).join('\n');
  if (!code.includes('ess-directory')) fail('consumer', 'the bundle does not register ess-directory');
}

if (process.argv.includes('--keep')) console.log(`kept: ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
if (problems.length) {
  console.error(`the npm packages are not what the README promises:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('the three tarballs hold what the README promises, and work for a consumer');

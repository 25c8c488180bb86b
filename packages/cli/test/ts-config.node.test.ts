/**
 * TypeScript config files (`essaim.config.ts`) load on every supported Node version, through jiti: in
 * this process (which runs under tsx), and in a plain `node` child running the CLI as npm ships it
 * (built by vite, without tsx), where Node 20 alone cannot import a .ts file.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { FileNotFoundError } from '../src/build/errors.ts';
import { loadConfig } from '../src/config.ts';

const CLI = resolve(import.meta.dirname, '..');
const ROOT = resolve(CLI, '../..');
const run = promisify(execFile);

/** A config using syntax only TypeScript has: a type import, an interface, an enum, `satisfies`. */
const TS_CONFIG = (cliConfig: string) => `import type { EssaimConfig } from ${JSON.stringify(cliConfig)};
interface Named { name: string }
enum Licence { Odbl = 'ODbL-1.0' }
const publisher: Named = { name: 'Projet Essaim' };
const licence = { id: Licence.Odbl, name: 'Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' };
export default {
  feed: { id: 'ts-config', title: 'Flux écrit en TypeScript', publisher, licence, attribution: 'Projet Essaim', updated: '2026-11-22' },
  sources: [{ id: 'seeds', type: 'essaim', path: ${JSON.stringify(join(ROOT, 'data/sources/seeds/structures.json'))}, name: 'Seeds', licence, attribution: 'Projet Essaim' }],
  taxonomy: ${JSON.stringify(join(ROOT, 'data/taxonomy/essaim.taxonomy.json'))},
  output: 'feed',
} satisfies EssaimConfig;
`;

describe('essaim.config.ts on every supported Node version (jiti)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'essaim-ts-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a config with TypeScript-only syntax (type import, interface, enum, satisfies)', async () => {
    const file = join(dir, 'essaim.config.ts');
    writeFileSync(file, TS_CONFIG(join(CLI, 'src/config.ts')));
    const { config, baseDir } = await loadConfig(file);
    expect(config.feed.id).to.equal('ts-config');
    expect(config.feed.licence.id).to.equal('ODbL-1.0');
    expect(baseDir).to.equal(dir);
  });

  it('re-reads a config that changed in the same process (no module cache)', async () => {
    const file = join(dir, 'changing.config.mts');
    writeFileSync(file, TS_CONFIG(join(CLI, 'src/config.ts')));
    expect((await loadConfig(file)).config.feed.title).to.equal('Flux écrit en TypeScript');
    writeFileSync(file, TS_CONFIG(join(CLI, 'src/config.ts')).replace('écrit en TypeScript', 'modifié'));
    expect((await loadConfig(file)).config.feed.title).to.equal('Flux modifié');
  });

  it('says a missing .ts config is missing', async () => {
    const err = await loadConfig(join(dir, 'absent.config.ts')).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(FileNotFoundError);
  });

  it(`loads it in a plain node child (${process.version}, no tsx) running the CLI as built for npm`, async () => {
    // The CLI's own vite build (vite.config.ts), with the workspace SDK bundled in (its package points
    // at TypeScript sources inside the repository) and every other dependency external, written under
    // the package's node_modules so that those resolve as they do for an npm install.
    const { build } = await import('vite');
    const pkg = JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const outDir = join(CLI, 'node_modules/.cache/essaim-ts-config-test');
    mkdirSync(outDir, { recursive: true });
    await build({
      configFile: false,
      root: CLI,
      logLevel: 'silent',
      build: {
        target: 'node20',
        outDir,
        emptyOutDir: true,
        minify: false,
        ssr: true,
        lib: { entry: { index: join(CLI, 'src/index.ts') }, formats: ['es'] },
        rolldownOptions: {
          external: [
            ...builtinModules,
            /^node:/,
            ...Object.keys(pkg.dependencies)
              .filter((name) => name !== '@essaim/sdk')
              .map((name) => new RegExp(`^${name}(/|$)`)),
          ],
          output: { entryFileNames: '[name].js' },
        },
      },
    });
    const file = join(dir, 'essaim.config.ts');
    writeFileSync(file, TS_CONFIG('essaim'));
    const script = `const { loadConfig } = await import(${JSON.stringify(join(outDir, 'index.js'))});
const { config } = await loadConfig(${JSON.stringify(file)});
console.log(JSON.stringify({ id: config.feed.id, node: process.version }));`;
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    try {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        env,
        cwd: dir,
      });
      expect(JSON.parse(stdout.trim())).to.deep.equal({ id: 'ts-config', node: process.version });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// Emits the declaration files (.d.ts) of a workspace package into its dist/types/, for npm consumers.
//
//   node ../../scripts/build-types.mjs        (run from a package folder, by its `build` script)
//
// The sources import each other with `.ts` extensions (tsconfig `allowImportingTsExtensions`); TypeScript 7
// keeps those specifiers in the .d.ts it emits, which a consumer's TypeScript cannot follow once the
// sources are gone. So after tsc, every relative `./x.ts` specifier in the .d.ts files becomes `./x.js`
// (the declaration `x.d.ts` sits next to where `x.js` would be: the usual ESM layout).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = resolve(process.argv[2] ?? process.cwd());
const outDir = join(pkgDir, 'dist', 'types');

// Only the published sources: no tests, stories, scripts or Vite config.
const config = {
  extends: join(root, 'tsconfig.base.json'),
  compilerOptions: {
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: join(pkgDir, 'src'),
    outDir,
    types: [],
  },
  include: [join(pkgDir, 'src')],
  exclude: [join(pkgDir, 'src/**/*.test.ts'), join(pkgDir, 'src/**/*.stories.ts')],
};
const configFile = join(tmpdir(), `essaim-types-${process.pid}.json`);
writeFileSync(configFile, JSON.stringify(config));
rmSync(outDir, { recursive: true, force: true });
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const r = spawnSync(tsc, ['-p', configFile], { stdio: 'inherit', cwd: pkgDir });
rmSync(configFile, { force: true });
if (r.status !== 0) process.exit(r.status ?? 1);

let files = 0;
const relativeTs = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const next = text.replace(relativeTs, '$1$2.js$3');
      if (next !== text) writeFileSync(path, next);
      files++;
    }
  }
})(outDir);
console.log(`build-types: ${files} declaration files in ${outDir.slice(root.length)}`);

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

// The npm build of the `essaim` CLI for Node ≥ 20.19: `dist/bin.js` (the executable) and `dist/index.js`
// (the library), ESM, every dependency external (installed beside it by npm), declarations in dist/types
// (scripts/build-types.mjs). Inside the repository, `pnpm essaim` runs the sources with tsx instead.
export default defineConfig({
  build: {
    target: 'node20',
    sourcemap: true,
    emptyOutDir: true,
    minify: false,
    ssr: true,
    lib: { entry: { bin: 'src/bin.ts', index: 'src/index.ts' }, formats: ['es'] },
    rolldownOptions: {
      external: [
        ...builtinModules,
        /^node:/,
        ...Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name}(/|$)`)),
      ],
      // Chunks stay beside bin.js: the CLI reads its version from `new URL('../package.json', import.meta.url)`.
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});

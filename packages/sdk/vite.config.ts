import { defineConfig } from 'vite';

// ESM library build of @essaim/sdk: dependencies stay external (consumers dedupe them); places is its own
// entry so that its data is fetched only by code that imports it.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    lib: {
      entry: { index: 'src/index.ts', places: 'src/places/index.ts', 'static-index': 'src/static-index/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^zod(\/|$)/, /^ky(\/|$)/, /^rrule(\/|$)/, /^node:/],
      // One output module per source module: an application's bundler then drops every SDK module its
      // code does not reach (`sideEffects` in package.json), as it does from the sources. A single
      // `index.js` would keep all the SDK's top-level code (its zod schemas, the search engine…) in any
      // app that imports one helper. The orientation's ranking stays its own module: createOrientation
      // imports it, createLazyOrientation loads it on the first answer.
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
});

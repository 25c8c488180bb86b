import { defineConfig } from 'vite';

// ESM library build of @essaim/sdk: dependencies stay external (consumers dedupe them); places is its own
// entry so that its data is fetched only by code that imports it.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    lib: {
      entry: { index: 'src/index.ts', places: 'src/places/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^zod(\/|$)/, /^ky(\/|$)/, /^rrule(\/|$)/],
      // The orientation's ranking in a chunk of its own: createOrientation imports it, createLazyOrientation
      // loads it on the first answer, so a consumer's bundler can leave it out of the first question.
      output: {
        advancedChunks: {
          groups: [
            { name: 'orientation-ranker', test: /src[\\/]orientation[\\/](?:ranker|rank|match)\.ts$/ },
          ],
        },
      },
    },
  },
});

import { defineConfig } from 'vite';

// No React plugin needed to build: Vite compiles the JSX (automatic runtime); add @vitejs/plugin-react
// for fast refresh in development.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // The places data (communes, postcodes: ~860 KB, loaded only by the place autocomplete) is one chunk.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1000 },
});

import { defineConfig } from 'vite';

// No React plugin needed to build: Vite compiles the JSX (automatic runtime); add @vitejs/plugin-react
// for fast refresh in development.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});

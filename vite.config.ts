import { defineConfig } from 'vite';

// `pnpm demo`: serves the repository root so the demo pages under demo/ can load the embedded feed in
// data/feed/ and the packages' sources directly (no build step).
export default defineConfig({
  root: '.',
  server: { open: false },
  build: {
    outDir: 'dist/demo',
    rolldownOptions: { input: { index: 'demo/index.html' } },
  },
});

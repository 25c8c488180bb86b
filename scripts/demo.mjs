#!/usr/bin/env node
// `pnpm demo`: starts Vite on the repository root and prints the demo page's address.
import { createServer } from 'vite';

const port = Number(process.env.PORT ?? 5173);
const server = await createServer({
  configFile: 'vite.config.ts',
  server: { host: '127.0.0.1', port, strictPort: false },
});
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\nEssaim demo: ${url}demo/  (the SDK alone: ${url}demo/sdk.html)\nPress Ctrl+C to stop.`);

// The repository served statically on 127.0.0.1 under the strict Content-Security-Policy the README
// documents for a page that embeds Essaim (no 'unsafe-inline', no 'unsafe-eval'), as the end-to-end
// checks of the one-script-tag build use it (scripts/check-cdn.mjs, scripts/check-engines.mjs; without
// the CSP for the framework examples, scripts/check-demos.mjs).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
].join('; ');

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Serves the repository (under the CSP unless `csp: false`); resolves to its base URL and a `close()`. */
export async function serveRepository({ csp = true } = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      const body = await readFile(join(ROOT, path));
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        ...(csp ? { 'content-security-policy': CSP } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Builds the one-script-tag bundle (packages/elements/dist/cdn) with Vite. */
export async function buildCdn() {
  const { execFileSync } = await import('node:child_process');
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--mode', 'cdn', '--logLevel', 'warn'], {
    cwd: join(ROOT, 'packages/elements'),
    stdio: 'inherit',
  });
}

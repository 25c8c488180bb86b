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
// The same, with Trusted Types enforced (some State sites): a page opened with `?trusted-types`.
// Essaim's policy is `essaim`, Lit's `lit-html` (README, "CSP"); no `default` policy is created.
export const TRUSTED_TYPES =
  "require-trusted-types-for 'script'; trusted-types essaim lit-html 'allow-duplicates'";

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

/** Serves the repository (under the CSP unless `csp: false`; with Trusted Types for `?trusted-types`); resolves to its base URL and a `close()`. */
export async function serveRepository({ csp = true } = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      const requested = new URL(req.url, 'http://x');
      const path = normalize(decodeURIComponent(requested.pathname)).replace(/^(\.\.[/\\])+/, '');
      const body = await readFile(join(ROOT, path));
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        ...(csp
          ? {
              'content-security-policy': requested.searchParams.has('trusted-types')
                ? `${CSP}; ${TRUSTED_TYPES}`
                : CSP,
            }
          : {}),
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

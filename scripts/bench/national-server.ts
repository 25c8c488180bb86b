/**
 * The static host of `pnpm bench national`: serves the built feed (and its static index), the page
 * scripts and the Orama file on 127.0.0.1 like a static host would: HTTP/2 over TLS (a certificate made
 * for the run with openssl; Chromium trusts its key through `--ignore-certificate-errors-spki-list`), or
 * HTTP/1.1 with `http1`; gzip (`Content-Encoding:
 * gzip` for JSON, JavaScript and binary files, when the browser accepts it, compressed once per file),
 * `Cache-Control: public, max-age=31536000, immutable` for files whose name carries a content hash and
 * `no-cache` for the others (manifest, entry files), `Vary: Accept-Encoding`.
 *
 * Also bundles the page scripts (scripts/bench/national-page-*.ts) with Vite, minified, into a folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
};
/** A content hash in a file name: `name.0123abcd.ext`, `0123abcdef.bin`… (8+ hex digits). */
const HASHED = /[.\-_/][0-9a-f]{8,}\.[a-z0-9]+$/;

export interface Mounts {
  /** URL prefix (`/feed/`) → folder. */
  [prefix: string]: string;
}

export interface StaticHost {
  base: string;
  protocol: 'HTTP/1.1' | 'HTTP/2';
  /** Chromium flags the host needs (its certificate's key, for HTTP/2). */
  browserArgs: string[];
  /** Adds a page at `/page/<name>.html`. */
  page(name: string, html: string): string;
  close(): void;
}

/** A self-signed certificate for 127.0.0.1, and the base64 SHA-256 of its public key (SPKI). */
function certificate(): { key: Buffer; cert: Buffer; spki: string } {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-national-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const pub = execFileSync('openssl', ['x509', '-pubkey', '-noout', '-in', cert]);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pub });
    const spki = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64');
    return { key: readFileSync(key), cert: readFileSync(cert), spki };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One handler for both servers (HTTP/2's compatibility API has the same calls). */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export async function serveStatic(mounts: Mounts, options: { http1?: boolean } = {}): Promise<StaticHost> {
  const pages = new Map<string, string>();
  const gzipped = new Map<string, Buffer>();
  const handler: Handler = async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const html = pages.get(path);
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
      res.end(html);
      return;
    }
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    if (!prefix) {
      res.writeHead(404);
      res.end();
      return;
    }
    const file = join(mounts[prefix]!, path.slice(prefix.length));
    try {
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      let body = gzip ? gzipped.get(file) : undefined;
      if (!body) {
        const raw = await readFile(file);
        if (gzip) gzipped.set(file, (body = gzipSync(raw, { level: 6 })));
        else body = raw;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'Accept-Encoding',
        'content-length': body.length,
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  };
  let server: http.Server | http2.Http2SecureServer;
  let tls: ReturnType<typeof certificate> | undefined;
  const sessions = new Set<http2.ServerHttp2Session>();
  if (options.http1) {
    server = http.createServer((req, res) => void handler(req, res));
    server.keepAliveTimeout = 60_000;
  } else {
    tls = certificate();
    server = http2.createSecureServer(
      { key: tls.key, cert: tls.cert, allowHTTP1: true },
      (req, res) =>
        void handler(req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse),
    );
    server.on('session', (s: http2.ServerHttp2Session) => {
      sessions.add(s);
      s.on('close', () => sessions.delete(s));
    });
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    protocol: tls ? 'HTTP/2' : 'HTTP/1.1',
    browserArgs: tls ? [`--ignore-certificate-errors-spki-list=${tls.spki}`] : [],
    page(name, html) {
      pages.set(`/page/${name}.html`, html);
      return `${base}/page/${name}.html`;
    },
    close: () => {
      if (server instanceof http.Server) server.closeAllConnections();
      for (const s of sessions) s.destroy();
      server.close();
    },
  };
}

/**
 * The HTML of a bench page: a `longtask` observer first (in the head, before any script), the
 * configuration, then the page script.
 */
export function pageHtml(script: string, config: unknown): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>pnpm bench national (synthetic feed)</title>
<script>window.__longtasks=[];try{new PerformanceObserver(function(l){for(const e of l.getEntries())window.__longtasks.push([e.startTime,e.duration]);}).observe({type:'longtask',buffered:true});}catch(e){}
window.__config=${JSON.stringify(config).replace(/</g, '\\u003c')};</script>
<script type="module" src="${script}"></script></head><body><p>Banc d’essai, flux synthétique.</p></body></html>`;
}

export const PAGE_ENTRIES = ['static', 'memory', 'orama'] as const;
export type PageEntry = (typeof PAGE_ENTRIES)[number];

/**
 * Bundles the page scripts (minified, ES modules, shared code in chunks) into `outDir`; returns the
 * entries that could be built (the static one needs `@essaim/sdk/static-index`).
 */
export async function bundlePages(outDir: string, entries: readonly PageEntry[]): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      copyPublicDir: false,
      rollupOptions: {
        input: Object.fromEntries(entries.map((e) => [e, join(ROOT, `scripts/bench/national-page-${e}.ts`)])),
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].[hash].js' },
        preserveEntrySignatures: 'strict',
      },
    },
  });
}

/**
 * The JavaScript each widget really needs to show its first content, measured in Chromium on the
 * one-script-tag build (packages/elements/dist/cdn), with no `feed` attribute (the embedded feed):
 *
 * 1. a blank page with the script tag and one element; every JavaScript file whose request started
 *    before the first content entered the element's shadow root (directory: a result card; orientation:
 *    the first question's legend; agenda: an event card; the moment is taken by a MutationObserver, the
 *    requests by the Resource Timing API) is recorded;
 * 2. the same page again with every other JavaScript file blocked: the first content must still appear
 *    (so the files counted are enough, not only the ones that happened to load first);
 * 3. their gzip size (level 9, from the files on disk) is the figure.
 *
 * Feed data (JSON) is excluded, as the budgets say. What loads after the first content (the validation,
 * the search engine, detail views, places, MapLibre) is not counted, and is listed for information.
 * CLI: `tsx scripts/bench/first-render.ts [--build] [--json]`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { benchBundleSize, CDN_DIR } from './bundle-size.ts';

export const FIRST_RENDER_TARGETS = {
  directory: 45 * 1024,
  orientation: 40 * 1024,
  agenda: 45 * 1024,
  territoire: 40 * 1024,
} as const;
export type Widget = keyof typeof FIRST_RENDER_TARGETS;

const WIDGETS: Record<Widget, { tag: string; ready: string; attrs?: string }> = {
  directory: { tag: 'ess-directory', ready: '[part~="card"]' },
  orientation: { tag: 'ess-orientation', ready: 'fieldset legend' },
  agenda: { tag: 'ess-agenda', ready: '[part~="card"]' },
  // The key figures of an EPCI of the embedded feed (names and populations load after them).
  territoire: { tag: 'ess-territoire', ready: '[part~="figures"]', attrs: ' epcis="200054781"' },
};

export interface FirstRender {
  widget: Widget;
  /** gzip bytes of the JavaScript needed for the first content. */
  gzip: number;
  files: string[];
  /** Milliseconds from navigation to the first content (local server, no throttling). */
  ms: number;
  /** JavaScript files loaded later (lazy chunks), for information. */
  later: string[];
}

export function serve(dir: string): Promise<{ base: string; close: () => void }> {
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.mjs': 'text/javascript',
    '.json': 'application/json',
  };
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const page = /^\/bench\/(ess-[a-z]+)\.html$/.exec(path);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bench</title>` +
          `<script type="module" src="/essaim.js"></script></head><body><${page[1]}${Object.values(WIDGETS).find((w) => w.tag === page[1])?.attrs ?? ''}></${page[1]}></body></html>`,
      );
      return;
    }
    try {
      const body = await readFile(join(dir, path.replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ base: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

const isJs = (url: string) => /\.m?js(?:\?|$)/.test(url);

async function firstContent(
  browser: Browser,
  base: string,
  widget: Widget,
  allowed?: Set<string>,
  settle = 1500,
): Promise<{ files: string[]; ms: number; later: string[] }> {
  const { tag, ready } = WIDGETS[widget];
  const context = await browser.newContext();
  const page = await context.newPage();
  if (allowed)
    await page.route('**/*', (route) => {
      const url = route.request().url();
      return isJs(url) && !allowed.has(new URL(url).pathname) ? route.abort() : route.continue();
    });
  // The moment the first content enters the element's shadow root, taken by a MutationObserver (it runs
  // right after the DOM change, before any timer: a lazy chunk requested later is not counted).
  await page.addInitScript(
    ([t, sel]) => {
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
        const root = attach.call(this, init);
        if (this.localName === t) {
          const observer = new MutationObserver(() => {
            if (root.querySelector(sel!)) {
              (globalThis as { __first?: number }).__first = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(root, { childList: true, subtree: true });
        }
        return root;
      };
    },
    [tag, ready],
  );
  await page.goto(`${base}/bench/${tag}.html`);
  await page.waitForFunction(() => (globalThis as { __first?: number }).__first !== undefined, undefined, {
    timeout: 20_000,
  });
  if (settle) await page.waitForTimeout(settle);
  const { first, entries } = await page.evaluate(() => ({
    first: (globalThis as { __first?: number }).__first!,
    entries: performance
      .getEntriesByType('resource')
      .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime })),
  }));
  await context.close();
  const js = entries.filter((e) => isJs(e.name));
  const files = [...new Set(js.filter((e) => e.start < first).map((e) => e.name))];
  const later = [...new Set(js.filter((e) => e.start >= first).map((e) => e.name))].filter(
    (f) => !files.includes(f),
  );
  return { files, ms: Math.round(first), later };
}

export async function measureFirstRender(
  widgets: Widget[] = ['directory', 'orientation', 'agenda', 'territoire'],
): Promise<FirstRender[]> {
  // A snapshot of the build: another build may rewrite dist/cdn meanwhile.
  const dir = mkdtempSync(join(tmpdir(), 'essaim-first-render-'));
  cpSync(CDN_DIR, dir, { recursive: true });
  const { base, close } = await serve(dir);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const out: FirstRender[] = [];
    for (const widget of widgets) {
      const run = await firstContent(browser, base, widget);
      // The same page with only those files: the first content must still come.
      await firstContent(browser, base, widget, new Set(run.files), 0).catch((error: unknown) => {
        throw new Error(
          `${widget}: the first content did not appear with only ${run.files.join(', ')} (${String(error)})`,
        );
      });
      const { files } = run;
      let gzip = 0;
      for (const f of files) gzip += gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
      const { later } = run;
      out.push({ widget, gzip, files, ms: run.ms, later });
    }
    return out;
  } finally {
    await browser.close();
    close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds dist/cdn if asked (or missing), measures and prints. */
export async function benchFirstRender(
  options: { build?: boolean; quiet?: boolean } = {},
): Promise<FirstRender[]> {
  await benchBundleSize({ quiet: true, ...(options.build ? { build: true } : {}) });
  const results = await measureFirstRender();
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const r of results)
      console.log(
        `first content (Chromium, gzip JS): <ess-${r.widget}> ${kb(r.gzip)} (target ≤ ${kb(FIRST_RENDER_TARGETS[r.widget])}) ` +
          `in ${r.files.length} files, ${r.ms} ms locally · loaded after: ${r.later.map((f) => f.replace(/^\/chunks\//, '')).join(', ') || 'nothing'}`,
      );
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const json = process.argv.includes('--json');
  const results = await benchFirstRender({
    build: process.argv.includes('--build'),
    quiet: json,
  });
  if (json) console.log(JSON.stringify(results, null, 2));
}

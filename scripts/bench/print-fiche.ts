/**
 * How many A4 pages the printed « fiche territoire » takes, for a commune, an EPCI, a département and a
 * région of the embedded feed: `<ess-territoire>` on the one-script-tag build (packages/elements/dist/cdn,
 * build it first), a page with `@page { size: A4; margin: 15mm }`, printed to PDF by Chromium once the
 * names, tables and credits are there. The target: one or two pages.
 * CLI: `tsx scripts/bench/print-fiche.ts` (under the heavy-work lock).
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';

const dir = new URL('../../packages/elements/dist/cdn/', import.meta.url).pathname;
const TERRITORIES = ['communes="93048"', 'epcis="200054781"', 'departements="93"', 'regions="11"'];
let attrs = '';
const server = http.createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (path === '/fiche.html') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>fiche</title><style>@page{size:A4;margin:15mm}</style><script type="module" src="/essaim.js"></script></head><body><ess-territoire ${attrs}></ess-territoire></body></html>`,
    );
    return;
  }
  try {
    const body = await readFile(join(dir, path));
    res.writeHead(200, {
      'content-type':
        { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' }[extname(path)] ??
        'application/octet-stream',
    });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch(chromiumLaunchOptions);
for (attrs of TERRITORIES) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/fiche.html`);
  await page.waitForFunction(
    () =>
      document.querySelector('ess-territoire')?.shadowRoot?.querySelector('[part~="actions"]') &&
      !document
        .querySelector('ess-territoire')
        ?.shadowRoot?.querySelector('.figures-section [role="status"]'),
    undefined,
    { timeout: 30000 },
  );
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log(
    `<ess-territoire ${attrs}> printed on A4: ${pages} page${pages > 1 ? 's' : ''} (${Math.round(pdf.length / 1024)} KB PDF)`,
  );
  await page.close();
}
await browser.close();
server.close();

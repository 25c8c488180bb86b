/**
 * The browser side of `pnpm bench national`: Debian's Chromium (scripts/chromium.mjs) through
 * Playwright, one fresh context (empty HTTP cache) per path, network throttled through the DevTools
 * protocol (`Network.emulateNetworkConditions`), bytes counted as transferred (`encodedDataLength` of
 * every finished request: compressed body and headers), times taken in the page (`performance.now()`,
 * from navigation start for the first results), and the longest main-thread task of each step (a
 * `longtask` PerformanceObserver installed before any script, see national-server.ts).
 */
import { type Browser, type CDPSession, type Page, chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import type { SearchQuery } from '../../packages/sdk/src/search/types.ts';
import type { ResultSummary } from './national-session.ts';

/** The network of the targets: 9 Mbit/s down (and up), 150 ms round trip. */
export const NETWORK = { downMbit: 9, upMbit: 9, rttMs: 150 } as const;

export interface Measure {
  /** ms: from navigation start for a first load, from the call for a further query. */
  ms: number;
  /** Bytes transferred (encoded, headers included) and requests finished during the step. */
  bytes: number;
  requests: number;
  /** Bytes per path requested (transferred, as above). */
  files: Array<[path: string, bytes: number]>;
  /** Longest main-thread task during the step (0 when none over 50 ms). */
  longestTaskMs: number;
  /** What the page returned (summary, index stats, Orama's count…). */
  page: Record<string, unknown> & { summary?: ResultSummary };
}

export interface PageSession {
  first: Measure;
  step(query: SearchQuery): Promise<Measure>;
  close(): Promise<void>;
}

export async function launch(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, '--js-flags=--max-old-space-size=8192', ...extraArgs],
  });
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function longest(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ([a, b]) =>
      (window as unknown as { __longtasks: Array<[number, number]> }).__longtasks
        .filter(([start, d]) => start + d > a && start < b)
        .reduce((m, [, d]) => Math.max(m, d), 0),
    [from, to] as const,
  );
}

/** Opens `url` in a fresh context with the throttled network; waits for the page's first results. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { timeoutMs?: number; throttle?: boolean } = {},
): Promise<PageSession> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (options.throttle !== false)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: NETWORK.rttMs,
      downloadThroughput: (NETWORK.downMbit * 1e6) / 8,
      uploadThroughput: (NETWORK.upMbit * 1e6) / 8,
    });
  let bytes = 0;
  let requests = 0;
  let files: Measure['files'] = [];
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
    files.push([urls.get(e.requestId) ?? '?', e.encodedDataLength]);
  });
  const measureSince = async (): Promise<{ bytes: number; requests: number; files: Measure['files'] }> => {
    await settle(250); // the protocol's events trail the page's promise a little
    const out = { bytes, requests, files };
    bytes = 0;
    requests = 0;
    files = [];
    return out;
  };
  await page.goto(url);
  const failed = new Promise<never>((_, reject) =>
    page.on('pageerror', (e) => reject(new Error(`${url}: ${e.message}`))),
  );
  failed.catch(() => {});
  const handle = await Promise.race([
    failed,
    page.waitForFunction(
      () => {
        const w = window as unknown as { __first?: unknown; __error?: string };
        return w.__error !== undefined ? { error: w.__error } : w.__first;
      },
      undefined,
      { timeout: options.timeoutMs ?? 300_000, polling: 50 },
    ),
  ]);
  const value = (await handle.jsonValue()) as Record<string, unknown> & { ms: number; error?: string };
  if (value.error !== undefined) throw new Error(`${url}: ${value.error} ${errors.join('; ')}`);
  const counted = await measureSince();
  const first: Measure = {
    ms: value.ms,
    ...counted,
    longestTaskMs: await longest(page, 0, value.ms),
    page: value,
  };
  return {
    first,
    async step(query) {
      await measureSince(); // forget anything that trailed
      const r = (await page.evaluate(
        (q) => (window as unknown as { __step: (q: unknown) => Promise<unknown> }).__step(q),
        query as unknown,
      )) as Record<string, unknown> & { start: number; ms: number };
      const c = await measureSince();
      return { ms: r.ms, ...c, longestTaskMs: await longest(page, r.start, r.start + r.ms), page: r };
    },
    close: () => context.close(),
  };
}

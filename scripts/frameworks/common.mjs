// What every app of the framework matrix shares (scripts/check-frameworks.mjs).
import { readFileSync } from 'node:fs';

/** The element tags an app's page holds: a feed and a map (the feed is served at /feed/ by each app). */
export const ESS_PAGE = `<ess-feed src="/feed/manifest.json"><ess-map style="--ess-map-height: 400px"></ess-map></ess-feed>`;

/** The names of the structures of the embedded feed (data/feed/structures.json, real data). */
const feedNames = new Set(
  JSON.parse(readFileSync(new URL('../../data/feed/structures.json', import.meta.url), 'utf8')).map(
    (s) => s.name,
  ),
);

/**
 * The page's `<ess-directory>` shows cards of the embedded feed: waits for them, then checks that every
 * card names a structure of data/feed/structures.json and, with `pageSize`, that a full page has that many.
 */
export async function checkDirectory(page, fail, { pageSize } = {}) {
  try {
    await page.waitForFunction(
      () => document.querySelector('ess-directory')?.shadowRoot?.querySelector('.card-button'),
      null,
      { timeout: 30_000 },
    );
  } catch {
    const text = await page.evaluate(() =>
      document
        .querySelector('ess-directory')
        ?.shadowRoot?.textContent?.replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200),
    );
    fail(`the directory shows no card (it says: ${text ?? 'nothing'})`);
    return;
  }
  const names = await page.evaluate(() =>
    [...document.querySelector('ess-directory').shadowRoot.querySelectorAll('.card-button')].map((b) =>
      b.textContent.trim(),
    ),
  );
  const unknown = names.filter((n) => !feedNames.has(n));
  if (unknown.length) fail(`directory cards not in the embedded feed: ${unknown.slice(0, 3).join(', ')}`);
  if (pageSize !== undefined && names.length !== pageSize)
    fail(`the directory shows ${names.length} cards, not a page of ${pageSize}`);
}

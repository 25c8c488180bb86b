#!/usr/bin/env node
// The four widgets in three browser engines: Debian's Chromium, Firefox ESR and WebKitGTK (a real WebKit,
// like Safari's). Serves the one-script-tag build under the strict CSP (scripts/serve.mjs), opens
// packages/elements/test/engines/page.html in each engine and walks every component's main journey:
// the orientation answers its first question, the directory's search typed shows its results, the map
// renders its points (or, without WebGL, says so and lists the structures), the agenda lists events;
// then dsfr.html (the real DSFR CSS around the README's DSFR example) lays out without sideways scroll,
// the map beside the directory when wide. Chromium also plays a phone (a swipe over the map).
//
// - Chromium through puppeteer-core (CDP), WebGL on SwiftShader;
// - Firefox through puppeteer-core (WebDriver BiDi), headless: it has no WebGL on these machines, so it
//   walks the map's no-WebGL path;
// - WebKitGTK through selenium-webdriver and WebKitWebDriver, its MiniBrowser under xvfb-run (it has no
//   headless mode), WebGL2 in software.
// `--no-build` reuses packages/elements/dist/cdn (scripts/test.mjs builds it in its `cdn` check first);
// `--engines=chromium,firefox` picks engines. Prints one line per engine and journey (each journey and the
// page's errors count as one test; ENGINES_SUMMARY names a file for the counts); exit code 1 on failure.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { buildCdn, serveRepository } from './serve.mjs';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const PAGE = '/packages/elements/test/engines/page.html';
const DSFR_PAGE = '/packages/elements/test/engines/dsfr.html';
const VIEWPORT = { width: 1280, height: 900 };
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const engines = (arg('engines') ?? 'chromium,firefox,webkit').split(',');

/** WebKitGTK's MiniBrowser (package libwebkit2gtk-4.1-0), wherever the architecture puts it. */
function miniBrowser() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  for (const lib of ['/usr/lib', ...readdirSync('/usr/lib').map((d) => `/usr/lib/${d}`)]) {
    for (const v of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
      if (existsSync(`${lib}/${v}/MiniBrowser`)) return `${lib}/${v}/MiniBrowser`;
    }
  }
  throw new Error('MiniBrowser not found: install webkit2gtk-driver (scripts/setup.sh)');
}

/**
 * Runs in the page: walks each widget's main journey and returns what it saw, one entry per journey
 * (`ok` and a one-line summary). `map` is 'webgl' (points must render) or 'fallback' (the honest list).
 * Self-contained (serialised into the page by each driver).
 */
async function journeys(map) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const wait = async (what, fn, ms = 30_000) => {
    const end = performance.now() + ms;
    for (;;) {
      const v = fn();
      if (v) return v;
      if (performance.now() > end) throw new Error(`timeout: ${what}`);
      await sleep(100);
    }
  };
  const shadow = (tag) => document.querySelector(tag)?.shadowRoot;
  const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const out = {};
  const step = async (name, fn) => {
    try {
      out[name] = { ok: true, summary: await fn() };
    } catch (e) {
      out[name] = { ok: false, summary: String(e?.message ?? e) };
    }
  };

  await step('directory', async () => {
    const root = await wait('directory results', () =>
      shadow('ess-directory')?.querySelector('[part~="card"]') ? shadow('ess-directory') : undefined,
    );
    const before = text(root.querySelector('[part~="count"]'));
    const input = root.querySelector('input[type="search"]');
    input.focus();
    input.value = 'ressourcerie';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'ressourcerie' }));
    const after = await wait('results of the typed search', () => {
      const now = text(root.querySelector('[part~="count"]'));
      return now && now !== before && root.querySelector('[part~="card"]') ? now : undefined;
    });
    const first = text(root.querySelector('[part~="card"] h3, [part~="card"] h2, [part~="card"] h4'));
    return `« ressourcerie » typed: ${before} → ${after}; first: ${first}`;
  });

  await step('map', async () => {
    const el = document.querySelector('ess-map');
    if (map === 'webgl') {
      const features = await wait('map rendered', () => {
        const m = el?.map;
        return m?.loaded?.() && m.queryRenderedFeatures().length;
      });
      return `WebGL map loaded, ${features} rendered features`;
    }
    const root = el.shadowRoot;
    const note = await wait('no-WebGL notice', () => text(root.querySelector('[part~="unavailable"]')));
    const names = await wait('the list of structures', () => {
      const items = [...root.querySelectorAll('[part~="list"] li')].map(text).filter(Boolean);
      return items.length ? items : undefined;
    });
    if (!/WebGL/.test(note)) throw new Error(`notice without the reason: ${note}`);
    return `no WebGL: « ${note.slice(0, 60)}… », ${names.length} structures listed, first: ${names[0]}`;
  });

  await step('orientation', async () => {
    const root = await wait('first question', () =>
      shadow('ess-orientation')?.querySelector('legend') ? shadow('ess-orientation') : undefined,
    );
    const question = text(root.querySelector('legend'));
    const progress = text(root.querySelector('[part~="progress"]'));
    root.querySelector('.option label').click();
    root.querySelector('button[type="submit"]').click();
    const next = await wait('second step', () => {
      const p = text(root.querySelector('[part~="progress"]'));
      return p && p !== progress ? p : undefined;
    });
    return `« ${question} » answered: ${progress} → ${next}`;
  });

  await step('agenda', async () => {
    const cards = await wait(
      'agenda cards',
      () => shadow('ess-agenda')?.querySelectorAll('[part~="card"]').length,
    );
    return `${cards} event cards`;
  });

  const errors = (window.__essErrors ?? []).filter((e) => !/status of 404/.test(e));
  out.errors = { ok: errors.length === 0, summary: errors.length ? errors.join(' | ') : 'none' };
  return out;
}

const IN_PAGE = `(${journeys})`;

/**
 * Runs in the DSFR page (its real CSS, the README's example in the DSFR grid): no sideways scroll and,
 * when `wide`, the map beside the directory (DSFR's *{box-sizing:inherit} once dropped it under the list).
 */
async function dsfrLayout(wide) {
  const end = performance.now() + 30_000;
  const ready = () => document.querySelector('ess-directory')?.shadowRoot?.querySelector('[part~="card"]');
  while (!ready() && performance.now() < end) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const d = document.querySelector('ess-directory').getBoundingClientRect();
  const m = document.querySelector('ess-map').getBoundingClientRect();
  const [scroll, width] = [document.documentElement.scrollWidth, innerWidth];
  const beside = m.left >= d.right - 1 && m.top < d.top + 50;
  return {
    ok: Boolean(ready()) && scroll <= width && (!wide || beside),
    summary: `${width} px wide: ${scroll > width ? `scrolls sideways (${scroll}/${width})` : 'no sideways scroll'}${wide ? `, the map ${beside ? 'beside' : 'under'} the directory` : ''}`,
  };
}
const DSFR_IN_PAGE = `(${dsfrLayout})`;

/** Chromium or Firefox through puppeteer-core. */
async function viaPuppeteer(browserName, url, map) {
  const browser = await puppeteer.launch(
    browserName === 'firefox'
      ? { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, defaultViewport: VIEWPORT }
      : { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, defaultViewport: VIEWPORT },
  );
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const report = await page.evaluate(`${IN_PAGE}(${JSON.stringify(map)})`);
    if (browserName === 'chromium') Object.assign(report, await phone(browser, url));
    await page.goto(url.replace(PAGE, DSFR_PAGE));
    report['DSFR page, wide'] = await page.evaluate(`${DSFR_IN_PAGE}(true)`);
    await page.setViewport({ width: 375, height: 800 });
    report['DSFR page, 375 px'] = await page.evaluate(`${DSFR_IN_PAGE}(false)`);
    return report;
  } finally {
    await browser.close();
  }
}

/**
 * Chromium as a phone (375 × 667, touch, mobile viewport): the map takes at most 60 % of the screen's
 * height; a one-finger swipe over the map scrolls the page (cooperative gestures, the default on touch
 * screens), and the same swipe with
 * `cooperative-gestures="off"` moves the map instead — the check can fail.
 */
async function phone(browser, url) {
  const swipe = async (cooperative) => {
    const page = await browser.newPage();
    try {
      await page.emulate({
        viewport: { width: 375, height: 667, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
        userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Mobile',
      });
      await page.goto(url);
      const hint = await page.evaluate(async (off) => {
        const el = document.querySelector('ess-map');
        if (off) el.setAttribute('cooperative-gestures', 'off');
        const end = performance.now() + 30_000;
        while (!el.map?.loaded?.() && performance.now() < end) await new Promise((r) => setTimeout(r, 100));
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -40);
        return el.shadowRoot.querySelector('.maplibregl-cooperative-gesture-screen')?.textContent ?? '';
      }, !cooperative);
      const before = await page.evaluate(() => {
        const r = document.querySelector('ess-map').shadowRoot.querySelector('#map').getBoundingClientRect();
        const c = document.querySelector('ess-map').map.getCenter();
        return {
          x: r.left + r.width / 2,
          y: r.top + r.height * 0.75,
          scroll: scrollY,
          centre: [c.lng, c.lat],
          share: document.querySelector('ess-map').getBoundingClientRect().height / innerHeight,
        };
      });
      // One finger, 250 px upwards over the map, as a real touch screen sends it.
      const cdp = await page.createCDPSession();
      const point = (dy) => [{ x: Math.round(before.x), y: Math.round(before.y - dy) }];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(0) });
      for (let dy = 25; dy <= 250; dy += 25) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(dy) });
        await new Promise((r) => setTimeout(r, 16));
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await new Promise((r) => setTimeout(r, 300));
      const after = await page.evaluate(() => {
        const c = document.querySelector('ess-map').map.getCenter();
        return { scroll: scrollY, centre: [c.lng, c.lat] };
      });
      const moved = Math.hypot(after.centre[0] - before.centre[0], after.centre[1] - before.centre[1]) > 1e-6;
      return { scrolled: after.scroll - before.scroll, moved, hint, share: before.share };
    } finally {
      await page.close();
    }
  };
  const on = await swipe(true);
  const off = await swipe(false);
  return {
    phone: {
      ok: on.share <= 0.6 && on.scrolled > 100 && !on.moved && /Deux doigts/.test(on.hint),
      summary: `map ${Math.round(on.share * 100)} % of the screen's height; one-finger swipe over the map: page scrolled ${on.scrolled} px, map ${on.moved ? 'moved' : 'still'}; hint « ${on.hint.trim()} »`,
    },
    'phone, cooperative-gestures="off"': {
      ok: off.scrolled < 20 && off.moved,
      summary: `the same swipe: page scrolled ${off.scrolled} px, map ${off.moved ? 'moved' : 'still'}`,
    },
  };
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** WebKitGTK: WebKitWebDriver (and the MiniBrowser it starts) on a virtual X display. */
async function viaWebKit(url, map) {
  const port = await freePort();
  const driverProcess = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1400x1000x24', 'WebKitWebDriver', `--port=${port}`],
    { stdio: 'ignore', detached: true },
  );
  const stop = () => {
    try {
      process.kill(-driverProcess.pid, 'SIGTERM');
    } catch {}
  };
  try {
    let driver;
    for (let i = 0; !driver; i++) {
      try {
        driver = await new Builder()
          .usingServer(`http://127.0.0.1:${port}`)
          .withCapabilities({
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
          })
          .build();
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 200)); // the driver is still starting
      }
    }
    try {
      await driver.manage().window().setRect(VIEWPORT);
      await driver.manage().setTimeouts({ script: 120_000 });
      await driver.get(url);
      const run = (fn, arg) =>
        driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           ${fn}(arguments[0]).then(done, (e) => done({ ok: false, driver: { ok: false, summary: String(e) } }));`,
          arg,
        );
      const report = await run(IN_PAGE, map);
      await driver.get(url.replace(PAGE, DSFR_PAGE));
      report['DSFR page, wide'] = await run(DSFR_IN_PAGE, true);
      // MiniBrowser's window cannot be narrower than 447 px.
      await driver.manage().window().setRect({ width: 447, height: 800 });
      report['DSFR page, narrowest window'] = await run(DSFR_IN_PAGE, false);
      return report;
    } finally {
      await driver.quit();
    }
  } finally {
    stop();
  }
}

const RUNS = {
  chromium: (url) => viaPuppeteer('chromium', url, 'webgl'),
  firefox: (url) => viaPuppeteer('firefox', url, 'fallback'), // headless: no WebGL here
  webkit: (url) => viaWebKit(url, 'webgl'),
};

if (!process.argv.includes('--no-build')) await buildCdn();
const server = await serveRepository();
let passed = 0;
let failed = 0;
try {
  for (const engine of engines) {
    const t0 = performance.now();
    let report;
    try {
      report = await RUNS[engine](server.base + PAGE);
    } catch (e) {
      report = { launch: { ok: false, summary: String(e?.message ?? e).split('\n')[0] } };
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`${engine} (${seconds} s)`);
    for (const [name, { ok, summary }] of Object.entries(report)) {
      if (ok) passed++;
      else failed++;
      console.log(`  ${ok ? '✓' : '✗'} ${name}: ${summary}`);
    }
  }
} finally {
  await server.close();
}
console.log(`${passed} passed, ${failed} failed, 0 skipped`);
// scripts/test.mjs adds these counts to its total.
if (process.env.ENGINES_SUMMARY)
  writeFileSync(process.env.ENGINES_SUMMARY, JSON.stringify({ passed, failed, skipped: 0 }));
process.exitCode = failed ? 1 : 0;

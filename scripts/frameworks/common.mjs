// What every app of the framework matrix shares (scripts/check-frameworks.mjs).
import { readFileSync } from 'node:fs';

/** The element tags an app's page holds: a feed and a map (the feed is served at /feed/ by each app). */
export const ESS_PAGE = `<ess-feed src="/feed/manifest.json"><ess-map style="--ess-map-height: 400px"></ess-map></ess-feed>`;

/** The same page with a directory beside the map (5 result cards from the embedded feed). */
export const ESS_PAGE_DIRECTORY = `<ess-feed src="/feed/manifest.json"><ess-map style="--ess-map-height: 400px"></ess-map><ess-directory page-size="5"></ess-directory></ess-feed>`;

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

/**
 * The text of a Node script, written into an app as its `build` (`node essaim-build.mjs`), that runs the
 * app's own commands in order (type-check, build…) and prints each one's time on stderr. A step with
 * `mustFail` is a negative check: its command must fail and its output match every pattern (a wrong
 * attribute value the typings must catch); `forbid`: patterns its output must not match (a budget warning);
 * `env`: more environment variables.
 * @param {{ name: string, command: string, args: string[], mustFail?: RegExp[], forbid?: RegExp[], env?: Record<string, string> }[]} steps
 */
export const buildScript = (
  steps,
) => `// Written by scripts/check-frameworks.mjs: the app's checks and build, timed.
import { spawnSync } from 'node:child_process';
const steps = ${JSON.stringify(
  steps.map((s) => ({
    ...s,
    mustFail: s.mustFail?.map((r) => r.source),
    forbid: s.forbid?.map((r) => r.source),
  })),
)};
const times = [];
for (const step of steps) {
  const t = Date.now();
  const env = { ...process.env, ...step.env };
  const r = spawnSync(step.command, step.args, { encoding: 'utf8', env, shell: process.platform === 'win32' });
  // Without colours: under CI=true some tools colour their output, and a colour code can sit inside a
  // file:line the patterns look for.
  const output = ((r.stdout ?? '') + (r.stderr ?? '')).replace(/\\u001b\\[[0-9;]*m/g, '');
  if (step.mustFail) {
    const missing = step.mustFail.filter((p) => !new RegExp(p).test(output));
    if (r.status === 0 || missing.length) {
      console.error(\`\${step.name}: should have failed naming \${step.mustFail.join(', ')}; exit \${r.status}:\\n\${output}\`);
      process.exit(1);
    }
  } else if (r.status !== 0) {
    console.error(\`\${step.name} failed (exit \${r.status}):\\n\${output}\`);
    process.exit(1);
  }
  const forbidden = (step.forbid ?? []).filter((p) => new RegExp(p).test(output));
  if (forbidden.length) {
    console.error(\`\${step.name}: its output matches \${forbidden.join(', ')}:\\n\${output}\`);
    process.exit(1);
  }
  times.push(\`\${step.name} \${((Date.now() - t) / 1000).toFixed(1)} s\`);
}
console.error(\`  \${process.cwd().split('/').pop()}: \${times.join(', ')}\`);
`;

/** create-vite 9.3.0's `tsconfig.node.json` (the same in its react-ts, vue-ts and svelte-ts starters). */
export const VITE_TSCONFIG_NODE = {
  compilerOptions: {
    tsBuildInfoFile: './node_modules/.tmp/tsconfig.node.tsbuildinfo',
    target: 'es2023',
    lib: ['ES2023'],
    types: ['node'],
    skipLibCheck: true,
    module: 'nodenext',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    moduleDetection: 'force',
    noEmit: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    erasableSyntaxOnly: true,
    noFallthroughCasesInSwitch: true,
  },
  include: ['vite.config.ts'],
};

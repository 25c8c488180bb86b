/**
 * Benchmarks: `pnpm bench` runs the default sections, `pnpm bench <section>…` the ones named.
 * A section is an async function in scripts/bench/<name>.ts, loaded only when it runs; add yours to
 * SECTIONS (heavy ones with `default: false`, so that a plain `pnpm bench` stays around two minutes).
 */
export {};

interface Section {
  run: () => Promise<unknown>;
  /** Part of a plain `pnpm bench` (default true). */
  default?: boolean;
  describe: string;
}

const SECTIONS: Record<string, Section> = {
  search: {
    describe: 'search engine: index build, query latency, MiniSearch / FlexSearch comparison (10k, 100k)',
    run: async () => (await import('./bench/search.ts')).benchSearch(),
  },
  bundle: {
    describe: 'JavaScript sizes of the one-script-tag build: <ess-directory> to first results, the map chunk',
    run: async () => (await import('./bench/bundle-size.ts')).benchBundleSize(),
  },
  'first-render': {
    describe:
      'JavaScript each widget needs for its first content, measured in Chromium (directory, orientation, agenda)',
    run: async () => (await import('./bench/first-render.ts')).benchFirstRender(),
  },
  'first-interactions': {
    describe:
      'what <ess-directory> downloads on its first detail with hours and its first place-field focus (Chromium)',
    run: async () => (await import('./bench/first-interactions.ts')).benchFirstInteractions(),
  },
  map: {
    describe: '100,000 synthetic points → map idle in headless Chromium with software WebGL',
    run: async () => (await import('./bench/map-idle.ts')).benchMapIdle(),
  },
  'map-frames': {
    describe:
      'map frames while moving it, <ess-map> ÷ bare MapLibre, 100,000 synthetic points, interleaved runs (minutes)',
    default: false,
    run: async () => (await import('./bench/map-frames.ts')).benchMapFrames(),
  },
  keystroke: {
    describe: '<ess-directory> keystroke → updated results, 100,000 synthetic structures, Chromium',
    run: async () => (await import('./bench/keystroke.ts')).benchKeystroke(),
  },
  loading: {
    describe:
      'main-thread long tasks while 10k–100k synthetic structures load, feed worker vs page (minutes)',
    default: false,
    run: async () => (await import('./bench/loading.ts')).benchLoading(),
  },
  'static-index': {
    describe:
      'static search index of 100,000 synthetic structures: files, bytes, loadSearchIndex, per-query fetches',
    default: false,
    run: async () => (await import('./bench/static-index.ts')).benchStaticIndex(),
  },
  feed: {
    describe: '`essaim build` on a synthetic feed of 1,000,000 structures (minutes)',
    default: false,
    run: async () => (await import('./bench/feed-build.ts')).benchFeedBuild(),
  },
  national: {
    describe:
      'a browser searching a 1,000,000-structure synthetic national feed: static index vs in-memory vs Orama, throttled Chromium (minutes)',
    default: false,
    run: async () => (await import('./bench/national.ts')).benchNational(),
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`Unknown bench section(s): ${unknown.join(', ')}. Known:`);
  for (const [name, s] of Object.entries(SECTIONS))
    console.error(`  ${name.padEnd(8)} ${s.describe}${s.default === false ? ' (only when named)' : ''}`);
  process.exit(2);
}
const started = performance.now();
for (const [name, section] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 ? !wanted.includes(name) : section.default === false) continue;
  console.log(`\n━━ ${name} ━━`);
  await section.run();
}
console.log(
  `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s (Node ${process.version}, ${process.arch}).`,
);

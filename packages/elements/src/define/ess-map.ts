/**
 * Registers `<ess-map>`. This module and what it imports form the map chunk: the only place that loads
 * maplibre-gl (~450 KB gzip with its worker), so that a page pays for it only when it shows a map.
 */
import { define } from '../internal/define.ts';
import { EssMap } from '../map/ess-map.ts';

// Under Vite's dev server (pnpm demo, Storybook) maplibre is pre-bundled and its worker must be pointed
// at the URL Vite serves (TOOLCHAIN G6). Unbundled (tests) the default URL works; the one-script-tag
// build emits the worker next to maplibre's chunk (vite.config.ts), where the default URL finds it.
if ((import.meta as ImportMeta & { env?: { DEV?: boolean } }).env?.DEV)
  await import('../map/setup-worker.ts');

define('ess-map', EssMap);
export { EssMap };

/**
 * Registers `<ess-map>`. This module and what it imports form the map chunk: the only place that loads
 * maplibre-gl (~450 KB gzip with its worker), so that a page pays for it only when it shows a map.
 */
import { define } from '../internal/define.ts';
import { EssMap } from '../map/ess-map.ts';

// In Vite builds `import.meta.env` is defined, and maplibre's worker must be pointed at the URL Vite
// emits (TOOLCHAIN G6). Unbundled (tests, plain ESM from node_modules) the default worker URL works.
if ((import.meta as ImportMeta & { env?: unknown }).env) await import('../map/setup-worker.ts');

define('ess-map', EssMap);
export { EssMap };

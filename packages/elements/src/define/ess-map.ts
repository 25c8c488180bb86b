/**
 * Registers `<ess-map>`. MapLibre (~450 KB gzip with its worker) is not imported here: the element loads
 * it with a dynamic `import()` when it creates its map (map/parts/maplibre.ts), so that a page, or an
 * application that imports this module, pays for it only when a map is shown.
 */
import { define } from '../internal/define.ts';
import { EssMap } from '../map/ess-map.ts';

define('ess-map', EssMap);
export { EssMap };
export { setMapWorkerUrl } from '../map/worker-url.ts';

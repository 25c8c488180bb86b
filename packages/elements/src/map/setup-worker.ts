/**
 * Vite builds only (G6): maplibre-gl 6 finds its worker at `new URL('./maplibre-gl-worker.mjs',
 * import.meta.url)`, a file that is not there once Vite pre-bundles or re-chunks maplibre. Point it at
 * the URL Vite emits for the worker (a `data:` URL in library mode). Imported by `define/ess-map.ts`
 * only when `import.meta.env` exists (Vite); never by tests (WTR serves maplibre unbundled, where the
 * default URL works, and does not understand `?url`).
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

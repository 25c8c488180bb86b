/**
 * Vite's dev server only (`pnpm demo`, Storybook): there maplibre-gl is pre-bundled into Vite's cache,
 * where the worker MapLibre looks for beside its module is not. Point it at the URL Vite serves for the
 * worker. Imported by parts/maplibre.ts only when `import.meta.env.DEV` is true, so never in the builds
 * nor in the browser tests (served unbundled, where MapLibre's default URL works).
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

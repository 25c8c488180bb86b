/**
 * Essaim in one script tag:
 *
 * ```html
 * <script type="module" src="https://cdn.example.org/essaim/essaim.js"></script>
 * <ess-feed src="https://example.org/feed/manifest.json">
 *   <ess-directory departements="93"></ess-directory>
 *   <ess-map></ess-map>
 * </ess-feed>
 * ```
 *
 * Registers only the elements present on the page (now or later), each from its own chunk, loaded
 * relative to this file; the map's chunk (MapLibre) loads only when an `<ess-map>` nears the viewport.
 * Safe to include twice (or two copies at different URLs): an element already defined is left alone.
 * Writes no global, no style outside its shadow roots, and never the URL unless asked (`sync-url`).
 */
import { startAutoloader } from './internal/autoloader.ts';

startAutoloader({
  loaders: {
    'ess-feed': () => import('./define/ess-feed.ts'),
    'ess-directory': () => import('./define/ess-directory.ts'),
    'ess-map': () => import('./define/ess-map.ts'),
    'ess-agenda': () => import('./define/ess-agenda.ts'),
    'ess-orientation': () => import('./define/ess-orientation.ts'),
    'ess-territoire': () => import('./define/ess-territoire.ts'),
  },
  lazy: ['ess-map'],
  rootMargin: '200px',
});

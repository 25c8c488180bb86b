/**
 * The orientation connector: one question per screen, branching on the answers, going back, sharing the
 * answers in a link, and the ranked results with why each one is there. Headless and framework-free:
 * Lit elements, React (`useSyncExternalStore(o.subscribe, o.getState)`) or Vue render `getState()` and call
 * the actions. Pure: nothing the person answers leaves the engine (no network, no storage).
 *
 * @module
 */
import type { Parcours } from '../schema/parcours.ts';
import { createJourney } from './journey.ts';
import { createRanker } from './ranker.ts';
import type { OrientationConnector, OrientationOptions } from './types.ts';

export { InvalidParcoursError } from './journey.ts';

/**
 * Creates an orientation journey over `parcours` and the feed's records; results are computed
 * synchronously once the journey is done (see `createLazyOrientation` for a first question without the
 * ranking code).
 *
 * @example
 * const o = createOrientation(feed.parcours[0], { structures: feed.structures, taxonomy: feed.taxonomy });
 * o.subscribe((s) => render(s));
 * o.answer('qui', 'porteur');
 * o.answer('besoin', 'creer');
 * o.setPlace({ lat: 48.788, lon: 2.394, label: 'Vitry-sur-Seine (94400)', cog: { commune: '94081' } });
 *
 * @throws {InvalidParcoursError} when the parcours' references are broken (unknown steps, loops…).
 */
export function createOrientation(parcours: Parcours, options: OrientationOptions): OrientationConnector {
  return createJourney(parcours, options, { ranker: createRanker() });
}

/**
 * The orientation connector for pages that count their bytes: the same journey as `createOrientation`,
 * but the ranking code (criteria matching, distances, widening) is a separate chunk, loaded on the first
 * answer (or `preload()`), so that the first question needs only the journey.
 *
 * @module
 */
import type { Parcours } from '../schema/parcours.ts';
import { createJourney } from './journey.ts';
import type { OrientationConnector, OrientationOptions } from './types.ts';

/**
 * Like `createOrientation`, with the ranking loaded on demand: until it has arrived, a finished journey's
 * state has `done: true` and `results: undefined` (show « loading »); subscribers are notified when the
 * results are there. A failed load (offline) is retried on the next action.
 *
 * @throws {InvalidParcoursError} when the parcours' references are broken (unknown steps, loops…).
 */
export function createLazyOrientation(parcours: Parcours, options: OrientationOptions): OrientationConnector {
  return createJourney(parcours, options, {
    load: () => import('./ranker.ts').then((m) => m.createRanker()),
  });
}

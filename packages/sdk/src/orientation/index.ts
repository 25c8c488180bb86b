/**
 * The orientation engine: an embeddable journey (« parcours ») of a few questions — who you are, what
 * you need, where — whose answers become weighted criteria on the feed's structures and services. Results
 * are ranked, say why they match, widen the area radius after radius when nothing is near, and end in an
 * honest message with alternatives when the feed has nothing. Headless, pure, the same in Node and
 * browsers; nothing the person answers leaves the engine.
 *
 * ```ts
 * const o = createOrientation(parcours, { structures, services, taxonomy });
 * o.answer('qui', 'porteur');
 * o.answer('besoin', 'creer');
 * o.answer('creation', 'financement');
 * o.setPlace({ lat: 48.859, lon: 2.379, label: 'Paris 11e', cog: { commune: '75111', departement: '75' } });
 * const { results } = o.getState(); // results.items[0].reasons → why it matches
 * ```
 *
 * @module
 */
export { createOrientation, InvalidParcoursError } from './connector.ts';
export { createLazyOrientation } from './lazy.ts';
export { canonicalZone, zonesOfCog } from './match.ts';
export { DEFAULT_DISTANCE_SCALE_KM } from './rank.ts';
export type {
  AnswerValue,
  Answers,
  MatchedValue,
  OrientationAlternative,
  OrientationConnector,
  OrientationData,
  OrientationError,
  OrientationListener,
  OrientationOptions,
  OrientationPlace,
  OrientationResult,
  OrientationResults,
  OrientationState,
  Reach,
  ResultReason,
} from './types.ts';
export { parseAnswers, serializeAnswers } from './url.ts';

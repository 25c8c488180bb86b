/**
 * The ranking of a journey's answers over the feed's records, with its caches: the code that only the
 * results need (criteria matching, distances, widening). `createLazyOrientation` loads this module when a
 * result is first wanted.
 *
 * @module
 */
import type { Parcours } from '../schema/parcours.ts';
import { type CandidateSet, ConceptIndex, candidatesOf } from './match.ts';
import { buildQuery, rank } from './rank.ts';
import type { Answers, OrientationData, OrientationPlace, OrientationResults } from './types.ts';

/** What the ranking needs to know of a journey. @internal */
export interface RankInput {
  parcours: Parcours;
  data: OrientationData;
  /** The step ids of the branch, in order. */
  path: readonly string[];
  answers: Answers;
  place: OrientationPlace | undefined;
}

/** Ranks a journey's answers. @internal */
export type Ranker = (input: RankInput) => OrientationResults;

/**
 * A ranker that keeps its indexes (concepts, candidates) for as long as it is given the same records.
 * @internal
 */
export function createRanker(): Ranker {
  let indexed: OrientationData | undefined;
  let concepts: ConceptIndex | undefined;
  let candidates: CandidateSet | undefined;
  return ({ parcours, data, path, answers, place }) => {
    if (data !== indexed || !concepts || !candidates) {
      indexed = data;
      concepts = new ConceptIndex(data.taxonomy?.concepts ?? []);
      // Built on the first results (a journey that is never finished costs nothing).
      candidates = candidatesOf(data.structures, data.services);
    }
    const query = buildQuery(parcours, path, answers, concepts, candidates);
    return rank({ parcours, candidates, query, place });
  };
}

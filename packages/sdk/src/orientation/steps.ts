/**
 * What the journey and the ranking both need from a step, kept apart from the ranking so that the first
 * question can be shown without it.
 *
 * @module
 */
import type { ParcoursOption, ParcoursStep } from '../schema/parcours.ts';
import type { Answers } from './types.ts';

/** The options chosen at a step (none for a place step or a question left aside). @internal */
export function chosenOptions(step: ParcoursStep, value: Answers[string] | undefined): ParcoursOption[] {
  if (value === undefined || value === null || step.kind === 'place') return [];
  const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as readonly string[]) : [];
  // In the parcours' order, so that results do not depend on the order of the clicks.
  return (step.options ?? []).filter((o) => ids.includes(o.id));
}

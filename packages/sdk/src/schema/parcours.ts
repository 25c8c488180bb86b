import * as z from 'zod/mini';
import { described, LocalizedText, text } from './common.ts';
import { msg } from './messages.ts';

const Id = text(1, 200);

/**
 * A criterion on structures and services that an answer adds: the field it looks at, the values it
 * wants, how much it weighs in the ranking, and whether it is a hard filter.
 */
export const Criterion = z.object({
  field: z.enum(['themes', 'publics', 'family', 'legalForms', 'serviceTypes', 'eligibility', 'keywords']),
  values: z.array(text(1, 300)).check(z.minLength(1)),
  weight: described(z.number().check(z.gte(0), z.lte(100)), 'Weight in the ranking (default 1).'),
  required: described(z.boolean(), 'When true, results must meet it (a filter, not only a score).'),
});
export type Criterion = z.infer<typeof Criterion>;

export const ParcoursOption = z.object({
  id: Id,
  label: LocalizedText,
  hint: z.optional(LocalizedText),
  criteria: z.optional(z.array(Criterion)),
  next: described(Id, 'Step to go to when this option is chosen (branching).'),
});
export type ParcoursOption = z.infer<typeof ParcoursOption>;

export const ParcoursStep = z.object({
  id: Id,
  kind: z
    .enum(['single', 'multiple', 'place'])
    .check(z.describe('Single choice, multiple choice, or a place (commune, postcode, geolocation).')),
  question: LocalizedText,
  help: z.optional(LocalizedText),
  options: z.optional(z.array(ParcoursOption)),
  required: z.optional(z.boolean()),
  next: described(Id, 'Default next step; absent = results.'),
});
export type ParcoursStep = z.infer<typeof ParcoursStep>;

/** An orientation journey: a few questions whose answers become ranked criteria on structures. */
export const Parcours = z
  .object({
    id: Id,
    version: text(1, 50),
    title: LocalizedText,
    description: z.optional(LocalizedText),
    start: Id,
    steps: z.array(ParcoursStep).check(z.minLength(1)),
    distance: z.optional(
      z.object({
        weight: described(z.number().check(z.gte(0)), 'Weight of nearness in the ranking (default 1).'),
        radiiKm: described(
          z.array(z.number().check(z.gt(0))).check(z.minLength(1)),
          'Radii tried in turn, widening the area when nothing is found.',
        ),
      }),
    ),
    empty: described(LocalizedText, 'What to say when nothing matches, even after widening.'),
  })
  .check(
    z.refine((p) => p.steps.some((s) => s.id === p.start), {
      error: msg('The start step does not exist', 'L’étape de départ n’existe pas'),
      path: ['start'],
    }),
    z.meta({ title: 'Parcours', description: 'An orientation journey (one question per screen).' }),
  );
export type Parcours = z.infer<typeof Parcours>;

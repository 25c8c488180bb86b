import { z } from 'zod';
import { LocalizedText } from './common.ts';
import { msg } from './messages.ts';

/**
 * A criterion on structures and services that an answer adds: the field it looks at, the values it
 * wants, how much it weighs in the ranking, and whether it is a hard filter.
 */
export const Criterion = z.object({
  field: z.enum(['themes', 'publics', 'family', 'legalForms', 'serviceTypes', 'eligibility', 'keywords']),
  values: z.array(z.string().min(1)).min(1),
  weight: z.number().min(0).max(100).default(1).optional(),
  required: z
    .boolean()
    .optional()
    .meta({ description: 'When true, results must meet it (a filter, not only a score).' }),
});
export type Criterion = z.infer<typeof Criterion>;

export const ParcoursOption = z.object({
  id: z.string().min(1),
  label: LocalizedText,
  hint: LocalizedText.optional(),
  criteria: z.array(Criterion).optional(),
  next: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Step to go to when this option is chosen (branching).' }),
});
export type ParcoursOption = z.infer<typeof ParcoursOption>;

export const ParcoursStep = z.object({
  id: z.string().min(1),
  kind: z
    .enum(['single', 'multiple', 'place'])
    .meta({ description: 'Single choice, multiple choice, or a place (commune, postcode, geolocation).' }),
  question: LocalizedText,
  help: LocalizedText.optional(),
  options: z.array(ParcoursOption).optional(),
  required: z.boolean().optional(),
  next: z.string().min(1).optional().meta({ description: 'Default next step; absent = results.' }),
});
export type ParcoursStep = z.infer<typeof ParcoursStep>;

/** An orientation journey: a few questions whose answers become ranked criteria on structures. */
export const Parcours = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: LocalizedText,
    description: LocalizedText.optional(),
    start: z.string().min(1),
    steps: z.array(ParcoursStep).min(1),
    distance: z
      .object({
        weight: z.number().min(0).default(1).optional(),
        radiiKm: z
          .array(z.number().positive())
          .min(1)
          .optional()
          .meta({ description: 'Radii tried in turn, widening the area when nothing is found.' }),
      })
      .optional(),
    empty: LocalizedText.optional().meta({
      description: 'What to say when nothing matches, even after widening.',
    }),
  })
  .refine((p) => p.steps.some((s) => s.id === p.start), {
    error: msg('The start step does not exist', 'L’étape de départ n’existe pas'),
    path: ['start'],
  })
  .meta({ title: 'Parcours', description: 'An orientation journey (one question per screen).' });
export type Parcours = z.infer<typeof Parcours>;

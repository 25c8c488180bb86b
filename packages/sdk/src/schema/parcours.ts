import * as z from 'zod/mini';
import { described, LocalizedText, text } from './common.ts';
import { msg } from './messages.ts';
import { parcoursProblems } from './parcours-check.ts';

const Id = text(1, 200);

/**
 * The fields a criterion can look at.
 *
 * - `themes`, `publics`: concept ids (`theme--alimentation`) or slugs (`alimentation`) of the taxonomy; a
 *   value also matches its narrower concepts (`theme--sante` matches `theme--bien-etre`);
 * - `family`, `legalForms`: the structure's (for a service, its structure's), e.g. `cooperative`, `scop`;
 * - `serviceTypes`: the types of a service (data·inclusion: `formation`, `accompagnement`…);
 * - `eligibility`: zones by official COG code, written `france`, `region:76`, `departement:46`,
 *   `epci:200054781` or `commune:94081` (a bare 5-digit code is a commune, a 9-digit one an EPCI). A
 *   service matches through its `eligibility` zones, a structure through its address codes;
 * - `keywords`: the record's keywords and name; `text`: its name, keywords and description. Values are
 *   words or phrases compared without case or accents, whole words only; end a value with `*` to match
 *   the beginning of words (`bénévol*` matches « bénévoles » and « bénévolat »).
 */
export const CRITERION_FIELDS = [
  'themes',
  'publics',
  'family',
  'legalForms',
  'serviceTypes',
  'eligibility',
  'keywords',
  'text',
] as const;
export const CriterionField = z.enum(CRITERION_FIELDS).register(z.globalRegistry, {
  description:
    'themes, publics (concept ids or slugs), family, legalForms, serviceTypes, eligibility (france, region:NN, departement:NN, epci:SIREN, commune:INSEE), keywords (keywords and name), text (name, keywords and description; words without case or accents, "*" at the end for a prefix).',
});
export type CriterionField = z.infer<typeof CriterionField>;

/**
 * A criterion on structures and services that an answer adds: the field it looks at, the values it
 * wants, how much it weighs in the ranking, and whether it is a hard filter.
 */
export const Criterion = z.object({
  field: CriterionField,
  values: z.array(text(1, 300)).check(z.minLength(1)),
  weight: described(z.number().check(z.gte(0), z.lte(100)), 'Weight in the ranking (default 1).'),
  required: described(z.boolean(), 'When true, results must meet it (a filter, not only a score).'),
  label: described(
    LocalizedText,
    'How the criterion is said in “why this result” (e.g. « Parle d’insertion par l’activité économique »); default: the field and the labels of the matched values.',
  ),
});
export type Criterion = z.infer<typeof Criterion>;

/** A short key for URLs: letters, digits, `-` and `_`. */
const ShortKey = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_-]{1,24}$/,
      msg(
        'Invalid key: 1 to 24 letters, digits, "-" or "_"',
        'Clé invalide : 1 à 24 lettres, chiffres, « - » ou « _ »',
      ),
    ),
  );

/**
 * Another way to look, offered when nothing matches: a label and the answers it sets (step id → option
 * id, or option ids for a multiple choice). Answers of steps it does not name are kept.
 */
export const ParcoursAlternative = z
  .object({
    label: LocalizedText,
    hint: z.optional(LocalizedText),
    answers: z
      .record(Id, z.union([Id, z.array(Id).check(z.minLength(1))]))
      .register(z.globalRegistry, { description: 'Step id → option id (or ids) to answer instead.' }),
  })
  .register(z.globalRegistry, { title: 'ParcoursAlternative' });
export type ParcoursAlternative = z.infer<typeof ParcoursAlternative>;

/** What to say when an answer leads to nothing, even after widening the area, and where to look instead. */
export const ParcoursEmpty = z
  .object({
    message: LocalizedText,
    alternatives: z.optional(z.array(ParcoursAlternative)),
  })
  .register(z.globalRegistry, {
    title: 'ParcoursEmpty',
    description: 'The honest message (what the feed does not have) and where to look instead.',
  });
export type ParcoursEmpty = z.infer<typeof ParcoursEmpty>;

export const ParcoursOption = z.object({
  id: Id,
  key: described(ShortKey, 'Short stable key for shareable links (default: the id).'),
  label: LocalizedText,
  hint: z.optional(LocalizedText),
  criteria: z.optional(z.array(Criterion)),
  mustMatch: described(
    z.enum(['any', 'all']),
    'Results must meet at least one (any) or every (all) criterion of this option; absent, the criteria only rank results (except those marked required).',
  ),
  explain: described(
    LocalizedText,
    'Why this answer leads to these results, said once above them (“pourquoi ces résultats”).',
  ),
  empty: described(
    ParcoursEmpty,
    'When this answer leads to nothing, even after widening: the honest message and alternatives (the deepest answered option that has one wins).',
  ),
  next: described(Id, 'Step to go to when this option is chosen (branching).'),
});
export type ParcoursOption = z.infer<typeof ParcoursOption>;

export const ParcoursStep = z.object({
  id: Id,
  key: described(ShortKey, 'Short stable key for shareable links (default: the id).'),
  kind: z.enum(['single', 'multiple', 'place']).register(z.globalRegistry, {
    description: 'Single choice, multiple choice, or a place (commune, postcode, geolocation).',
  }),
  question: LocalizedText,
  help: z.optional(LocalizedText),
  options: z.optional(z.array(ParcoursOption)),
  required: z.optional(z.boolean()),
  next: described(Id, 'Default next step; absent = results.'),
});
export type ParcoursStep = z.infer<typeof ParcoursStep>;

// The check of the references lives in a module without zod, so that a widget can check a parcours
// without loading the schema library.
export { parcoursProblems } from './parcours-check.ts';

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
        minResults: described(
          z.int().check(z.gte(1)),
          'Widen until at least this many results are located in the area (default 1); results without a place (national) are always shown but do not count.',
        ),
      }),
    ),
    empty: described(LocalizedText, 'What to say when nothing matches, even after widening.'),
    alternatives: described(
      z.array(ParcoursAlternative),
      'Where to look instead when nothing matches and the answers give no alternatives of their own.',
    ),
  })
  .check(
    z.refine((p) => p.steps.some((s) => s.id === p.start), {
      error: msg('The start step does not exist', 'L’étape de départ n’existe pas'),
      path: ['start'],
    }),
    z.superRefine((p, ctx) => {
      for (const problem of parcoursProblems(p))
        ctx.addIssue({ code: 'custom', path: problem.path, message: msg(problem.en, problem.fr), input: p });
    }),
  )
  .register(z.globalRegistry, {
    title: 'Parcours',
    description: 'An orientation journey (one question per screen).',
  });
export type Parcours = z.infer<typeof Parcours>;

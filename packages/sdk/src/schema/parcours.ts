import * as z from 'zod/mini';
import { described, LocalizedText, text } from './common.ts';
import { msg } from './messages.ts';

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

/**
 * What is wrong in the references of a parcours (duplicate ids or keys, `next` or alternatives naming a
 * step or option that does not exist, a loop), in English and French; empty when it is sound.
 */
export function parcoursProblems(p: {
  start: string;
  steps: readonly ParcoursStep[];
  alternatives?: readonly ParcoursAlternative[] | undefined;
}): { path: (string | number)[]; en: string; fr: string }[] {
  const problems: { path: (string | number)[]; en: string; fr: string }[] = [];
  const byId = new Map<string, ParcoursStep>();
  const keys = new Set<string>();
  p.steps.forEach((s, i) => {
    if (byId.has(s.id))
      problems.push({
        path: ['steps', i, 'id'],
        en: `Duplicate step id "${s.id}"`,
        fr: `Identifiant d’étape en double : « ${s.id} »`,
      });
    byId.set(s.id, s);
    const key = s.key ?? s.id;
    if (keys.has(key))
      problems.push({
        path: ['steps', i, 'key'],
        en: `Duplicate step key "${key}"`,
        fr: `Clé d’étape en double : « ${key} »`,
      });
    keys.add(key);
    const optionIds = new Set<string>();
    const optionKeys = new Set<string>();
    (s.options ?? []).forEach((o, j) => {
      if (optionIds.has(o.id))
        problems.push({
          path: ['steps', i, 'options', j, 'id'],
          en: `Duplicate option id "${o.id}" in step "${s.id}"`,
          fr: `Identifiant d’option en double dans l’étape « ${s.id} » : « ${o.id} »`,
        });
      optionIds.add(o.id);
      const k = o.key ?? o.id;
      if (optionKeys.has(k))
        problems.push({
          path: ['steps', i, 'options', j, 'key'],
          en: `Duplicate option key "${k}" in step "${s.id}"`,
          fr: `Clé d’option en double dans l’étape « ${s.id} » : « ${k} »`,
        });
      optionKeys.add(k);
    });
    if (s.kind !== 'place' && !s.options?.length)
      problems.push({
        path: ['steps', i, 'options'],
        en: `Step "${s.id}" is a choice without options`,
        fr: `L’étape « ${s.id} » est un choix sans options`,
      });
  });
  const checkNext = (next: string | undefined, path: (string | number)[]) => {
    if (next !== undefined && !byId.has(next))
      problems.push({
        path,
        en: `Unknown next step "${next}"`,
        fr: `Étape suivante inconnue : « ${next} »`,
      });
  };
  const checkAlternatives = (alts: readonly ParcoursAlternative[] | undefined, path: (string | number)[]) =>
    alts?.forEach((a, k) => {
      for (const [stepId, value] of Object.entries(a.answers)) {
        const step = byId.get(stepId);
        const values = Array.isArray(value) ? value : [value];
        if (!step || step.kind === 'place' || values.some((v) => !step.options?.some((o) => o.id === v)))
          problems.push({
            path: [...path, k, 'answers', stepId],
            en: `Alternative names an unknown step or option: "${stepId}" = "${values.join(', ')}"`,
            fr: `Une alternative nomme une étape ou une option inconnue : « ${stepId} » = « ${values.join(', ')} »`,
          });
      }
    });
  p.steps.forEach((s, i) => {
    checkNext(s.next, ['steps', i, 'next']);
    s.options?.forEach((o, j) => {
      checkNext(o.next, ['steps', i, 'options', j, 'next']);
      checkAlternatives(o.empty?.alternatives, ['steps', i, 'options', j, 'empty', 'alternatives']);
    });
  });
  checkAlternatives(p.alternatives, ['alternatives']);
  // A loop would make a journey endless: depth-first search over every edge.
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): boolean => {
    const s = byId.get(id);
    if (!s) return false;
    if (state.get(id) === 2) return false;
    if (state.get(id) === 1) return true;
    state.set(id, 1);
    const nexts = new Set([s.next, ...(s.options ?? []).map((o) => o.next)].filter((n) => n !== undefined));
    for (const n of nexts) if (visit(n)) return true;
    state.set(id, 2);
    return false;
  };
  if (problems.length === 0 && p.steps.some((s) => visit(s.id)))
    problems.push({ path: ['steps'], en: 'The steps form a loop', fr: 'Les étapes forment une boucle' });
  return problems;
}

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

/**
 * The check of a parcours' references (ids, keys, `next`, alternatives, loops), without zod: used by the
 * `Parcours` schema (`essaim validate`) and by the orientation engine, which must not load the schema
 * library before its first question.
 *
 * @module
 */
import type { ParcoursAlternative, ParcoursStep } from './parcours.ts';

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

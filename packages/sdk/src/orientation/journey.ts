/**
 * The journey behind the orientation connector: one question per screen, branching on the answers, going
 * back, sharing the answers in a link; the ranking is given by the caller, at once (`createOrientation`)
 * or loaded when first needed (`createLazyOrientation`, so that the first question needs no ranking code).
 * Pure: nothing the person answers leaves the engine (no network, no storage).
 *
 * @module
 */
import type { Messages } from '../errors.ts';
import type { Parcours, ParcoursOption, ParcoursStep } from '../schema/parcours.ts';
import { parcoursProblems } from '../schema/parcours-check.ts';
import { checkCog } from './cog.ts';
import type { Ranker } from './ranker.ts';
import { chosenOptions } from './steps.ts';
import type {
  AnswerValue,
  Answers,
  OrientationConnector,
  OrientationData,
  OrientationError,
  OrientationListener,
  OrientationOptions,
  OrientationPlace,
  OrientationResults,
  OrientationState,
} from './types.ts';
import { parseAnswers, serializeAnswers } from './url.ts';

/** The parcours given to {@link createOrientation} cannot be followed (see `problems`). */
export class InvalidParcoursError extends Error {
  override name = 'InvalidParcoursError';
  /** What is wrong, in French and English. */
  readonly messages: Messages;
  readonly problems: { path: (string | number)[]; en: string; fr: string }[];

  constructor(problems: { path: (string | number)[]; en: string; fr: string }[]) {
    const at = (p: { path: (string | number)[] }) => (p.path.length ? `${p.path.join('.')}: ` : '');
    const messages = {
      fr: `Parcours invalide : ${problems.map((p) => at(p) + p.fr).join(' ; ')}.`,
      en: `Invalid parcours: ${problems.map((p) => at(p) + p.en).join('; ')}.`,
    };
    super(messages.en);
    this.messages = messages;
    this.problems = problems;
  }
}

const q = (step: ParcoursStep): Messages => ({
  fr: step.question.fr,
  en: step.question.en ?? step.question.fr,
});

function error(
  code: OrientationError['code'],
  message: Messages,
  stepId?: string,
  value?: string,
): OrientationError {
  const e: OrientationError = { code, message };
  if (stepId !== undefined) e.stepId = stepId;
  if (value !== undefined) e.value = value;
  return e;
}

const unknownStep = (stepId: string) =>
  error(
    'unknown-step',
    { fr: `Étape inconnue : « ${stepId} ».`, en: `Unknown step “${stepId}”.` },
    stepId,
    stepId,
  );

const notReachable = (stepId: string) =>
  error(
    'not-reachable',
    {
      fr: `La question « ${stepId} » n’est pas sur ce parcours ou pas encore accessible : répondez d’abord aux questions précédentes.`,
      en: `Question “${stepId}” is not on this journey or not reachable yet: answer the previous questions first.`,
    },
    stepId,
    stepId,
  );

const invalidPlace = (stepId: string | undefined) =>
  error(
    'invalid-place',
    {
      fr: 'Lieu invalide : une latitude (−90 à 90), une longitude (−180 à 180), le nom du lieu et, si vous les avez, des codes officiels valides sont attendus.',
      en: 'Invalid place: a latitude (−90 to 90), a longitude (−180 to 180), the name of the place and, if known, valid official codes are expected.',
    },
    stepId,
  );

/** Checks and normalises a place (a fresh frozen copy), or `undefined` when it is not one. */
function checkPlace(value: unknown): OrientationPlace | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Partial<OrientationPlace>;
  const { lat, lon, label } = v;
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon))
    return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  if (typeof label !== 'string' || !label.trim()) return undefined;
  const place: OrientationPlace = { lat, lon, label: label.trim() };
  if (v.cog !== undefined) {
    const codes = checkCog(v.cog);
    if (!codes) return undefined;
    if (Object.keys(codes).length) place.cog = Object.freeze(codes);
  }
  return Object.freeze(place);
}

/** Checks an answer to `step`: the normalised value, or why it is refused. */
function checkAnswer(
  step: ParcoursStep,
  value: unknown,
): { value: AnswerValue } | { error: OrientationError } {
  const blank =
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0);
  if (blank) {
    if (step.required)
      return {
        error: error(
          'required',
          {
            fr: `Cette question demande une réponse : « ${q(step).fr} »`,
            en: `This question needs an answer: “${q(step).en}”`,
          },
          step.id,
        ),
      };
    return { value: null };
  }
  if (step.kind === 'place') {
    const place = checkPlace(value);
    return place ? { value: place } : { error: invalidPlace(step.id) };
  }
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : undefined;
  if (!list || list.some((x) => typeof x !== 'string'))
    return {
      error: error(
        'invalid-value',
        {
          fr: `Réponse illisible à « ${q(step).fr} » : choisissez une des réponses proposées.`,
          en: `Unreadable answer to “${q(step).en}”: choose one of the answers offered.`,
        },
        step.id,
      ),
    };
  const ids = [...new Set(list as string[])];
  const unknown = ids.find((id) => !step.options?.some((o) => o.id === id));
  if (unknown !== undefined)
    return {
      error: error(
        'unknown-option',
        {
          fr: `« ${unknown} » n’est pas une réponse possible à « ${q(step).fr} ».`,
          en: `“${unknown}” is not a possible answer to “${q(step).en}”.`,
        },
        step.id,
        unknown,
      ),
    };
  if (step.kind === 'single') {
    if (ids.length > 1)
      return {
        error: error(
          'invalid-value',
          {
            fr: `Une seule réponse est possible à « ${q(step).fr} ».`,
            en: `Only one answer is possible to “${q(step).en}”.`,
          },
          step.id,
          ids.join(','),
        ),
      };
    return { value: ids[0]! };
  }
  // Multiple choice: in the parcours' order, so that equal answers are equal arrays.
  return { value: Object.freeze((step.options ?? []).filter((o) => ids.includes(o.id)).map((o) => o.id)) };
}

/** Everything of a state but its results (compared by identity). */
const signature = (s: OrientationState) =>
  JSON.stringify([
    s.step?.id,
    s.stepNumber,
    s.totalSteps,
    s.path,
    s.answers,
    s.place,
    s.canGoBack,
    s.errors,
    s.done,
  ]);

/**
 * Where the ranking comes from: a ranker at hand, or a function that loads one (called once, when a result
 * is first needed or on `preload`; a failed load is retried on the next need).
 * @internal
 */
export type RankerSource = { ranker: Ranker } | { load: () => Promise<Ranker> };

/**
 * The journey over `parcours` with the ranking from `source`. Use `createOrientation` or
 * `createLazyOrientation`.
 * @internal
 */
export function createJourney(
  parcours: Parcours,
  options: OrientationOptions,
  source: RankerSource,
): OrientationConnector {
  const problems = parcoursProblems(parcours);
  if (!parcours.steps.some((s) => s.id === parcours.start))
    problems.unshift({
      path: ['start'],
      en: 'The start step does not exist',
      fr: 'L’étape de départ n’existe pas',
    });
  if (problems.length) throw new InvalidParcoursError(problems);

  const onListenerError =
    options.onListenerError ??
    ((e: unknown) =>
      queueMicrotask(() => {
        throw e;
      }));
  const steps = new Map(parcours.steps.map((s) => [s.id, s]));
  const listeners = new Set<OrientationListener>();

  let data: OrientationData = options;
  let ranker: Ranker | undefined = 'ranker' in source ? source.ranker : undefined;
  let loading: Promise<void> | undefined;
  /** Set when a load failed: retried on the next action, not by the recomputation that follows. */
  let failed = false;
  /** Loads the ranker once (lazy source); the state is recomputed when it arrives. */
  function loadRanker(retry = true): void {
    if (ranker || loading || !('load' in source) || (failed && !retry)) return;
    failed = false;
    loading = source.load().then(
      (r) => {
        ranker = r;
        loading = undefined;
        commit(state.errors.filter((e) => e.code !== 'unavailable'));
      },
      (e: unknown) => {
        loading = undefined;
        failed = true;
        console.error('[essaim] orientation: the ranking could not be loaded', e);
        commit([
          error('unavailable', {
            fr: 'Les résultats n’ont pas pu être calculés : une partie du programme n’a pas pu être chargée. Vérifiez votre connexion, puis réessayez.',
            en: 'The results could not be worked out: part of the program could not be loaded. Check your connection, then try again.',
          }),
        ]);
      },
    );
  }

  // Internal state: the answers, the question shown (undefined = results), a place without a place step.
  let answers: Record<string, AnswerValue> = {};
  let cursor: string | undefined = parcours.start;
  let loosePlace: OrientationPlace | undefined;

  /** The branch: answered steps, then each step's default next. */
  function branch(a: Readonly<Record<string, AnswerValue>>): { path: string[]; firstOpen: number } {
    const path: string[] = [];
    let firstOpen = -1;
    let id: string | undefined = parcours.start;
    while (id !== undefined && !path.includes(id)) {
      const step = steps.get(id);
      if (!step) break;
      path.push(id);
      if (id in a) {
        const chosen: ParcoursOption | undefined = chosenOptions(step, a[id]).find(
          (o) => o.next !== undefined,
        );
        id = chosen?.next ?? step.next;
      } else {
        if (firstOpen < 0) firstOpen = path.length - 1;
        const nexts = new Set((step.options ?? []).map((o) => o.next ?? step.next));
        id = step.next ?? (nexts.size === 1 ? [...nexts][0] : undefined);
      }
    }
    return { path, firstOpen: firstOpen < 0 ? path.length : firstOpen };
  }

  /** Drops the answers of steps that left the branch (places are kept: they are not branch-specific). */
  function prune(): { path: string[]; firstOpen: number } {
    const b = branch(answers);
    for (const id of Object.keys(answers))
      if (!b.path.includes(id) && steps.get(id)?.kind !== 'place') delete answers[id];
    return b;
  }

  function placeOf(path: readonly string[]): OrientationPlace | undefined {
    for (let i = path.length - 1; i >= 0; i--) {
      const v = answers[path[i]!];
      if (steps.get(path[i]!)?.kind === 'place' && v && typeof v === 'object' && !Array.isArray(v))
        return v as OrientationPlace;
    }
    return loosePlace;
  }

  let lastResultsKey = '';
  let lastResults: OrientationResults | undefined;
  /** The results, or `undefined` while a lazily loaded ranking is on its way. */
  function results(
    path: readonly string[],
    place: OrientationPlace | undefined,
  ): OrientationResults | undefined {
    const key = JSON.stringify([path, path.map((id) => answers[id] ?? null), place ?? null]);
    if (lastResults && key === lastResultsKey) return lastResults;
    if (!ranker) {
      loadRanker(false);
      return undefined;
    }
    lastResults = ranker({ parcours, data, path, answers, place });
    lastResultsKey = key;
    return lastResults;
  }

  function snapshot(errors: readonly OrientationError[]): OrientationState {
    const { path, firstOpen } = prune();
    if (cursor !== undefined) {
      const i = path.indexOf(cursor);
      if (i < 0 || i > firstOpen) cursor = path[firstOpen];
    } else if (firstOpen < path.length) cursor = path[firstOpen];
    const done = cursor === undefined;
    const place = placeOf(path);
    const visible: Record<string, AnswerValue> = {};
    for (const id of path) if (id in answers) visible[id] = answers[id]!;
    const index = cursor === undefined ? path.length - 1 : path.indexOf(cursor);
    return Object.freeze({
      step: cursor === undefined ? undefined : steps.get(cursor),
      stepNumber: done ? path.length : index + 1,
      totalSteps: path.length,
      path: Object.freeze(path),
      answers: Object.freeze(visible),
      place,
      canGoBack: done ? path.length > 0 : index > 0,
      errors: Object.freeze([...errors]),
      done,
      results: done ? results(path, place) : undefined,
    });
  }

  let state: OrientationState;

  function commit(errors: readonly OrientationError[] = []): void {
    const previous = state;
    state = snapshot(errors);
    if (previous && previous.results === state.results && signature(previous) === signature(state)) {
      state = previous; // nothing changed: same object, no notification
      return;
    }
    const s = state;
    for (const listener of [...listeners]) {
      try {
        listener(s);
      } catch (e) {
        onListenerError(e);
      }
    }
  }

  /** Sets several answers (not checked against the branch), then shows the first open question. */
  function applyAnswers(given: Answers): OrientationError[] {
    const errors: OrientationError[] = [];
    for (const [stepId, value] of Object.entries(given)) {
      const step = steps.get(stepId);
      if (!step) {
        errors.push(unknownStep(stepId));
        continue;
      }
      const checked = checkAnswer(step, value);
      if ('error' in checked) errors.push(checked.error);
      else answers[stepId] = checked.value;
    }
    const { path, firstOpen } = prune();
    cursor = path[firstOpen];
    return errors;
  }

  state = snapshot([]);
  if (options.initialAnswers) {
    const errors = applyAnswers(options.initialAnswers);
    state = snapshot(errors);
  }

  function placeStepId(): string | undefined {
    const { path } = branch(answers);
    if (cursor !== undefined && steps.get(cursor)?.kind === 'place') return cursor;
    return (
      path.find((id) => steps.get(id)?.kind === 'place') ?? parcours.steps.find((s) => s.kind === 'place')?.id
    );
  }

  return {
    parcours,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    answer(stepId, value) {
      loadRanker(); // the person is on their way: results will be wanted soon
      const step = steps.get(stepId);
      if (!step) return commit([unknownStep(stepId)]);
      const { path, firstOpen } = branch(answers);
      const i = path.indexOf(stepId);
      if (i < 0 || i > firstOpen) return commit([notReachable(stepId)]);
      const checked = checkAnswer(step, value);
      if ('error' in checked) return commit([checked.error]);
      answers[stepId] = checked.value;
      const after = prune();
      cursor = after.path[after.path.indexOf(stepId) + 1];
      commit();
    },
    back() {
      const { path } = branch(answers);
      if (cursor === undefined) cursor = path[path.length - 1];
      else {
        const i = path.indexOf(cursor);
        if (i > 0) cursor = path[i - 1];
      }
      commit();
    },
    restart() {
      answers = {};
      loosePlace = undefined;
      cursor = parcours.start;
      commit();
    },
    goTo(stepId) {
      if (!steps.has(stepId)) return commit([unknownStep(stepId)]);
      const { path, firstOpen } = branch(answers);
      const i = path.indexOf(stepId);
      if (i < 0 || i > firstOpen) return commit([notReachable(stepId)]);
      cursor = stepId;
      commit();
    },
    setPlace(place) {
      const stepId = placeStepId();
      if (place === undefined) {
        loosePlace = undefined;
        if (stepId) delete answers[stepId];
        return commit();
      }
      const checked = checkPlace(place);
      if (!checked) return commit([invalidPlace(stepId)]);
      if (!stepId) {
        loosePlace = checked;
        return commit();
      }
      answers[stepId] = checked;
      if (cursor === stepId) {
        const after = prune();
        cursor = after.path[after.path.indexOf(stepId) + 1];
      }
      commit();
    },
    setAnswers(given) {
      commit(applyAnswers(given));
    },
    serializeAnswers() {
      return serializeAnswers(parcours, state.answers, state.path);
    },
    parseAnswers(text) {
      const parsed = parseAnswers(parcours, text);
      answers = {};
      loosePlace = undefined;
      const errors = [...parsed.errors, ...applyAnswers(parsed.answers)];
      commit(errors);
      return errors;
    },
    preload() {
      loadRanker();
    },
    setData(next) {
      data = next;
      lastResults = undefined;
      lastResultsKey = '';
      commit(state.errors);
    },
  };
}

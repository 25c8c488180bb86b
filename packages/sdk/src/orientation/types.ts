/**
 * Public types of the orientation engine (`createOrientation`).
 *
 * @module
 */
import type { Messages } from '../errors.ts';
import type { CogCodes } from '../schema/common.ts';
import type { CriterionField, Parcours, ParcoursAlternative, ParcoursStep } from '../schema/parcours.ts';
import type { Service, Structure } from '../schema/structure.ts';
import type { Concept, Taxonomy } from '../schema/taxonomy.ts';

/**
 * Where the person is: a point (commune centre, postcode centre or geolocation), the label to show, and
 * the official codes of the commune when known (they make eligibility zones usable). Stays in the engine.
 */
export interface OrientationPlace {
  lat: number;
  lon: number;
  /** What to show, e.g. « Vitry-sur-Seine (94400) ». */
  label: string;
  /** COG codes of the place (commune or arrondissement, EPCI, département, région). */
  cog?: CogCodes;
}

/**
 * An answer: an option id (single choice), option ids (multiple choice), a place (place step), or `null`
 * for a question left aside (only when it is not required).
 */
export type AnswerValue = string | readonly string[] | OrientationPlace | null;

/** Answers by step id. */
export type Answers = Readonly<Record<string, AnswerValue>>;

/** Why an action was refused (or which part of a shared link could not be read). */
export interface OrientationError {
  code:
    | 'unknown-step'
    | 'not-reachable'
    | 'required'
    | 'unknown-option'
    | 'invalid-value'
    | 'invalid-place'
    | 'unreadable'
    /** `createLazyOrientation` only: the ranking code could not be loaded (offline); `preload()` retries. */
    | 'unavailable';
  /** The step concerned, when there is one. */
  stepId?: string;
  /** The value that was refused, as given (option id, key, or part of a link). */
  value?: string;
  /** What went wrong and what to do, in French and English. */
  message: Messages;
}

/** A value of a record that met a criterion, with its label in both languages. */
export interface MatchedValue {
  value: string;
  label: Messages;
}

/** One reason why a result is there: a criterion it meets, the values that met it, and its weight. */
export interface ResultReason {
  /** The criterion's field; `distance` for the proximity bonus. */
  criterion: CriterionField | 'distance';
  /** What the criterion means, in both languages (the criterion's `label`, else a default). */
  label: Messages;
  /** The record's values that met the criterion (concept labels, matched words, zones, the distance). */
  values: MatchedValue[];
  /** What it added to the score. */
  weight: number;
  /** True for a hard filter (`required`, or a zone of eligibility checked against the place). */
  required: boolean;
  /** The step and option whose answer added the criterion (absent for distance and place checks). */
  stepId?: string;
  optionId?: string;
}

/**
 * How a result relates to the area searched:
 * - `near`: located, within the radius;
 * - `zone`: its zone covers the place (a service's eligibility, or a structure without coordinates in the
 *   same département);
 * - `national`: no place (a national network, an online service) or eligible in the whole country;
 * - `far`: outside the radii, shown only when the whole feed is searched.
 */
export type Reach = 'near' | 'zone' | 'national' | 'far';

/** One result: a structure, or a service with its structure. */
export interface OrientationResult {
  kind: 'structure' | 'service';
  /** The record id (the service's for a service). */
  id: string;
  structure: Structure;
  service?: Service;
  /** Higher is better: the sum of the weights of the criteria met, plus the proximity bonus. */
  score: number;
  /** Why it matches, criterion by criterion, in the order of the journey. */
  reasons: ResultReason[];
  /** Great-circle distance from the place, when both are located. */
  distanceKm?: number;
  /** How it relates to the area (absent when no place was given). */
  reach?: Reach;
}

/** An alternative to offer when nothing matches, labels in both languages. */
export interface OrientationAlternative {
  label: Messages;
  hint?: Messages;
  /** Pass to `setAnswers()` to look there instead. */
  answers: ParcoursAlternative['answers'];
}

/** The results of a finished journey. */
export interface OrientationResults {
  /** Every result, best first (score, then distance, then name). */
  items: OrientationResult[];
  /** The radius of the area searched, in km; `null` for the whole feed or when no place was given. */
  radiusKm: number | null;
  /** The radii tried before, in order, that gave too few results (the widening). */
  tried: number[];
  /** True when the area was widened beyond the first radius. */
  widened: boolean;
  /** Results located in the area (`near` or `zone`); `national` and `far` ones are not counted. */
  located: number;
  /** Said above the results when the area was widened, or when nothing is near. */
  notice?: Messages;
  /** The `explain` texts of the options chosen, in the order of the journey. */
  explain: Messages[];
  /** Set when there is no result at all, even in the whole feed: the honest message and alternatives. */
  empty?: { message: Messages; alternatives: OrientationAlternative[] };
}

/** What the connector holds. Immutable snapshots: a new object on each change. */
export interface OrientationState {
  /** The question to show; `undefined` once the journey is done (then show `results`). */
  step: ParcoursStep | undefined;
  /** 1-based position of `step` on the current branch (`totalSteps` once done). */
  stepNumber: number;
  /** Steps of the current branch: the answers given so far, then each step's default `next`. */
  totalSteps: number;
  /** The step ids of the current branch, in order. */
  path: readonly string[];
  /** The answers on the current branch (answers of abandoned branches are dropped). */
  answers: Answers;
  /** The place given, if any. */
  place: OrientationPlace | undefined;
  canGoBack: boolean;
  /** Why the last action was refused (empty after an accepted action). */
  errors: readonly OrientationError[];
  done: boolean;
  /**
   * Set once the journey is done (with `createLazyOrientation`: once the ranking code has arrived; until
   * then `done` is true and `results` undefined).
   */
  results: OrientationResults | undefined;
}

export type OrientationListener = (state: OrientationState) => void;

/** The records the engine ranks. Nothing leaves the engine: no network, no storage. */
export interface OrientationData {
  structures: readonly Structure[];
  services?: readonly Service[];
  /** The feed's taxonomy (labels of the reasons, concept slugs and hierarchy). */
  taxonomy?: Taxonomy | { concepts: readonly Concept[] };
}

export interface OrientationOptions extends OrientationData {
  /** Answers to start from (e.g. read from a link with `parseAnswers`). */
  initialAnswers?: Answers;
  /**
   * Receives what a listener throws (the other listeners still run). Default: rethrown asynchronously.
   */
  onListenerError?: (error: unknown) => void;
}

/** A stateful orientation journey. Actions recompute synchronously, then notify. */
export interface OrientationConnector {
  readonly parcours: Parcours;
  /** The current state; the same object until something changes. */
  getState(): OrientationState;
  /** Calls `listener` after each change. Returns the function that unsubscribes. */
  subscribe(listener: OrientationListener): () => void;
  /**
   * Answers a step of the current branch (the current one, or one already answered): an option id, option
   * ids, a place, or `null` to leave a question aside when it is not required. Goes to the next step.
   * Refused answers set `errors` and change nothing else.
   */
  answer(stepId: string, value: AnswerValue): void;
  /** Back to the previous question of the branch (from the results: the last question). */
  back(): void;
  /** Clears every answer and goes back to the first question. */
  restart(): void;
  /** Shows a question of the current branch, already answered or the next to answer. */
  goTo(stepId: string): void;
  /**
   * Sets (or clears, with `undefined`) the place: answers the branch's place step without moving on,
   * unless that step is the current one.
   */
  setPlace(place: OrientationPlace | undefined): void;
  /** Sets several answers at once (e.g. an alternative's), then shows the next question or the results. */
  setAnswers(answers: Answers): void;
  /** The answers as a short, stable text for an opt-in link (coordinates rounded to about 1 km). */
  serializeAnswers(): string;
  /**
   * Replaces the answers with those read from `text` (made by `serializeAnswers`); what cannot be read
   * is skipped and returned.
   */
  parseAnswers(text: string): OrientationError[];
  /** Starts loading the ranking code now, if it is loaded on demand (`createLazyOrientation`). */
  preload(): void;
  /** Swaps the records (a new feed load) and recomputes the results. */
  setData(data: OrientationData): void;
}

/**
 * Ranking: the answers become criteria, each record is checked against them, located against the place,
 * and the area is widened radius after radius until enough results are found.
 *
 * @module
 */
import type { Messages } from '../errors.ts';
import type { Parcours, ParcoursEmpty } from '../schema/parcours.ts';
import { distanceKm as haversineKm } from '../core/geo.ts';
import {
  type CandidateSet,
  type CompiledCriterion,
  type ConceptIndex,
  compileCriterion,
  zoneLabel,
  zonesOfCog,
} from './match.ts';
import { chosenOptions } from './steps.ts';
import type {
  Answers,
  MatchedValue,
  OrientationAlternative,
  OrientationPlace,
  OrientationResult,
  OrientationResults,
  Reach,
  ResultReason,
} from './types.ts';

/** Distance scale of the proximity bonus when the parcours gives no radii, in km. */
export const DEFAULT_DISTANCE_SCALE_KM = 50;

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** `LocalizedText` → both languages (English falls back to French). @internal */
export const both = (t: { fr: string; en?: string | undefined }): Messages => ({
  fr: t.fr,
  en: t.en ?? t.fr,
});

interface StepConstraint {
  /** Per chosen option with `mustMatch`: its mode and the indices of its criteria. */
  options: { mode: 'any' | 'all'; criteria: number[] }[];
}

/** What a journey's answers ask for. @internal */
export interface Query {
  criteria: CompiledCriterion[];
  constraints: StepConstraint[];
  explain: Messages[];
  /** The `empty` of the deepest chosen option that has one. */
  empty: ParcoursEmpty | undefined;
}

/** Compiles the answers on `path` into criteria and constraints. @internal */
export function buildQuery(
  parcours: Parcours,
  path: readonly string[],
  answers: Answers,
  concepts: ConceptIndex,
  set: CandidateSet,
): Query {
  const steps = new Map(parcours.steps.map((s) => [s.id, s]));
  const criteria: CompiledCriterion[] = [];
  const constraints: StepConstraint[] = [];
  const explain: Messages[] = [];
  let empty: ParcoursEmpty | undefined;
  for (const stepId of path) {
    const step = steps.get(stepId)!;
    const constraint: StepConstraint = { options: [] };
    for (const option of chosenOptions(step, answers[stepId])) {
      const indices: number[] = [];
      for (const c of option.criteria ?? []) {
        indices.push(criteria.length);
        criteria.push(compileCriterion(c, stepId, option.id, concepts, set));
      }
      if (option.mustMatch) constraint.options.push({ mode: option.mustMatch, criteria: indices });
      if (option.explain) explain.push(both(option.explain));
      if (option.empty) empty = option.empty;
    }
    if (constraint.options.length) constraints.push(constraint);
  }
  return { criteria, constraints, explain, empty };
}

/** A candidate that meets the answers, before the area is applied. */
interface Evaluated {
  candidate: CandidateSet['list'][number];
  matched: (MatchedValue[] | undefined)[];
  criteriaScore: number;
  distanceKm: number | undefined;
  /** Zones of the place that its declared eligibility (or its département) covers. */
  zoneMatch: string[];
  national: boolean;
}

/** Checks one candidate against the criteria; `undefined` when it does not meet them. */
function evaluate(
  c: CandidateSet['list'][number],
  q: Query,
): Omit<Evaluated, 'distanceKm' | 'zoneMatch' | 'national'> | undefined {
  const matched: (MatchedValue[] | undefined)[] = new Array(q.criteria.length);
  let any = false;
  let score = 0;
  for (let i = 0; i < q.criteria.length; i++) {
    const k = q.criteria[i]!;
    const m = k.test(c);
    if (m.length) {
      matched[i] = m;
      any = true;
      score += k.weight;
    } else if (k.required) return undefined;
  }
  if (q.criteria.length && !any) return undefined;
  for (const constraint of q.constraints) {
    const ok = constraint.options.some((o) =>
      o.mode === 'any'
        ? o.criteria.length === 0 || o.criteria.some((i) => matched[i])
        : o.criteria.every((i) => matched[i]),
    );
    if (!ok) return undefined;
  }
  return { candidate: c, matched, criteriaScore: score };
}

/** Everything {@link rank} needs besides the query. @internal */
export interface RankInput {
  parcours: Parcours;
  candidates: CandidateSet;
  query: Query;
  place: OrientationPlace | undefined;
}

/** km with one decimal, French and English (no `Intl`: this runs for every result). */
function kmLabel(km: number): Messages {
  const v = String(Math.round(km * 10) / 10);
  return { fr: `à ${v.replace('.', ',')} km`, en: `${v} km away` };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Ranks the candidates for a finished journey, widening the area as the parcours says. @internal */
export function rank({ parcours, candidates, query, place }: RankInput): OrientationResults {
  const radii = [...new Set(parcours.distance?.radiiKm ?? [])].sort((a, b) => a - b);
  const minResults = parcours.distance?.minResults ?? 1;
  const distanceWeight = parcours.distance?.weight ?? 1;
  const scale = radii.length ? radii[radii.length - 1]! : DEFAULT_DISTANCE_SCALE_KM;
  const placeZones = new Set(place?.cog ? zonesOfCog(place.cog) : []);
  const placeDepartement = place?.cog?.departement;
  const placeRegion = place?.cog?.region;

  // 1. Criteria, eligibility, distance: once for all radii.
  const evaluated: Evaluated[] = [];
  for (const c of candidates.list) {
    const e = evaluate(c, query);
    if (!e) continue;
    let zoneMatch: string[] = [];
    let national = false;
    if (c.eligibility) {
      // A service that says where it can be used: not for people elsewhere.
      if (c.zones.includes('france')) national = true;
      else if (place?.cog) {
        zoneMatch = c.zones.filter((z) => placeZones.has(z));
        if (!zoneMatch.length) continue;
      }
    } else if (!c.geo) {
      // No coordinates: national when it has no territory either, else of its département (or région).
      if (!c.cog?.departement && !c.cog?.region && !c.cog?.commune) national = true;
      else if (c.cog.departement ? c.cog.departement === placeDepartement : c.cog.region === placeRegion)
        zoneMatch = [c.cog.departement ? `departement:${c.cog.departement}` : `region:${c.cog.region}`];
    }
    const distanceKm = place && c.geo ? haversineKm(place, c.geo) : undefined;
    evaluated.push({ ...e, distanceKm, zoneMatch, national });
  }

  // 2. The area: each radius in turn, then the whole feed.
  const reachAt = (e: Evaluated, radius: number | null): Reach | undefined => {
    if (
      e.distanceKm !== undefined &&
      (radius === null ? !radii.length || e.distanceKm <= scale : e.distanceKm <= radius)
    )
      return 'near';
    if (e.zoneMatch.length) return 'zone';
    if (e.national) return 'national';
    return radius === null ? 'far' : undefined;
  };
  const levels: (number | null)[] = place ? [...radii, null] : [null];
  const tried: number[] = [];
  let radius: number | null = null;
  let located = 0;
  /** Results located within the last radius tried (before the one kept). */
  let lastLocated = 0;
  let reaches: (Reach | undefined)[] = [];
  for (const level of levels) {
    radius = level;
    reaches = evaluated.map((e) => (place ? reachAt(e, level) : undefined));
    located = reaches.filter((r) => r === 'near' || r === 'zone').length;
    if (level === null || located >= minResults) break;
    tried.push(level);
    lastLocated = located;
  }

  // 3. Results, with their reasons; a structure shown through its services is not shown again.
  const items: OrientationResult[] = [];
  evaluated.forEach((e, i) => {
    const reach = reaches[i];
    if (place && reach === undefined) return;
    const c = e.candidate;
    const reasons: ResultReason[] = [];
    query.criteria.forEach((k, j) => {
      const values = e.matched[j];
      if (!values) return;
      reasons.push({
        criterion: k.field,
        label: k.label,
        values,
        weight: k.weight,
        required: k.required,
        stepId: k.stepId,
        optionId: k.optionId,
      });
    });
    if (e.zoneMatch.length)
      reasons.push({
        criterion: 'eligibility',
        label: { fr: 'Accessible depuis votre lieu', en: 'Available where you are' },
        values: e.zoneMatch.map((z) => ({ value: z, label: zoneLabel(z) })),
        weight: 0,
        required: true,
      });
    let bonus = 0;
    if (e.distanceKm !== undefined) {
      bonus = round3(distanceWeight * Math.max(0, 1 - e.distanceKm / scale));
      reasons.push({
        criterion: 'distance',
        label: { fr: 'Distance', en: 'Distance' },
        values: [{ value: String(Math.round(e.distanceKm * 10) / 10), label: kmLabel(e.distanceKm) }],
        weight: bonus,
        required: false,
      });
    }
    const item: OrientationResult = {
      kind: c.kind,
      id: c.id,
      structure: c.structure,
      score: round3(e.criteriaScore + bonus),
      reasons,
    };
    if (c.service) item.service = c.service;
    if (e.distanceKm !== undefined) item.distanceKm = e.distanceKm;
    if (reach) item.reach = reach;
    items.push(item);
  });
  const viaServices = new Set(items.filter((r) => r.kind === 'service').map((r) => r.structure.id));
  const shown = viaServices.size
    ? items.filter((r) => r.kind === 'service' || !viaServices.has(r.id))
    : items;
  // Results outside every radius (`far`) come after those of the area, whatever their score.
  const tier = (r: OrientationResult) => (r.reach === 'far' ? 1 : 0);
  shown.sort(
    (a, b) =>
      tier(a) - tier(b) ||
      b.score - a.score ||
      (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
      collator.compare(a.service?.name ?? a.structure.name, b.service?.name ?? b.structure.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const results: OrientationResults = {
    items: shown,
    radiusKm: radius,
    tried,
    widened: tried.length > 0,
    located,
    explain: query.explain,
  };
  if (place && tried.length) {
    const last = tried[tried.length - 1]!;
    const what =
      lastLocated > 0
        ? { fr: 'Trop peu de résultats', en: 'Too few results' }
        : { fr: 'Rien', en: 'Nothing' };
    if (radius !== null)
      results.notice = {
        fr: `${what.fr} à moins de ${last} km : la zone a été élargie à ${radius} km.`,
        en: `${what.en} within ${last} km: the area was widened to ${radius} km.`,
      };
    else if (shown.length)
      results.notice = {
        fr: `${what.fr} à moins de ${last} km : voici ce que le flux propose ailleurs, du plus proche au plus lointain, et au niveau national.`,
        en: `${what.en} within ${last} km: here is what the feed offers elsewhere, nearest first, and nationwide.`,
      };
  }
  if (!shown.length) results.empty = emptyOutcome(parcours, query.empty);
  return results;
}

/** The honest empty state: the chosen option's, else the parcours', else a default. */
function emptyOutcome(
  parcours: Parcours,
  fromOption: ParcoursEmpty | undefined,
): { message: Messages; alternatives: OrientationAlternative[] } {
  const alternatives = (fromOption?.alternatives ?? parcours.alternatives ?? []).map((a) => {
    const alt: OrientationAlternative = { label: both(a.label), answers: a.answers };
    if (a.hint) alt.hint = both(a.hint);
    return alt;
  });
  const message = fromOption?.message
    ? both(fromOption.message)
    : parcours.empty
      ? both(parcours.empty)
      : {
          fr: 'Aucune structure de ce flux ne correspond à vos réponses, même en cherchant partout. Ce flux ne recense pas toutes les structures : essayez une autre réponse.',
          en: 'No structure of this feed matches your answers, even searching everywhere. This feed does not list every structure: try another answer.',
        };
  return { message, alternatives };
}

/**
 * Matching records against criteria: records are prepared once (normalised text, concept sets, zones),
 * criteria compiled once per journey, then each record is checked field by field.
 *
 * @module
 */
import type { Messages } from '../errors.ts';
import type { CogCodes, GeoPoint } from '../schema/common.ts';
import type { Criterion, CriterionField } from '../schema/parcours.ts';
import type { Service, Structure } from '../schema/structure.ts';
import type { Concept } from '../schema/taxonomy.ts';
import { normalizeText } from '../text/normalize.ts';
import type { MatchedValue } from './types.ts';

/** A structure, or a service seen with its structure: what criteria look at. @internal */
export interface Candidate {
  /** Position in {@link CandidateSet.list}. */
  index: number;
  kind: 'structure' | 'service';
  id: string;
  structure: Structure;
  service: Service | undefined;
  name: string;
  themes: readonly string[];
  publics: readonly string[];
  family: string;
  legalForms: readonly string[];
  serviceTypes: readonly string[];
  /** Zones where it operates: a service's eligibility, else the address codes (`departement:75`…). */
  zones: readonly string[];
  /** True when the zones are a service's declared eligibility (checked against the place). */
  eligibility: boolean;
  geo: GeoPoint | undefined;
  cog: CogCodes | undefined;
  /** ` normalised keywords and name ` (padded with spaces for whole-word search). */
  keywordText: string;
  /** ` normalised name, keywords and description `. */
  fullText: string;
}

/** Concepts by id and by `scheme:slug` (current and former slugs), with their parents. @internal */
export class ConceptIndex {
  private readonly byId = new Map<string, Concept>();
  private readonly bySlug = new Map<string, Concept>();

  constructor(concepts: readonly Concept[]) {
    for (const c of concepts) {
      this.byId.set(c.id, c);
      this.bySlug.set(`${c.scheme}:${c.slug}`, c);
      for (const s of c.formerSlugs ?? [])
        if (!this.bySlug.has(`${c.scheme}:${s}`)) this.bySlug.set(`${c.scheme}:${s}`, c);
    }
  }

  /** The concept of `value` in `scheme` (by id, slug, former slug, or `prefix--slug`). */
  resolve(scheme: string, value: string): Concept | undefined {
    const direct = this.byId.get(value);
    if (direct) return direct;
    const bySlug = this.bySlug.get(`${scheme}:${value}`);
    if (bySlug) return bySlug;
    const i = value.indexOf('--');
    return i >= 0 ? this.bySlug.get(`${scheme}:${value.slice(i + 2)}`) : undefined;
  }

  get(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  private readonly lineages = new Map<string, readonly string[]>();

  /** `id` and its broader concepts, nearest first (cycles cut). */
  lineage(id: string): readonly string[] {
    let out = this.lineages.get(id);
    if (!out) {
      const list = [id];
      let c = this.byId.get(id);
      while (c?.parent && !list.includes(c.parent)) {
        list.push(c.parent);
        c = this.byId.get(c.parent);
      }
      out = list;
      this.lineages.set(id, out);
    }
    return out;
  }

  /** Bilingual label of a concept id, or `fallback`. */
  label(id: string, fallback: string): Messages {
    const c = this.byId.get(id);
    return c ? { fr: c.label.fr, en: c.label.en ?? c.label.fr } : { fr: fallback, en: fallback };
  }
}

const SCHEME_OF: Partial<Record<CriterionField, { scheme: string; prefix: string }>> = {
  themes: { scheme: 'themes', prefix: '' },
  publics: { scheme: 'publics', prefix: '' },
  family: { scheme: 'families', prefix: 'family--' },
  legalForms: { scheme: 'legal-forms', prefix: 'legal-form--' },
  serviceTypes: { scheme: 'service-types', prefix: 'service-type--' },
};

/** `foo--bar` → `bar` (family, legal form and service type values are stored without their prefix). */
function bare(value: string): string {
  const i = value.indexOf('--');
  return i >= 0 ? value.slice(i + 2) : value;
}

/** Paris, Lyon and Marseille arrondissements → their commune. */
function parentCommune(code: string): string | undefined {
  if (/^751(?:0[1-9]|1\d|20)$/.test(code)) return '75056';
  if (/^6938[1-9]$/.test(code)) return '69123';
  if (/^132(?:0[1-9]|1[0-6])$/.test(code)) return '13055';
  return undefined;
}

/** The zones (`commune:…`, `epci:…`, `departement:…`, `region:…`) of a set of COG codes. @internal */
export function zonesOfCog(cog: CogCodes | undefined): string[] {
  if (!cog) return [];
  const out: string[] = [];
  if (cog.commune) {
    out.push(`commune:${cog.commune}`);
    const parent = parentCommune(cog.commune);
    if (parent) out.push(`commune:${parent}`);
  }
  if (cog.epci) out.push(`epci:${cog.epci}`);
  if (cog.departement) out.push(`departement:${cog.departement}`);
  if (cog.region) out.push(`region:${cog.region}`);
  return out;
}

/**
 * A zone written in a criterion or eligibility, in canonical form: `france`, `region:76`,
 * `departement:2A`, `epci:200054781`, `commune:94081` (bare 5-digit codes are communes, 9-digit EPCI).
 * @internal
 */
export function canonicalZone(value: string): string {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (lower === 'france') return 'france';
  const m = /^(region|departement|epci|commune)\s*:\s*(\S+)$/i.exec(v);
  if (m) return `${m[1]!.toLowerCase()}:${m[2]!.toUpperCase()}`;
  if (/^\d{9}$/.test(v)) return `epci:${v}`;
  if (/^(?:\d{5}|2[AB]\d{3})$/i.test(v)) return `commune:${v.toUpperCase()}`;
  return v;
}

/** Bilingual label of a canonical zone. @internal */
export function zoneLabel(zone: string): Messages {
  if (zone === 'france') return { fr: 'Toute la France', en: 'All of France' };
  const [kind, code] = zone.split(':') as [string, string | undefined];
  switch (kind) {
    case 'region':
      return { fr: `Région ${code}`, en: `Région ${code}` };
    case 'departement':
      return { fr: `Département ${code}`, en: `Département ${code}` };
    case 'epci':
      return { fr: `Intercommunalité ${code}`, en: `Inter-municipality ${code}` };
    case 'commune':
      return { fr: `Commune ${code}`, en: `Commune ${code}` };
    default:
      return { fr: zone, en: zone };
  }
}

function eligibilityZones(service: Service): string[] {
  return (service.eligibility ?? []).map((z) => (z.kind === 'france' ? 'france' : `${z.kind}:${z.code}`));
}

const pad = (parts: readonly (string | undefined)[]) =>
  ` ${normalizeText(parts.filter((p) => p !== undefined && p !== '').join(' \n '))} `;

/** Words → candidates (positions in the list, ascending), for one kind of text. @internal */
export class WordIndex {
  readonly postings = new Map<string, number[]>();

  add(doc: number, padded: string): void {
    for (const word of new Set(padded.trim().split(' '))) {
      if (!word) continue;
      const list = this.postings.get(word);
      if (list) list.push(doc);
      else this.postings.set(word, [doc]);
    }
  }
}

/** The candidates of a feed (services first, then structures) and their word indexes. @internal */
export interface CandidateSet {
  list: Candidate[];
  keywords: WordIndex;
  text: WordIndex;
}

const NO_SERVICES: readonly Service[] = [];
const built = new WeakMap<readonly Structure[], WeakMap<readonly Service[], CandidateSet>>();

/**
 * The candidates of a feed, built once per pair of arrays (connectors over the same feed share them: a
 * page with several journeys indexes the feed once). @internal
 */
export function candidatesOf(
  structures: readonly Structure[],
  services: readonly Service[] | undefined,
): CandidateSet {
  const key = services ?? NO_SERVICES;
  let byServices = built.get(structures);
  if (!byServices) built.set(structures, (byServices = new WeakMap()));
  let set = byServices.get(key);
  if (!set) byServices.set(key, (set = buildCandidates(structures, services)));
  return set;
}

/** Builds the candidates of a feed: every service with its structure, and every structure. @internal */
export function buildCandidates(
  structures: readonly Structure[],
  services: readonly Service[] | undefined,
): CandidateSet {
  const byId = new Map<string, Structure>();
  const outStructures: Candidate[] = [];
  for (const s of structures) {
    byId.set(s.id, s);
    const names = [s.name, ...(s.alternateNames ?? [])];
    const keywordText = pad([...names, ...(s.keywords ?? [])]);
    outStructures.push({
      index: 0,
      kind: 'structure',
      id: s.id,
      structure: s,
      service: undefined,
      name: s.name,
      themes: s.themes ?? [],
      publics: s.publics ?? [],
      family: s.family,
      legalForms: s.legalForms ?? [],
      serviceTypes: [],
      zones: zonesOfCog(s.address?.cog),
      eligibility: false,
      geo: s.geo,
      cog: s.address?.cog,
      keywordText,
      fullText: s.description ? `${keywordText}${pad([s.description]).slice(1)}` : keywordText,
    });
  }
  const outServices: Candidate[] = [];
  for (const v of services ?? []) {
    const s = byId.get(v.structureId);
    if (!s) continue; // a service whose structure is not in the feed cannot be shown
    const declared = eligibilityZones(v);
    const cog = v.address?.cog ?? s.address?.cog;
    outServices.push({
      index: 0,
      kind: 'service',
      id: v.id,
      structure: s,
      service: v,
      name: v.name,
      themes: v.themes ?? [],
      publics: v.publics ?? [],
      family: s.family,
      legalForms: s.legalForms ?? [],
      serviceTypes: v.types ?? [],
      zones: declared.length ? declared : zonesOfCog(cog),
      eligibility: declared.length > 0,
      geo: v.geo ?? s.geo,
      cog,
      keywordText: pad([v.name, s.name, ...(s.keywords ?? [])]),
      fullText: pad([v.name, s.name, ...(s.keywords ?? []), v.description]),
    });
  }
  const list = [...outServices, ...outStructures];
  const keywords = new WordIndex();
  const text = new WordIndex();
  list.forEach((c, i) => {
    c.index = i;
    keywords.add(i, c.keywordText);
    text.add(i, c.fullText);
  });
  return { list, keywords, text };
}

/** A criterion ready to test: its values resolved once. @internal */
export interface CompiledCriterion {
  criterion: Criterion;
  field: CriterionField;
  weight: number;
  required: boolean;
  stepId: string;
  optionId: string;
  /** The default label of the reason (when the criterion has none). */
  label: Messages;
  test(c: Candidate): MatchedValue[];
}

const FIELD_LABEL: Record<CriterionField, Messages> = {
  themes: { fr: 'Thème', en: 'Theme' },
  publics: { fr: 'Public', en: 'Audience' },
  family: { fr: 'Famille de l’ESS', en: 'ESS family' },
  legalForms: { fr: 'Statut ou agrément', en: 'Legal form or approval' },
  serviceTypes: { fr: 'Type de service', en: 'Type of service' },
  eligibility: { fr: 'Zone', en: 'Area' },
  keywords: { fr: 'Mots-clés', en: 'Keywords' },
  text: { fr: 'Mentionne', en: 'Mentions' },
};

interface Needle {
  /** As written in the criterion (without the `*`). */
  raw: string;
  /** Normalised. */
  text: string;
  prefix: boolean;
}

function needles(values: readonly string[]): Needle[] {
  const out: Needle[] = [];
  for (const value of values) {
    const v = value.trim();
    const prefix = v.endsWith('*');
    const raw = prefix ? v.slice(0, -1).trim() : v;
    const text = normalizeText(raw);
    if (text) out.push({ raw, text, prefix });
  }
  return out;
}

/** Whether `hay` contains `n` (a whole phrase, or words starting with a prefix); the word found, if so. */
function findNeedle(hay: string, n: Needle): string | undefined {
  if (!n.prefix) return hay.includes(` ${n.text} `) ? n.text : undefined;
  const at = hay.indexOf(` ${n.text}`);
  if (at < 0) return undefined;
  const end = hay.indexOf(' ', at + 1 + n.text.length);
  return hay.slice(at + 1, end < 0 ? undefined : end);
}

/**
 * The candidates whose text contains a needle, with the word found: single words straight from the
 * index, phrases from the postings of their first word then checked in the text.
 */
function lookup(
  set: CandidateSet,
  field: 'keywords' | 'text',
  n: Needle,
  out: Map<number, MatchedValue[]>,
): void {
  const index = field === 'keywords' ? set.keywords : set.text;
  const hayOf = (doc: number) =>
    field === 'keywords' ? set.list[doc]!.keywordText : set.list[doc]!.fullText;
  const words = n.text.split(' ');
  const shown = n.prefix ? `${n.raw}…` : n.raw;
  const add = (doc: number, found: string) => {
    const list = out.get(doc);
    const m = { value: found, label: { fr: `« ${shown} »`, en: `“${shown}”` } };
    if (!list) out.set(doc, [m]);
    else if (!list.some((x) => x.label.fr === m.label.fr)) list.push(m);
  };
  if (words.length === 1 && !n.prefix) {
    for (const doc of index.postings.get(n.text) ?? []) add(doc, n.text);
  } else if (words.length === 1) {
    for (const [word, docs] of index.postings)
      if (word.startsWith(n.text)) for (const doc of docs) add(doc, word);
  } else {
    for (const doc of index.postings.get(words[0]!) ?? []) {
      const found = findNeedle(hayOf(doc), n);
      if (found !== undefined) add(doc, found);
    }
  }
}

/** Compiles a criterion of an answered option. @internal */
export function compileCriterion(
  criterion: Criterion,
  stepId: string,
  optionId: string,
  concepts: ConceptIndex,
  set: CandidateSet,
): CompiledCriterion {
  const field = criterion.field;
  const base = {
    criterion,
    field,
    weight: criterion.weight ?? 1,
    required: criterion.required === true,
    stepId,
    optionId,
    label: criterion.label
      ? { fr: criterion.label.fr, en: criterion.label.en ?? criterion.label.fr }
      : FIELD_LABEL[field],
  };
  switch (field) {
    case 'themes':
    case 'publics': {
      const scheme = SCHEME_OF[field]!.scheme;
      const wanted = new Set(criterion.values.map((v) => concepts.resolve(scheme, v)?.id ?? v));
      const list = (c: Candidate) => (field === 'themes' ? c.themes : c.publics);
      return {
        ...base,
        test(c) {
          const out: MatchedValue[] = [];
          for (const id of list(c))
            if (concepts.lineage(id).some((x) => wanted.has(x)))
              out.push({ value: id, label: concepts.label(id, id) });
          return out;
        },
      };
    }
    case 'family':
    case 'legalForms':
    case 'serviceTypes': {
      const { prefix } = SCHEME_OF[field]!;
      const wanted = new Set(criterion.values.map(bare));
      const list = (c: Candidate): readonly string[] =>
        field === 'family' ? [c.family] : field === 'legalForms' ? c.legalForms : c.serviceTypes;
      return {
        ...base,
        test(c) {
          const out: MatchedValue[] = [];
          for (const v of list(c))
            if (wanted.has(v)) out.push({ value: v, label: concepts.label(`${prefix}${v}`, v) });
          return out;
        },
      };
    }
    case 'eligibility': {
      const wanted = new Set(criterion.values.map(canonicalZone));
      return {
        ...base,
        test(c) {
          return c.zones.filter((z) => wanted.has(z)).map((z) => ({ value: z, label: zoneLabel(z) }));
        },
      };
    }
    case 'keywords':
    case 'text': {
      const found = new Map<number, MatchedValue[]>();
      for (const n of needles(criterion.values)) lookup(set, field, n, found);
      return { ...base, test: (c) => found.get(c.index) ?? [] };
    }
  }
}

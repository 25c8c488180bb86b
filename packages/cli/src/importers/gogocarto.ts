/**
 * GoGoCarto / Transiscope importer: the "gogofull" JSON export (`{licence, ontology, data: [...]}`) or the
 * array of elements itself, with the map's category taxonomy (option `taxonomy`: the SKOS-like `@graph`
 * file, or a GoGoCarto options tree).
 *
 * Real defects it copes with (data/sources/transiscope-idf/SOURCE.txt): lat/lon as strings; postcodes as
 * integers, spaced, 4-digit, or only inside `streetAddress`; the misspelled key `adress` (Festisol) and the
 * extra `addressString` (CRID); the 3-character `CP`/`ville`/`rue` variants; three date formats; phone
 * fields holding several numbers or none; websites holding e-mails or prose; HTML in abstracts;
 * "00:00-00:00" days in opening hours. The key `updatedAt` repeated inside an object: JSON.parse keeps the
 * last one, and so does this importer (the file cannot tell which one is right).
 *
 * Categories are mapped to our theme (and public) concepts by a table (TRANSISCOPE_CATEGORIES, or the
 * `categories` option for another GoGoCarto map). Domain headings ("écologie, alimentation, énergie") are
 * not themes: their children carry the meaning. Categories that name the original source (Près de chez
 * nous, Cap ou pas cap…) go into the provenance name. Every other category id without a concept, including
 * ids missing from the taxonomy file, is kept in `provenance[0].unmappedCategories`: nothing is dropped.
 */
import { Structure } from '@essaim/sdk';
import {
  cleanMultiline,
  cleanText,
  foldKey,
  gogoOpenHoursToOsm,
  inferFamily,
  normalizeUrl,
  truncate,
} from '../normalize/index.ts';
import {
  checkSourceId,
  describeShape,
  finalize,
  localIdOf,
  outcome,
  progressReporter,
  REASONS,
  readJson,
  recordId,
  TaxonomyIndex,
  Warnings,
} from './shared.ts';
import { shapeHint } from './sniff.ts';
import { contactsOf, datesOf, descriptionOf, imagesOf, locationOf } from './gogocarto-fields.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';

const TYPE = 'gogocarto';
const EXPECTS =
  'a GoGoCarto JSON export: an object with a "data" array of elements (each with id, name, geo, address, categories), or that array itself';

/** What one source category means for us. */
export interface CategoryMapping {
  /** Concept ids of the "themes" scheme. */
  themes?: string[];
  /** Concept ids of the "publics" scheme. */
  publics?: string[];
  /** A heading that groups other categories ("domaines", "écologie, alimentation, énergie"): not a theme. */
  heading?: boolean;
}

/**
 * Transiscope's categories (taxonomy-transiscope.json) → our concepts. Ids not listed here, and the nine
 * ids the data uses but the taxonomy file lacks (35, 41, 51, 53, 57, 58, 63, 68, 73), are kept as
 * unmapped. "30 Producteurs, fournisseurs" says too little to pick a theme: kept as unmapped too.
 */
export const TRANSISCOPE_CATEGORIES: Readonly<Record<string, CategoryMapping>> = {
  // Root and domain headings.
  '5': { heading: true }, // domaines
  '106': { heading: true }, // sources
  '33': { heading: true }, // écologie, alimentation, énergie
  '100': { heading: true }, // culture, medias et lien social
  '46': { heading: true }, // citoyenneté, droits, solidarités
  '8': { heading: true }, // éducation, formation
  '102': { heading: true }, // bien-être physique et personnel
  '21': { heading: true }, // Economie Sociale et Solidaire
  // Themes.
  '3': { themes: ['theme--agriculture', 'theme--alimentation'] }, // Agriculture et alimentation
  '32': { themes: ['theme--environnement-energie'] }, // Eau, nature et biodiversité
  '26': { themes: ['theme--environnement-energie'] }, // Climat et énergie
  '11': { themes: ['theme--culture'] }, // Culture
  '23': { themes: ['theme--medias', 'theme--numerique'] }, // Médias et numérique
  '12': { themes: ['theme--solidarite-lien-social'] }, // Espaces de rencontres et de lien social
  '101': { themes: ['theme--citoyennete-droits'] }, // Intelligence collective
  '18': { themes: ['theme--citoyennete-droits'] }, // Citoyenneté, droits, inclusion
  '16': { themes: ['theme--solidarite-lien-social'] }, // Solidarité
  '7': { themes: ['theme--education-formation'] }, // Education
  '15': { themes: ['theme--education-formation'] }, // Formation
  '9': { themes: ['theme--education-populaire'] }, // Sensibilisation
  '20': { themes: ['theme--sante'] }, // Santé
  '103': { publics: ['public--seniors'] }, // personnes âgées
  '104': { themes: ['theme--handicap'], publics: ['public--personnes-en-situation-de-handicap'] }, // handicap
  '105': { themes: ['theme--bien-etre'] }, // Développement personnel, bien-être
  '13': { themes: ['theme--mobilite'] }, // modes de déplacements
  '19': { themes: ['theme--habitat'] }, // Habitat et urbanisme
  '6': { themes: ['theme--habitat', 'theme--logement'] }, // Habitat, logement
  '36': { themes: ['theme--habitat'] }, // Aménagements et projets urbains
  '31': { themes: ['theme--commerce-consommation'] }, // Magasins, commerces
  '14': { themes: ['theme--echanges-monnaies-locales'] }, // Systèmes d'échange alternatifs
  '25': { themes: ['theme--finance-solidaire'] }, // Finance éthique
  '10': { themes: ['theme--reemploi-recyclage'] }, // Fabriquer, réparer, zéro déchets
};

/** Options of the gogocarto importer (SourceConfig.options). */
export interface GogocartoOptions {
  /** Path of the map's category taxonomy (relative to the config file). */
  taxonomy?: string;
  /**
   * Category mapping: "transiscope" (default, the built-in table) or a table `{ "<category id or name>":
   * { "themes": [...], "publics": [...], "heading": true } }` for another GoGoCarto map. A string or an
   * array of strings stands for `{ themes }`.
   */
  categories?: 'transiscope' | Record<string, CategoryMapping | string | string[]>;
  /** Category ids that name the original source of a record (default: those under "sources" in the taxonomy file). */
  sourceCategories?: string[];
}

interface SourceCategory {
  id: string;
  label?: string;
  parent?: string;
}

/** Reads a GoGoCarto taxonomy: SKOS-like `@graph` (Transiscope) or a nested options/subcategories tree. */
export function readGogoTaxonomy(raw: unknown): Map<string, SourceCategory> {
  const out = new Map<string, SourceCategory>();
  const root = raw as Record<string, unknown> | unknown[] | null;
  if (root && !Array.isArray(root) && Array.isArray(root['@graph'])) {
    for (const c of root['@graph'] as Array<Record<string, unknown>>) {
      const id = localIdOf(c['@id']);
      if (!id) continue;
      const parent = localIdOf(c.broader);
      const label = cleanText(c.prefLabel ?? c['skos:prefLabel']).value;
      out.set(id, { id, ...(label ? { label } : {}), ...(parent ? { parent } : {}) });
    }
    return out;
  }
  // GoGoCarto's own format: categories with options, options with subcategories.
  const walk = (nodes: unknown, parent?: string) => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as Array<Record<string, unknown>>) {
      if (!n || typeof n !== 'object') continue;
      const id = localIdOf(n.id);
      const label = cleanText(n.name ?? n.nameShort).value;
      if (id) out.set(id, { id, ...(label ? { label } : {}), ...(parent ? { parent } : {}) });
      walk(n.options, id ?? parent);
      walk(n.subcategories, id ?? parent);
    }
  };
  walk(
    Array.isArray(root)
      ? root
      : ((root as Record<string, unknown> | null)?.taxonomy ??
          (root as Record<string, unknown> | null)?.categories),
  );
  return out;
}

function normalizeTable(categories: GogocartoOptions['categories']): Map<string, CategoryMapping> {
  const table = new Map<string, CategoryMapping>();
  if (!categories || categories === 'transiscope') {
    for (const [k, v] of Object.entries(TRANSISCOPE_CATEGORIES)) table.set(k, v);
    return table;
  }
  for (const [k, v] of Object.entries(categories)) {
    const m: CategoryMapping = typeof v === 'string' ? { themes: [v] } : Array.isArray(v) ? { themes: v } : v;
    table.set(k, m);
    table.set(foldKey(k), m);
  }
  return table;
}

export const gogocartoImporter: Importer = {
  type: TYPE,
  expects: EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const options = (ctx.source.options ?? {}) as GogocartoOptions;
    const raw = await readJson(ctx, TYPE, EXPECTS);
    const elements: unknown = Array.isArray(raw) ? raw : (raw as Record<string, unknown> | null)?.data;
    if (!Array.isArray(elements)) {
      throw new WrongShapeError(
        TYPE,
        ctx.source.path,
        EXPECTS,
        `${describeShape(raw)}${shapeHint(raw, TYPE)}`,
      );
    }
    // Records of another shape (GoGoCarto's search API: `title`, not `name`) are refused as a whole.
    const named = elements.slice(0, 50).some((e) => e && typeof e === 'object' && 'name' in e);
    if (elements.length && !named && shapeHint(raw, TYPE))
      throw new WrongShapeError(
        TYPE,
        ctx.source.path,
        EXPECTS,
        `${describeShape(raw)}${shapeHint(raw, TYPE)}`,
      );
    const sourceTaxonomy = options.taxonomy
      ? readGogoTaxonomy(
          await readJson(
            ctx,
            TYPE,
            'a GoGoCarto taxonomy (JSON with "@graph" or a categories tree)',
            options.taxonomy,
          ),
        )
      : new Map<string, SourceCategory>();
    const table = normalizeTable(options.categories);
    const concepts = new TaxonomyIndex(ctx.taxonomy);
    const sourceCats = sourceCategoryIds(sourceTaxonomy, options.sourceCategories);
    const byLabel = new Map<string, string>();
    for (const c of sourceTaxonomy.values()) if (c.label) byLabel.set(foldKey(c.label), c.id);

    const seen = new Set<string>();
    const report = progressReporter(ctx, elements.length);
    for (let index = 0; index < elements.length; index++) {
      report(index + 1);
      yield mapElement(elements[index], index, ctx, {
        table,
        concepts,
        sourceTaxonomy,
        sourceCats,
        byLabel,
        seen,
      });
    }
  },
};

function sourceCategoryIds(tax: Map<string, SourceCategory>, explicit?: string[]): Set<string> {
  if (explicit) return new Set(explicit.map(String));
  const out = new Set<string>();
  for (const c of tax.values()) {
    // Under the "sources" root (Transiscope: @id 106), at any depth.
    let p = c.parent;
    for (let depth = 0; p && depth < 10; depth++) {
      const parent = tax.get(p);
      if (parent?.label && foldKey(parent.label) === 'sources') {
        out.add(c.id);
        break;
      }
      p = parent?.parent;
    }
  }
  return out;
}

interface Env {
  table: Map<string, CategoryMapping>;
  concepts: TaxonomyIndex;
  sourceTaxonomy: Map<string, SourceCategory>;
  sourceCats: Set<string>;
  byLabel: Map<string, string>;
  seen: Set<string>;
}

function mapElement(input: unknown, index: number, ctx: ImportContext, env: Env): ImportOutcome {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.notAnObject()] };
  }
  const el = input as Record<string, unknown>;
  const localId = localIdOf(el.id ?? el._id);
  if (!localId) return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (id.length > 200)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.idTooLong(id)] };
  if (env.seen.has(id))
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.duplicate(localId)] };
  const w = new Warnings();
  const nameR = cleanText(el.name);
  w.add('name', nameR.notes);
  if (!nameR.value)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.noName()] };
  const name = truncate(nameR.value, 300);
  w.add('name', name.notes);

  const { description, keywords, abstract, more } = descriptionOf(el, w);
  const location = locationOf(el, ctx, w);
  const contacts = contactsOf(el, w, location.address?.country);

  // Opening hours.
  const osm = gogoOpenHoursToOsm(el.openHours);
  w.add('openingHours', osm.notes);
  const hoursText = cleanMultiline(el.openHoursString);
  w.add(
    'openingHoursText',
    hoursText.notes.filter((n) => n.code !== 'html-stripped'),
  );

  const images = imagesOf(el, w);

  // Categories → themes, publics, origin, unmapped.
  const cats = mapCategories(el.categories ?? el.categoriesFull, env, w);

  // Family.
  const fam = inferFamily({
    name: nameR.value,
    tags: keywords,
    texts: [abstract ?? '', more ?? ''],
  });

  const { updatedAt, createdAt } = datesOf(el, w);

  // Provenance.
  const show = normalizeUrl(el.showUrl);
  const edit = normalizeUrl(el.editUrl);
  w.add('provenance.url', show.notes);
  w.add('provenance.editUrl', edit.notes);
  const origin = cats.origin ?? cleanText(el.sourceKey).value;
  const provenance = {
    source: ctx.source.id,
    name:
      origin && foldKey(origin) !== foldKey(ctx.source.name)
        ? `${ctx.source.name} (${origin})`
        : ctx.source.name,
    localId,
    url: show.value,
    editUrl: edit.value,
    updatedAt,
    unmappedCategories: cats.unmapped.length ? cats.unmapped : undefined,
  };

  const draft: Record<string, unknown> = {
    id,
    name: name.value,
    description,
    family: fam.family,
    legalForms: fam.legalForms.length ? fam.legalForms : undefined,
    themes: cats.themes,
    publics: cats.publics,
    keywords,
    address: location.address,
    geo: location.geo,
    contacts,
    openingHours: osm.value,
    openingHoursText: hoursText.value,
    images,
    provenance: [provenance],
    createdAt,
    updatedAt,
  };
  const result = finalize(Structure, draft, w, ['id', 'name', 'family', 'provenance']);
  if (result.ok) env.seen.add(id);
  return outcome('structure', index, result, w, localId);
}

interface MappedCategories {
  themes: string[];
  publics: string[];
  unmapped: string[];
  origin?: string;
}

function mapCategories(raw: unknown, env: Env, w: Warnings): MappedCategories {
  const out: MappedCategories = { themes: [], publics: [], unmapped: [] };
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw];
  const ids: string[] = [];
  for (const item of list) {
    let id: string | undefined;
    if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      id =
        localIdOf(o.id) ??
        (typeof o.name === 'string'
          ? (env.byLabel.get(foldKey(o.name)) ?? cleanText(o.name).value)
          : undefined);
    } else {
      id = localIdOf(item);
      if (id && !/^\d+$/.test(id)) id = env.byLabel.get(foldKey(id)) ?? id;
    }
    if (id && !ids.includes(id)) ids.push(id);
  }
  const present = new Set(ids);
  const add = (target: string[], concept: string, cat: string) => {
    if (!env.concepts.has(concept)) {
      w.one(
        target === out.publics ? 'publics' : 'themes',
        'concept-missing',
        `le concept « ${concept} » (catégorie ${cat}) n’est pas dans la taxonomie du flux`,
        `concept "${concept}" (category ${cat}) is not in the feed's taxonomy`,
      );
      if (!out.unmapped.includes(cat)) out.unmapped.push(cat);
      return;
    }
    if (!target.includes(concept)) target.push(concept);
  };
  for (const cat of ids) {
    if (env.sourceCats.has(cat)) {
      out.origin ??= env.sourceTaxonomy.get(cat)?.label;
      continue;
    }
    const m = env.table.get(cat) ?? env.table.get(foldKey(cat));
    if (m?.heading) {
      // A heading is covered when one of its children is present; alone, its meaning would be lost.
      const covered = [...present].some((c) => c !== cat && env.sourceTaxonomy.get(c)?.parent === cat);
      if (!covered && !out.unmapped.includes(cat)) out.unmapped.push(cat);
      continue;
    }
    if (!m || (!m.themes?.length && !m.publics?.length)) {
      if (!out.unmapped.includes(cat)) out.unmapped.push(cat);
      continue;
    }
    for (const t of m.themes ?? []) add(out.themes, t, cat);
    for (const p of m.publics ?? []) add(out.publics, p, cat);
  }
  return out;
}

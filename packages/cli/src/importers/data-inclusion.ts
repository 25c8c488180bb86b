/**
 * data·inclusion importer: structures and services of the data·inclusion schema (v1, with the v0 field
 * names still found in older exports), as JSON (arrays) or CSV.
 *
 * The source's `path` is the structures file (JSON array, `{structures, services}`, `{items}`, or CSV);
 * the option `services` names a services file. Structures come first (part "structures", index = position
 * in their list), then services (part "services", index = number of structures + position in their list,
 * so that every outcome of the source has its own index, as the build requires).
 *
 * Mapping: `nom` → name; `siret` → siret (+ siren); `adresse`, `complement_adresse`, `code_postal`,
 * `commune`, `code_insee`, `latitude`, `longitude` → address, COG codes and point; `telephone`,
 * `courriel`, `site_web` → contacts; `horaires_accueil` → openingHours (OSM syntax; other text goes to
 * openingHoursText); `accessibilite_lieu` → accessibility.url; `reseaux_porteurs` → networks; `date_maj`
 * → updatedAt; `lien_source` → provenance url; v0 `typologie` → legal form and family. Services:
 * `thematiques` and `publics` (v0 `profils`) → our concepts (values without a concept kept in
 * `provenance[0].unmappedCategories` as "thematique:…" / "public:…"); `type`/`types`, `frais`,
 * `modes_accueil`, `zone_eligibilite` (v0 `zone_diffusion_*`), `modes_mobilisation`, `mobilisable_par`.
 * `lien_mobilisation` (the page to use the service) goes to the service's `contacts.website`, the only
 * link a Service has in our schema.
 */
import { type EligibilityZone, type Family, FAMILIES, type LegalForm, Service, Structure } from '@essaim/sdk';
import {
  cleanMultiline,
  cleanText,
  foldKey,
  looksLikeOsmOpeningHours,
  normalizeDate,
  normalizeEmail,
  normalizeUrl,
  parsePhones,
  splitList,
  truncate,
} from '../normalize/index.ts';
import { parseCsv } from './csv-read.ts';
import {
  checkSourceId,
  describeShape,
  finalize,
  localIdOf,
  normalizeLocation,
  outcome,
  REASONS,
  UPDATED_AT_UNKNOWN,
  readJson,
  readText,
  recordId,
  sourcePath,
  TaxonomyIndex,
  Warnings,
} from './shared.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';
import {
  DI_THEMES,
  FEES,
  MOBILISATION,
  SERVICE_TYPES,
  TYPOLOGIES,
  V0_PROFILS,
  V0_SERVICE_TYPES,
} from './data-inclusion-tables.ts';

export { DI_THEMES } from './data-inclusion-tables.ts';

const TYPE = 'data-inclusion';
const EXPECTS =
  'data·inclusion structures (and services): a JSON array of objects with "id" and "nom", {"structures": […], "services": […]}, or a CSV file with those columns';

export interface DataInclusionOptions {
  /** Path of the services file (JSON or CSV), relative to the config file. */
  services?: string;
  /** Family given to structures whose `typologie` does not tell (default "autre"). */
  family?: Family;
  /** CSV separator ("auto" by default). */
  delimiter?: string;
}

type Row = Record<string, unknown>;

async function readRows(
  ctx: ImportContext,
  path: string,
  options: DataInclusionOptions,
): Promise<{ structures?: Row[]; services?: Row[] }> {
  if (/\.(?:csv|tsv|txt)$/i.test(path)) {
    const { text } = await readText(ctx, path);
    const table = parseCsv(text, { delimiter: options.delimiter, file: sourcePath(ctx, path) });
    if (!table.header.includes('id')) {
      throw new WrongShapeError(
        TYPE,
        sourcePath(ctx, path),
        EXPECTS,
        `a CSV file whose columns are ${table.header.slice(0, 10).join(', ')}`,
      );
    }
    return table.header.includes('structure_id') ? { services: table.rows } : { structures: table.rows };
  }
  const raw = await readJson(ctx, TYPE, EXPECTS, path);
  const o = raw as Record<string, unknown> | unknown[] | null;
  if (Array.isArray(o)) {
    const isServices =
      o.length > 0 && o.every((r) => r && typeof r === 'object' && 'structure_id' in (r as object));
    return isServices ? { services: o as Row[] } : { structures: o as Row[] };
  }
  if (o && typeof o === 'object') {
    const structures = Array.isArray(o.structures)
      ? (o.structures as Row[])
      : Array.isArray(o.items)
        ? (o.items as Row[])
        : undefined;
    const services = Array.isArray(o.services) ? (o.services as Row[]) : undefined;
    if (structures || services)
      return { ...(structures ? { structures } : {}), ...(services ? { services } : {}) };
  }
  throw new WrongShapeError(TYPE, sourcePath(ctx, path), EXPECTS, describeShape(raw));
}

export const dataInclusionImporter: Importer = {
  type: TYPE,
  expects: EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const options = (ctx.source.options ?? {}) as DataInclusionOptions;
    const main = await readRows(ctx, ctx.source.path, options);
    const extra = options.services ? await readRows(ctx, options.services, options) : {};
    const structures = main.structures ?? [];
    const services = [...(main.services ?? []), ...(extra.services ?? [])];
    const concepts = new TaxonomyIndex(ctx.taxonomy);
    const total = structures.length + services.length;
    const seenStructures = new Set<string>();
    let done = 0;
    for (let index = 0; index < structures.length; index++) {
      ctx.progress?.(++done, total);
      yield mapStructure(structures[index], index, ctx, options, seenStructures);
    }
    const seenServices = new Set<string>();
    for (let i = 0; i < services.length; i++) {
      ctx.progress?.(++done, total);
      // Numbered after the structures, as if both files were one: an index stays unique within the source.
      yield mapService(
        services[i],
        structures.length + i,
        ctx,
        concepts,
        seenServices,
        structures.length ? seenStructures : undefined,
      );
    }
  },
};

function text(v: unknown): string | undefined {
  return cleanText(v).value;
}

function mapStructure(
  input: unknown,
  index: number,
  ctx: ImportContext,
  options: DataInclusionOptions,
  seen: Set<string>,
): ImportOutcome {
  if (!input || typeof input !== 'object')
    return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.notAnObject()] };
  const r = input as Row;
  const localId = localIdOf(r.id);
  if (!localId) return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (seen.has(localId))
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.duplicate(localId)] };
  const w = new Warnings();
  const name = text(r.nom);
  if (!name) return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.noName()] };

  const description = cleanMultiline(r.description ?? r.presentation_detail ?? r.presentation_resume);
  const siret =
    typeof r.siret === 'string' || typeof r.siret === 'number'
      ? String(r.siret).replace(/\s+/g, '')
      : undefined;
  if (siret && !/^\d{14}$/.test(siret))
    w.one(
      'siret',
      'siret-invalid',
      `SIRET invalide : « ${siret} » (ignoré)`,
      `invalid SIRET: "${siret}" (ignored)`,
    );
  const rna = text(r.rna);

  const typologie = text(r.typologie)?.toUpperCase();
  const typo = typologie ? TYPOLOGIES[typologie] : undefined;
  const defaultFamily =
    options.family && (FAMILIES as readonly string[]).includes(options.family) ? options.family : 'autre';

  const location = normalizeLocation(
    ctx.places,
    {
      street: r.adresse,
      complement: r.complement_adresse,
      postcode: r.code_postal,
      commune: r.commune,
      insee: r.code_insee,
      lat: r.latitude,
      lon: r.longitude,
    },
    w,
  );
  const contacts = contactsOf(r, w);
  const hours = text(r.horaires_accueil ?? r.horaires_ouverture);
  const access = normalizeUrl(r.accessibilite_lieu ?? r.accessibilite);
  w.add('accessibility.url', access.notes);
  const updated = normalizeDate(r.date_maj);
  w.add('updatedAt', updated.notes);
  if (!updated.value) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);
  const link = normalizeUrl(r.lien_source);
  w.add('provenance.url', link.notes);
  const origin = text(r.source);
  const legalForms: LegalForm[] = typo ? [typo.form] : [];

  const draft: Row = {
    id,
    name: truncate(name, 300).value,
    description: description.value ? truncate(description.value, 20000).value : undefined,
    family: typo?.family ?? defaultFamily,
    legalForms,
    siret: siret && /^\d{14}$/.test(siret) ? siret : undefined,
    siren: siret && /^\d{14}$/.test(siret) ? siret.slice(0, 9) : undefined,
    rna,
    networks: splitList(r.reseaux_porteurs ?? r.labels_nationaux),
    address: location.address,
    geo: location.geo,
    contacts,
    openingHours: hours && looksLikeOsmOpeningHours(hours) ? hours : undefined,
    openingHoursText: hours && !looksLikeOsmOpeningHours(hours) ? hours : undefined,
    accessibility: access.value ? { url: access.value } : undefined,
    provenance: [
      {
        source: ctx.source.id,
        name:
          origin && foldKey(origin) !== foldKey(ctx.source.name)
            ? `${ctx.source.name} (${origin})`
            : ctx.source.name,
        localId,
        url: link.value,
        updatedAt: updated.value,
      },
    ],
    updatedAt: updated.value,
  };
  const result = finalize(Structure, draft, w, ['id', 'name', 'family', 'provenance']);
  if (result.ok) seen.add(localId);
  return outcome('structure', index, result, w, localId);
}

function contactsOf(r: Row, w: Warnings): Row {
  const phones = parsePhones(r.telephone);
  w.add('contacts.phone', phones.notes);
  const email = normalizeEmail(r.courriel);
  w.add('contacts.email', email.notes);
  const site = normalizeUrl(r.site_web ?? r.lien_mobilisation);
  w.add('contacts.website', site.notes);
  return {
    phone: phones.value?.[0],
    phones: phones.value && phones.value.length > 1 ? phones.value : undefined,
    email: email.value,
    website: site.value,
  };
}

function listOf(v: unknown): string[] {
  return splitList(v, /[,;|]/).map((s) => s.trim());
}

function mapService(
  input: unknown,
  index: number,
  ctx: ImportContext,
  concepts: TaxonomyIndex,
  seen: Set<string>,
  structures: Set<string> | undefined,
): ImportOutcome {
  if (!input || typeof input !== 'object')
    return { kind: 'rejected', index, part: 'services', reasons: [REASONS.notAnObject()] };
  const r = input as Row;
  const localId = localIdOf(r.id);
  if (!localId) return { kind: 'rejected', index, part: 'services', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (seen.has(id))
    return { kind: 'rejected', index, localId, part: 'services', reasons: [REASONS.duplicate(localId)] };
  const w = new Warnings();
  const name = text(r.nom);
  if (!name) return { kind: 'rejected', index, localId, part: 'services', reasons: [REASONS.noName()] };
  const structureLocal = localIdOf(r.structure_id);
  if (!structureLocal) {
    return {
      kind: 'rejected',
      index,
      localId,
      part: 'services',
      reasons: [
        {
          code: 'no-structure',
          fr: 'Service sans structure (structure_id manquant)',
          en: 'Service without a structure (structure_id missing)',
        },
      ],
    };
  }
  if (structures && !structures.has(structureLocal)) {
    w.one(
      'structureId',
      'structure-unknown',
      `la structure « ${structureLocal} » n’est pas dans le fichier des structures`,
      `structure "${structureLocal}" is not in the structures file`,
    );
  }

  const unmapped: string[] = [];
  const themes: string[] = [];
  for (const t of listOf(r.thematiques)) {
    const mapped = DI_THEMES[t] ?? DI_THEMES[t.split('--')[0]!];
    const sameAs = concepts.sameAs(`data-inclusion:thematique/${t}`);
    const ids = [...(mapped ?? []), ...(sameAs ? [sameAs] : [])].filter((c) => concepts.has(c));
    if (!ids.length) unmapped.push(`thematique:${t}`);
    for (const c of ids) if (!themes.includes(c)) themes.push(c);
  }
  const publics: string[] = [];
  for (const p of listOf(r.publics ?? r.profils)) {
    if (p === 'tous-publics') continue; // no restriction: no public
    const slug = V0_PROFILS[p] ?? p;
    const c = concepts.sameAs(`data-inclusion:public/${slug}`) ?? concepts.find('publics', slug);
    if (c) {
      if (!publics.includes(c)) publics.push(c);
    } else unmapped.push(`public:${p}`);
  }
  const types = [...new Set(listOf(r.types ?? r.type).map((t) => V0_SERVICE_TYPES[t] ?? t))];
  for (const t of types)
    if (!SERVICE_TYPES.has(t))
      w.one(
        'types',
        'value-unknown',
        `type de service inconnu : « ${t} » (ignoré)`,
        `unknown service type: "${t}" (ignored)`,
      );
  const fees = listOf(r.frais)
    .map((f) => FEES[f])
    .find(Boolean);
  const modes = listOf(r.modes_mobilisation ?? r.modes_orientation_beneficiaire)
    .map((m) => MOBILISATION[m])
    .filter(Boolean);
  const mobilisableBy = listOf(r.mobilisable_par).filter((m) => m === 'usagers' || m === 'professionnels');
  if (!r.mobilisable_par && listOf(r.modes_orientation_accompagnateur).length)
    mobilisableBy.push('professionnels');

  const location = normalizeLocation(
    ctx.places,
    {
      street: r.adresse,
      complement: r.complement_adresse,
      postcode: r.code_postal,
      commune: r.commune,
      insee: r.code_insee,
      lat: r.latitude,
      lon: r.longitude,
    },
    w,
  );
  const contacts = contactsOf({ ...r, site_web: r.lien_mobilisation ?? r.formulaire_en_ligne }, w);
  const hours = text(r.horaires_accueil ?? r.horaires_ouverture);
  if (hours && !looksLikeOsmOpeningHours(hours)) {
    w.one(
      'openingHours',
      'opening-hours-not-osm',
      `horaires hors syntaxe OpenStreetMap : « ${hours} » (ignorés)`,
      `opening hours not in OpenStreetMap syntax: "${hours}" (ignored)`,
    );
  }
  const updated = normalizeDate(r.date_maj);
  w.add('updatedAt', updated.notes);
  if (!updated.value) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);
  const link = normalizeUrl(r.lien_source);
  const origin = text(r.source);

  const draft: Row = {
    id,
    structureId: recordId(ctx.source.id, structureLocal),
    name: truncate(name, 300).value,
    description: cleanMultiline(r.description ?? r.presentation_detail ?? r.presentation_resume).value,
    types: types.filter((t) => SERVICE_TYPES.has(t)),
    themes,
    publics,
    fees,
    feesDetails: text(r.frais_precisions ?? r.frais_autres),
    receptionModes: listOf(r.modes_accueil).filter((m) => m === 'en-presentiel' || m === 'a-distance'),
    mobilisationModes: [...new Set(modes)],
    mobilisableBy: [...new Set(mobilisableBy)],
    eligibility: eligibilityOf(r, w),
    address: location.address,
    geo: location.geo,
    contacts,
    openingHours: hours && looksLikeOsmOpeningHours(hours) ? hours : undefined,
    provenance: [
      {
        source: ctx.source.id,
        name:
          origin && foldKey(origin) !== foldKey(ctx.source.name)
            ? `${ctx.source.name} (${origin})`
            : ctx.source.name,
        localId,
        url: link.value,
        updatedAt: updated.value,
        unmappedCategories: unmapped.length ? unmapped : undefined,
      },
    ],
    updatedAt: updated.value,
  };
  const result = finalize(Service, draft, w, ['id', 'structureId', 'name', 'provenance']);
  if (result.ok) seen.add(id);
  return outcome('service', index, result, w, localId);
}

/** `zone_eligibilite` (v1: COG codes or "france") or v0 `zone_diffusion_type` + `zone_diffusion_code`. */
function eligibilityOf(r: Row, w: Warnings): EligibilityZone[] {
  const out: EligibilityZone[] = [];
  const add = (z: EligibilityZone) => {
    if (!out.some((x) => x.kind === z.kind && ('code' in x ? x.code : '') === ('code' in z ? z.code : '')))
      out.push(z);
  };
  const v0Type = text(r.zone_diffusion_type)?.toLowerCase();
  const v0Code = text(r.zone_diffusion_code);
  if (v0Type) {
    if (v0Type === 'pays') add({ kind: 'france' });
    else if (
      v0Code &&
      (v0Type === 'commune' || v0Type === 'epci' || v0Type === 'departement' || v0Type === 'region')
    ) {
      add({ kind: v0Type, code: v0Code });
    }
  }
  for (const code of listOf(r.zone_eligibilite)) {
    const c = code.toUpperCase();
    if (c === 'FRANCE' || c === '99100') add({ kind: 'france' });
    else if (/^\d{9}$/.test(c)) add({ kind: 'epci', code: c });
    else if (/^(?:\d{5}|2[AB]\d{3})$/.test(c)) add({ kind: 'commune', code: c });
    // data·inclusion lists départements (not régions): a 2–3 character code is a département.
    else if (/^(?:\d{2}|2[AB]|97\d)$/.test(c)) add({ kind: 'departement', code: c });
    else
      w.one(
        'eligibility',
        'zone-invalid',
        `code de zone inconnu : « ${code} » (ignoré)`,
        `unknown zone code: "${code}" (ignored)`,
      );
  }
  return out;
}

/**
 * Generic importers for the spreadsheets and maps publishers already have: `csv` and `geojson`, driven by
 * a small declarative mapping (option `mapping`: a JSON file path, or the mapping object itself).
 *
 * ```json
 * {
 *   "id": "Identifiant",
 *   "fields": {
 *     "name": "Nom",
 *     "description": "Présentation",
 *     "family": { "column": "Statut", "map": { "Asso": "association", "SCOP": "cooperative" } },
 *     "legalForms": { "column": "Statut", "map": { "SCOP": "scop", "Asso": "association" } },
 *     "themes": { "column": "Thèmes", "split": ";" },
 *     "address.street": "Adresse", "address.postcode": "Code postal", "address.commune": "Ville",
 *     "geo": "coordonnees_gps",
 *     "contacts.phone": "Téléphone", "contacts.website": "Site web",
 *     "updatedAt": "Mis à jour le"
 *   },
 *   "defaults": { "family": "association" },
 *   "csv": { "delimiter": "auto", "encoding": "auto" }
 * }
 * ```
 *
 * - `id`: the column holding each row's stable id, or `{ "columns": ["Nom", "Code postal"] }` to build one
 *   from several columns (a row without one is rejected). In GeoJSON, `"$id"` is the feature's `id`.
 * - `fields`: feed field (dotted path) → a column name, or `{ column | columns | value, split, map }`.
 *   Columns are matched exactly, then ignoring case and accents; GeoJSON properties may be dotted paths.
 * - `map` (or top-level `values[field]`): source value → feed value (compared ignoring case and accents;
 *   `null` drops the value). Theme and public values without a map are looked up in the taxonomy by
 *   id, slug or label; those still unknown are kept in `provenance[0].unmappedCategories`.
 * - `defaults`: values for fields the file does not give (`family`, `updatedAt`, `address.country`…).
 *   Without any update date (nor `defaults.updatedAt`), the date stays unknown, with a warning: never the
 *   file's modification date nor the day of the build.
 * - `inferFamily: true`: when no family is given, infer it from the name and description as the GoGoCarto
 *   importer does ("Association …", "SCOP …").
 * - CSV: separator detected among `;`, `,`, tab and `|`; encoding detected (UTF-8, UTF-16 with BOM, else
 *   Windows-1252). Points: `geo.lat` + `geo.lon` columns, or one `geo` column "lat,lon". GeoJSON: the
 *   geometry gives the point (the mean of the coordinates for lines and polygons, with a warning).
 *
 * Only structures are imported this way (the part a spreadsheet of members usually holds).
 */
import { type Family, FAMILIES, LEGAL_FORMS, type LegalForm, Structure } from '@essaim/sdk';
import {
  cleanMultiline,
  cleanText,
  foldKey,
  inferFamily,
  type LatLon,
  looksLikeEmail,
  looksLikeOsmOpeningHours,
  normalizeDate,
  normalizeEmail,
  normalizeGeoJsonPosition,
  normalizeLatLonPair,
  normalizeUrl,
  parsePhones,
  splitList,
  type TextEncoding,
  truncate,
} from '../normalize/index.ts';
import { parseCsv } from './csv-read.ts';
import {
  checkSourceId,
  describeShape,
  finalize,
  normalizeLocation,
  outcome,
  progressReporter,
  REASONS,
  readJson,
  readText,
  recordId,
  sourcePath,
  TaxonomyIndex,
  UPDATED_AT_UNKNOWN,
  Warnings,
} from './shared.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';

export type ValueMap = Record<string, string | string[] | null>;

export type FieldSpec =
  | string
  | {
      /** Source column (CSV) or property (GeoJSON, dotted for nested objects). */
      column?: string;
      /** Several columns, joined with a space (e.g. "Numéro", "Voie"). */
      columns?: string[];
      /** A constant value. */
      value?: unknown;
      /** Separator of a list written in one cell (default for list fields: ";", "," or "|"). */
      split?: string;
      /** Source value → feed value(s); null drops the value. */
      map?: ValueMap;
    };

export interface TabularMapping {
  id: string | { column?: string; columns?: string[] };
  fields: Record<string, FieldSpec>;
  values?: Record<string, ValueMap>;
  defaults?: Record<string, unknown>;
  inferFamily?: boolean;
  csv?: { delimiter?: string; encoding?: TextEncoding | 'auto' | 'latin1' | 'iso-8859-1' };
}

/** Feed fields a mapping may fill (structures). */
export const MAPPABLE_FIELDS = [
  'name',
  'alternateNames',
  'description',
  'family',
  'legalForms',
  'siret',
  'siren',
  'rna',
  'themes',
  'publics',
  'networks',
  'keywords',
  'address.street',
  'address.complement',
  'address.postcode',
  'address.commune',
  'address.cog.commune',
  'address.country',
  'geo',
  'geo.lat',
  'geo.lon',
  'contacts.phone',
  'contacts.email',
  'contacts.website',
  'contacts.socials',
  'openingHours',
  'openingHoursText',
  'images',
  'url',
  'createdAt',
  'updatedAt',
  'provenance.url',
  'provenance.editUrl',
] as const;
const LIST_FIELDS = new Set([
  'alternateNames',
  'legalForms',
  'themes',
  'publics',
  'networks',
  'keywords',
  'contacts.socials',
  'images',
]);

/** A row: gives the raw value of a column / property. */
type Getter = (column: string) => unknown;

interface Prepared {
  mapping: TabularMapping;
  concepts: TaxonomyIndex;
  seen: Set<string>;
  firstWarnings: Array<{ code: string; fr: string; en: string }>;
}

/** Reads the mapping option (a path or an inline object) and checks it. */
export async function loadMapping(ctx: ImportContext, type: string): Promise<TabularMapping> {
  const opt = ctx.source.options?.mapping;
  const expects = 'a mapping: {"id": "<column>", "fields": {"name": "<column>", …}}';
  const raw = typeof opt === 'string' ? await readJson(ctx, type, expects, opt) : opt;
  if (!raw || typeof raw !== 'object') {
    throw new Error(
      `Source "${ctx.source.id}" (${type}): the option "mapping" is required: a JSON file path or an object {"id", "fields"}. / ` +
        `Source « ${ctx.source.id} » (${type}) : l’option « mapping » est obligatoire : chemin d’un fichier JSON ou objet {"id", "fields"}.`,
    );
  }
  const m = raw as TabularMapping;
  const problems: string[] = [];
  if (!m.id || (typeof m.id === 'object' && !m.id.column && !m.id.columns?.length))
    problems.push('"id" is missing');
  if (!m.fields || typeof m.fields !== 'object') problems.push('"fields" is missing');
  else {
    for (const k of Object.keys(m.fields))
      if (!(MAPPABLE_FIELDS as readonly string[]).includes(k)) problems.push(`unknown field "${k}"`);
    if (!m.fields.name) problems.push('"fields.name" is missing');
  }
  if (problems.length) {
    throw new Error(
      `Source "${ctx.source.id}" (${type}): invalid mapping: ${problems.join('; ')}. Fields that can be mapped: ${MAPPABLE_FIELDS.join(', ')}. / ` +
        `Source « ${ctx.source.id} » (${type}) : correspondance invalide : ${problems.join(' ; ')}.`,
    );
  }
  return m;
}

/** Every source column the mapping refers to. */
function referencedColumns(m: TabularMapping): string[] {
  const out = new Set<string>();
  const add = (spec: FieldSpec | TabularMapping['id']) => {
    if (typeof spec === 'string') out.add(spec);
    else if (spec && typeof spec === 'object') {
      if ('column' in spec && spec.column) out.add(spec.column);
      for (const c of ('columns' in spec ? spec.columns : undefined) ?? []) out.add(c);
    }
  };
  add(m.id);
  for (const spec of Object.values(m.fields)) add(spec);
  return [...out].filter((c) => c !== '$id');
}

/** Finds a column by exact name, else ignoring case, accents and punctuation. */
function resolveColumns(
  header: string[],
  wanted: string[],
): { resolved: Map<string, string>; missing: string[] } {
  const resolved = new Map<string, string>();
  const missing: string[] = [];
  const folded = new Map(header.map((h) => [foldKey(h), h]));
  for (const w of wanted) {
    if (header.includes(w)) resolved.set(w, w);
    else if (folded.has(foldKey(w))) resolved.set(w, folded.get(foldKey(w))!);
    else missing.push(w);
  }
  return { resolved, missing };
}

function specOf(spec: FieldSpec): Exclude<FieldSpec, string> {
  return typeof spec === 'string' ? { column: spec } : spec;
}

/** The raw value of a field for one row. */
function rawValue(spec: FieldSpec, get: Getter): unknown {
  const s = specOf(spec);
  if (s.value !== undefined) return s.value;
  if (s.columns?.length) {
    const parts = s.columns
      .map((c) => get(c))
      .filter((v) => v !== undefined && v !== null && String(v).trim() !== '');
    return parts.length ? parts.map(String).join(' ') : undefined;
  }
  return s.column ? get(s.column) : undefined;
}

/** Applies a value map (keys compared folded); unknown values pass through unchanged. */
function mapValue(v: string, map: ValueMap | undefined): { values: string[]; mapped: boolean } {
  if (!map) return { values: [v], mapped: false };
  const hit = Object.entries(map).find(([k]) => k === v || foldKey(k) === foldKey(v));
  if (!hit) return { values: [v], mapped: false };
  const target = hit[1];
  return { values: target === null ? [] : Array.isArray(target) ? target : [target], mapped: true };
}

function fieldValues(
  field: string,
  spec: FieldSpec | undefined,
  get: Getter,
  m: TabularMapping,
): Array<{ values: string[]; mapped: boolean }> {
  if (!spec) return [];
  const raw = rawValue(spec, get);
  if (raw === undefined || raw === null || raw === '') return [];
  const s = specOf(spec);
  const map = s.map ?? m.values?.[field];
  const items = LIST_FIELDS.has(field)
    ? splitList(raw, s.split ? new RegExp(`[${s.split.replace(/[\\\]^-]/g, '\\$&')}]`) : /[;,|\n]/)
    : [String(raw)];
  return items.map((item) => mapValue(item.trim(), map));
}

function first(
  field: string,
  spec: FieldSpec | undefined,
  get: Getter,
  m: TabularMapping,
): string | undefined {
  const v = fieldValues(field, spec, get, m)[0]?.values[0];
  return v === undefined || v === '' ? (m.defaults?.[field] as string | undefined) : v;
}

function rowToOutcome(
  get: Getter,
  index: number,
  ctx: ImportContext,
  p: Prepared,
  point?: { geo?: LatLon; notes: Warnings['list'] },
): ImportOutcome {
  const m = p.mapping;
  const f = m.fields;
  // Id.
  const idSpec = typeof m.id === 'string' ? { column: m.id } : m.id;
  const idRaw = rawValue(idSpec, get);
  const idText = cleanText(idRaw).value;
  const localId =
    idText === undefined ? undefined : idSpec.columns?.length ? foldKey(idText).replace(/\s+/g, '-') : idText;
  if (!localId) return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (id.length > 200)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.idTooLong(id)] };
  if (p.seen.has(id))
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.duplicate(localId)] };
  const w = new Warnings();
  if (index === 0) for (const n of p.firstWarnings) w.one('', n.code, n.fr, n.en);
  if (point) w.list.push(...point.notes);

  const nameR = cleanText(first('name', f.name, get, m));
  w.add('name', nameR.notes);
  if (!nameR.value)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.noName()] };
  const name = truncate(nameR.value, 300);
  w.add('name', name.notes);
  const descR = cleanMultiline(first('description', f.description, get, m));
  const description = descR.value ? truncate(descR.value, 20000) : undefined;
  w.add('description', description?.notes ?? []);

  // Family and legal forms.
  let family: Family | undefined;
  const famRaw = first('family', f.family, get, m);
  if (famRaw) {
    if ((FAMILIES as readonly string[]).includes(famRaw)) family = famRaw as Family;
    else
      w.one(
        'family',
        'value-unknown',
        `famille inconnue : « ${famRaw} » (ajoutez-la à "map")`,
        `unknown family: "${famRaw}" (add it to "map")`,
      );
  }
  const legalForms: LegalForm[] = [];
  for (const { values } of fieldValues('legalForms', f.legalForms, get, m)) {
    for (const v of values) {
      if ((LEGAL_FORMS as readonly string[]).includes(v)) {
        if (!legalForms.includes(v as LegalForm)) legalForms.push(v as LegalForm);
      } else
        w.one(
          'legalForms',
          'value-unknown',
          `forme juridique inconnue : « ${v} » (ajoutez-la à "map")`,
          `unknown legal form: "${v}" (add it to "map")`,
        );
    }
  }
  if (!family && m.inferFamily) {
    const inferred = inferFamily({ name: nameR.value, texts: [descR.value ?? ''] });
    if (inferred.family !== 'autre') {
      family = inferred.family;
      for (const lf of inferred.legalForms) if (!legalForms.includes(lf)) legalForms.push(lf);
    }
  }
  const defaultFamily = m.defaults?.family;
  family ??=
    typeof defaultFamily === 'string' && (FAMILIES as readonly string[]).includes(defaultFamily)
      ? (defaultFamily as Family)
      : 'autre';

  // Themes and publics.
  const unmapped: string[] = [];
  const conceptsOf = (field: 'themes' | 'publics') => {
    const out: string[] = [];
    for (const { values, mapped } of fieldValues(field, f[field], get, m)) {
      for (const v of values) {
        const c = p.concepts.find(field, v);
        if (c) {
          if (!out.includes(c)) out.push(c);
        } else {
          if (mapped)
            w.one(
              field,
              'concept-missing',
              `le concept « ${v} » n’est pas dans la taxonomie du flux`,
              `concept "${v}" is not in the feed's taxonomy`,
            );
          if (!unmapped.includes(v)) unmapped.push(v);
        }
      }
    }
    return out;
  };
  const themes = conceptsOf('themes');
  const publics = conceptsOf('publics');
  const listField = (field: string) => fieldValues(field, f[field], get, m).flatMap((x) => x.values);

  // Location.
  let lat: unknown = first('geo.lat', f['geo.lat'], get, m);
  let lon: unknown = first('geo.lon', f['geo.lon'], get, m);
  let geo = point?.geo;
  if (!geo && f.geo) {
    const pair = normalizeLatLonPair(rawValue(f.geo, get));
    w.add('geo', pair.notes);
    geo = pair.value;
  }
  if (geo) lat = lon = undefined;
  const location = normalizeLocation(
    ctx.places,
    {
      street: first('address.street', f['address.street'], get, m),
      complement: first('address.complement', f['address.complement'], get, m),
      postcode: rawValue(f['address.postcode'] ?? { value: m.defaults?.['address.postcode'] }, get),
      commune: first('address.commune', f['address.commune'], get, m),
      insee: first('address.cog.commune', f['address.cog.commune'], get, m),
      country: first('address.country', f['address.country'], get, m),
      ...(geo ? { geo } : { lat, lon }),
    },
    w,
  );

  // Contacts.
  const contacts: Record<string, unknown> = {};
  const phones = parsePhones(first('contacts.phone', f['contacts.phone'], get, m), {
    country: location.address?.country,
  });
  w.add('contacts.phone', phones.notes);
  if (phones.value?.length) {
    contacts.phone = phones.value[0];
    if (phones.value.length > 1) contacts.phones = phones.value;
  }
  const websiteRaw = first('contacts.website', f['contacts.website'], get, m);
  const emailRaw =
    first('contacts.email', f['contacts.email'], get, m) ??
    (websiteRaw && looksLikeEmail(websiteRaw) ? websiteRaw : undefined);
  const email = normalizeEmail(emailRaw);
  w.add('contacts.email', email.notes);
  if (email.value) contacts.email = email.value;
  if (websiteRaw && !looksLikeEmail(websiteRaw)) {
    const site = normalizeUrl(websiteRaw);
    w.add('contacts.website', site.notes);
    if (site.value) contacts.website = site.value;
  }
  const socials = listField('contacts.socials')
    .map((s) => normalizeUrl(s).value)
    .filter(Boolean);
  if (socials.length) contacts.socials = socials;
  const images = listField('images')
    .map((s) => normalizeUrl(s).value)
    .filter(Boolean);

  const hours = cleanText(first('openingHours', f.openingHours, get, m)).value;
  const hoursText = cleanMultiline(first('openingHoursText', f.openingHoursText, get, m)).value;
  const url = normalizeUrl(first('url', f.url, get, m));
  w.add('url', url.notes);
  const showUrl = normalizeUrl(first('provenance.url', f['provenance.url'], get, m));
  const editUrl = normalizeUrl(first('provenance.editUrl', f['provenance.editUrl'], get, m));

  // Dates.
  const updated = normalizeDate(first('updatedAt', f.updatedAt, get, m));
  w.add('updatedAt', updated.notes);
  const created = normalizeDate(first('createdAt', f.createdAt, get, m));
  // Without a date in the row (nor `defaults.updatedAt`), the update date stays unknown: never the file's.
  const updatedAt = updated.value;
  if (!updatedAt) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);

  const siret = cleanText(first('siret', f.siret, get, m)).value?.replace(/\s+/g, '');
  const siren =
    cleanText(first('siren', f.siren, get, m)).value?.replace(/\s+/g, '') ??
    (siret && /^\d{14}$/.test(siret) ? siret.slice(0, 9) : undefined);

  const draft: Record<string, unknown> = {
    id,
    name: name.value,
    alternateNames: listField('alternateNames'),
    description: description?.value,
    family,
    legalForms,
    siret,
    siren,
    rna: cleanText(first('rna', f.rna, get, m)).value,
    themes,
    publics,
    networks: listField('networks'),
    keywords: listField('keywords'),
    address: location.address,
    geo: location.geo,
    contacts,
    openingHours: hours && looksLikeOsmOpeningHours(hours) ? hours : undefined,
    openingHoursText: hoursText ?? (hours && !looksLikeOsmOpeningHours(hours) ? hours : undefined),
    images,
    url: url.value,
    provenance: [
      {
        source: ctx.source.id,
        name: ctx.source.name,
        localId,
        url: showUrl.value,
        editUrl: editUrl.value,
        updatedAt,
        unmappedCategories: unmapped.length ? unmapped : undefined,
      },
    ],
    createdAt: created.value,
    updatedAt,
  };
  const result = finalize(Structure, draft, w, ['id', 'name', 'family', 'provenance']);
  if (result.ok) p.seen.add(id);
  return outcome('structure', index, result, w, localId);
}

// ---------------------------------------------------------------------------------------------------------

const CSV_EXPECTS = 'a CSV file with a header row whose columns include those named in the mapping';

export const csvImporter: Importer = {
  type: 'csv',
  expects: CSV_EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const mapping = await loadMapping(ctx, 'csv');
    const { text, encoding, guessed } = await readText(ctx, undefined, mapping.csv?.encoding ?? 'auto');
    const table = parseCsv(text, { delimiter: mapping.csv?.delimiter });
    const { resolved, missing } = resolveColumns(table.header, referencedColumns(mapping));
    if (missing.length) {
      throw new WrongShapeError(
        'csv',
        sourcePath(ctx),
        `${CSV_EXPECTS} (missing: ${missing.join(', ')})`,
        `the columns ${table.header.map((h) => `"${h}"`).join(', ')} (separator "${table.delimiter}")`,
      );
    }
    const firstWarnings = guessed
      ? [
          {
            code: 'encoding-guessed',
            fr: `fichier lu comme ${encoding} (ce n’est pas de l’UTF-8)`,
            en: `file read as ${encoding} (it is not UTF-8)`,
          },
        ]
      : [];
    const p: Prepared = {
      mapping,
      concepts: new TaxonomyIndex(ctx.taxonomy),
      seen: new Set(),
      firstWarnings,
    };
    const report = progressReporter(ctx, table.rows.length);
    for (let index = 0; index < table.rows.length; index++) {
      report(index + 1);
      const row = table.rows[index]!;
      const get: Getter = (c) => row[resolved.get(c) ?? c];
      const rowErr = table.rowErrors.get(index);
      const notes = (rowErr ?? []).map((e) => ({
        field: '',
        code: 'csv-row',
        fr: `ligne mal formée : ${e}`,
        en: `malformed row: ${e}`,
      }));
      yield rowToOutcome(get, index, ctx, p, notes.length ? { notes } : undefined);
    }
  },
};

const GEOJSON_EXPECTS =
  'a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}) or an array of Features';

/** A nested property by dotted path ("adresse.cp"), or the literal key when it contains dots. */
function getProperty(props: Record<string, unknown>, path: string): unknown {
  if (path in props) return props[path];
  let cur: unknown = props;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The point of a geometry: a Point's position, else the mean of all positions (lines, polygons). */
export function geometryPoint(geometry: unknown): { geo?: LatLon; notes: Warnings['list'] } {
  const w = new Warnings();
  const g = geometry as { type?: string; coordinates?: unknown; geometries?: unknown[] } | null;
  if (!g || typeof g !== 'object') return { notes: [] };
  if (g.type === 'Point') {
    const r = normalizeGeoJsonPosition(g.coordinates);
    w.add('geo', r.notes);
    return { geo: r.value, notes: w.list };
  }
  const positions: number[][] = [];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number')
      positions.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(
    g.type === 'GeometryCollection'
      ? (g.geometries ?? []).map((x) => (x as { coordinates?: unknown }).coordinates)
      : g.coordinates,
  );
  if (!positions.length) return { notes: [] };
  const lon = positions.reduce((s, p) => s + p[0]!, 0) / positions.length;
  const lat = positions.reduce((s, p) => s + p[1]!, 0) / positions.length;
  const r = normalizeGeoJsonPosition([lon, lat]);
  w.add('geo', r.notes);
  w.one(
    'geo',
    'geometry-centre',
    `géométrie ${g.type} : point pris au centre de ses coordonnées`,
    `${g.type} geometry: point taken at the centre of its coordinates`,
  );
  return { geo: r.value, notes: w.list };
}

export const geojsonImporter: Importer = {
  type: 'geojson',
  expects: GEOJSON_EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const mapping = await loadMapping(ctx, 'geojson');
    const raw = await readJson(ctx, 'geojson', GEOJSON_EXPECTS);
    const o = raw as Record<string, unknown> | unknown[] | null;
    const features = Array.isArray(o)
      ? o
      : o?.type === 'FeatureCollection' && Array.isArray(o.features)
        ? o.features
        : o?.type === 'Feature'
          ? [o]
          : undefined;
    if (!features) throw new WrongShapeError('geojson', sourcePath(ctx), GEOJSON_EXPECTS, describeShape(raw));
    const keys = new Set<string>();
    for (const feat of features.slice(0, 200)) {
      const props = (feat as { properties?: Record<string, unknown> } | null)?.properties;
      if (props && typeof props === 'object') for (const k of Object.keys(props)) keys.add(k);
    }
    const wanted = referencedColumns(mapping);
    const { resolved, missing } = resolveColumns(
      [...keys],
      wanted.map((c) => c.split('.')[0]!),
    );
    if (features.length && missing.length) {
      throw new WrongShapeError(
        'geojson',
        sourcePath(ctx),
        `${GEOJSON_EXPECTS}, with the properties ${missing.join(', ')}`,
        `features whose properties are ${[...keys].slice(0, 20).join(', ')}`,
      );
    }
    const p: Prepared = {
      mapping,
      concepts: new TaxonomyIndex(ctx.taxonomy),
      seen: new Set(),
      firstWarnings: [],
    };
    const report = progressReporter(ctx, features.length);
    for (let index = 0; index < features.length; index++) {
      report(index + 1);
      const feat = (features[index] ?? {}) as {
        id?: unknown;
        properties?: Record<string, unknown> | null;
        geometry?: unknown;
      };
      const props = feat.properties && typeof feat.properties === 'object' ? feat.properties : {};
      const get: Getter = (c) => {
        if (c === '$id') return feat.id;
        const [head, ...rest] = c.split('.');
        const key = resolved.get(head!) ?? head!;
        return getProperty(props, [key, ...rest].join('.'));
      };
      yield rowToOutcome(get, index, ctx, p, geometryPoint(feat.geometry));
    }
  },
};

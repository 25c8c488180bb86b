/**
 * Generic importers for the spreadsheets and maps publishers already have: `csv`, `geojson` and `json`
 * (an array of objects), driven by a declarative mapping (option `mapping`: a JSON file path, relative to
 * the config, or the mapping object itself). The mapping language is described in docs/publishing.md and
 * published as a JSON Schema (`essaim schema mapping`); its zod schema is ../mapping/schema.ts.
 *
 * ```json
 * {
 *   "id": "Identifiant",
 *   "where": { "column": "est_active", "equals": true },
 *   "fields": {
 *     "name": "Nom",
 *     "family": { "column": "Statut", "map": { "Asso": "association", "SCOP": "cooperative" } },
 *     "themes": { "column": "categories[].name" },
 *     "contacts.email": { "column": "mail", "split": " - " },
 *     "openingHours": { "labels": { "lundi": "h_lundi", "mardi": "h_mardi" } },
 *     "createdAt": { "column": "labellisation", "pattern": "(\\d{2}/\\d{2}/\\d{4})", "format": "DD/MM/YYYY" },
 *     "address.commune": { "column": "Ville", "fallback": ["Commune"] }
 *   },
 *   "defaults": { "family": "association", "updatedAt": "2024-08-01" }
 * }
 * ```
 *
 * The mapping is checked before any row is read (../mapping/check.ts, exit code 3 on a mistake). Each
 * source gets a field report (ImportContext.fields): every column with its fate, the values a map did
 * not match, the rows the filter left out, and the warnings by field and kind with examples.
 *
 * Only structures are imported this way (the part a spreadsheet of members usually holds).
 */
import { type Family, FAMILIES, LEGAL_FORMS, type LegalForm, Structure } from '@essaim/sdk';
import { closest } from '../suggest.ts';
import { FieldAccounting } from '../mapping/accounting.ts';
import { loadMapping } from '../mapping/check.ts';
import {
  describeCondition,
  failedCondition,
  type Getter,
  headOf as pathHead,
  itemsOf,
  mapValue,
  mappingColumns,
  isEmpty,
  rawValue,
  readPath,
  specColumns,
  specOf,
  weekdayHours,
} from '../mapping/read.ts';
import { type FieldSpecObject, LIST_FIELDS, type TabularMapping } from '../mapping/schema.ts';
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
  parseDateLoose,
  parsePhones,
  truncate,
} from '../normalize/index.ts';
import { parseCsv } from './csv-read.ts';
import { jsonRecords, shapeHint } from './sniff.ts';
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

export type { FieldSpec, TabularMapping, ValueMap } from '../mapping/schema.ts';
export { MAPPABLE_FIELDS } from '../mapping/schema.ts';
export { loadMapping } from '../mapping/check.ts';

interface Prepared {
  mapping: TabularMapping;
  concepts: TaxonomyIndex;
  seen: Set<string>;
  firstWarnings: Array<{ code: string; fr: string; en: string }>;
  acct: FieldAccounting;
}

/** One row read through the mapping: values per feed field, with warnings and the accounting. */
class RowReader {
  recordId = '';
  constructor(
    readonly get: Getter,
    readonly p: Prepared,
    readonly w: Warnings,
  ) {}

  spec(field: string): FieldSpecObject | undefined {
    const s = this.p.mapping.fields[field as keyof TabularMapping['fields']];
    return s === undefined ? undefined : specOf(s);
  }

  /** The raw value (pattern applied), or undefined. */
  raw(field: string): unknown {
    const s = this.spec(field);
    if (!s) return undefined;
    const r = rawValue(s, this.get);
    this.w.add(field, r.notes);
    return r.value;
  }

  /** The values of a field, split and mapped; a value a map does not match is counted as unmatched. */
  items(field: string): Array<{ value: string; mapped: boolean }> {
    const s = this.spec(field);
    if (!s) return [];
    const raw = this.raw(field);
    if (raw === undefined || raw === null || raw === '') return [];
    const map = s.map ?? this.p.mapping.values?.[field];
    const out: Array<{ value: string; mapped: boolean }> = [];
    for (const item of itemsOf(field, s, raw)) {
      const { values, mapped } = mapValue(item, map);
      if (map && !mapped) this.unmatched(field, item);
      for (const value of values) out.push({ value, mapped });
    }
    return out;
  }

  unmatched(field: string, value: string): void {
    this.p.acct.unmatchedValue(field, value, this.recordId);
  }

  /** A single-value field: its first value, else the mapping's default. Extra split values are reported. */
  first(field: string): string | undefined {
    return this.firstOf(field).value;
  }

  private firstOf(field: string): { value?: string; fromDefault?: boolean } {
    const items = this.items(field);
    if (items.length > 1 && !LIST_FIELDS.has(field)) {
      const rest = items.slice(1).map((i) => i.value);
      this.w.one(
        field,
        'extra-values-dropped',
        `une seule valeur gardée (« ${items[0]!.value} ») ; non gardées : ${rest.join(' ; ')}`,
        `one value kept ("${items[0]!.value}"); not kept: ${rest.join('; ')}`,
      );
    }
    const v = items[0]?.value;
    if (v !== undefined && v !== '') return { value: v };
    const d = this.p.mapping.defaults?.[field];
    return d === undefined || d === null ? {} : { value: String(d), fromDefault: true };
  }

  list(field: string): string[] {
    return this.items(field).map((i) => i.value);
  }

  /** A date field, read with its format when the mapping gives one (a default is an ISO date). */
  date(field: string): { value?: string; notes: Array<{ code: string; fr: string; en: string }> } {
    const format = this.spec(field)?.format;
    const { value, fromDefault } = this.firstOf(field);
    if (value === undefined) return { notes: [] };
    return format && !fromDefault ? parseDateLoose(value, { formats: [format] }) : normalizeDate(value);
  }
}

function rowToOutcome(
  get: Getter,
  index: number,
  ctx: ImportContext,
  p: Prepared,
  point?: { geo?: LatLon; notes: Warnings['list'] },
): ImportOutcome {
  const m = p.mapping;
  const w = new Warnings();
  const r = new RowReader(get, p, w);
  // Id.
  const idSpec = typeof m.id === 'string' ? { column: m.id } : m.id;
  const idRaw = rawValue(idSpec, get).value;
  const idText = cleanText(Array.isArray(idRaw) ? idRaw.join(' ') : idRaw).value;
  const localId =
    idText === undefined ? undefined : idSpec.columns?.length ? foldKey(idText).replace(/\s+/g, '-') : idText;
  r.recordId = localId ?? `#${index}`;
  const failed = failedCondition(m, get);
  if (failed) {
    p.acct.filtered++;
    const what = describeCondition(failed);
    return {
      kind: 'rejected',
      index,
      ...(localId ? { localId } : {}),
      part: 'structures',
      reasons: [
        {
          code: 'filtered-out',
          fr: `Ligne écartée par le filtre "where" de la correspondance (${what})`,
          en: `Row left out by the mapping's "where" filter (${what})`,
        },
      ],
    };
  }
  if (!localId) return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (id.length > 200)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.idTooLong(id)] };
  if (p.seen.has(id))
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.duplicate(localId)] };
  if (index === 0) for (const n of p.firstWarnings) w.one('', n.code, n.fr, n.en);
  if (point) w.list.push(...point.notes);

  const nameR = cleanText(r.first('name'));
  w.add('name', nameR.notes);
  if (!nameR.value)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.noName()] };
  const name = truncate(nameR.value, 300);
  w.add('name', name.notes);
  const descR = cleanMultiline(r.first('description'));
  const description = descR.value ? truncate(descR.value, 20000) : undefined;
  w.add('description', description?.notes ?? []);

  // Family and legal forms.
  let family: Family | undefined;
  const famRaw = r.first('family');
  if (famRaw) {
    if ((FAMILIES as readonly string[]).includes(famRaw)) family = famRaw as Family;
    else {
      if (!r.spec('family')?.map && !m.values?.family) r.unmatched('family', famRaw);
      w.one(
        'family',
        'value-unknown',
        `famille inconnue : « ${famRaw} » (ajoutez-la à "map")`,
        `unknown family: "${famRaw}" (add it to "map")`,
      );
    }
  }
  const legalForms: LegalForm[] = [];
  for (const { value: v, mapped } of r.items('legalForms')) {
    if ((LEGAL_FORMS as readonly string[]).includes(v)) {
      if (!legalForms.includes(v as LegalForm)) legalForms.push(v as LegalForm);
    } else {
      if (mapped || (!r.spec('legalForms')?.map && !m.values?.legalForms)) r.unmatched('legalForms', v);
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
    const hasMap = Boolean(r.spec(field)?.map ?? m.values?.[field]);
    for (const { value: v, mapped } of r.items(field)) {
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
        else if (!hasMap) r.unmatched(field, v);
        if (!unmapped.includes(v)) unmapped.push(v);
      }
    }
    return out;
  };
  const themes = conceptsOf('themes');
  const publics = conceptsOf('publics');

  // Location.
  let lat: unknown = r.first('geo.lat');
  let lon: unknown = r.first('geo.lon');
  let geo = point?.geo;
  if (!geo && r.spec('geo')) {
    const pair = normalizeLatLonPair(r.raw('geo'));
    w.add('geo', pair.notes);
    geo = pair.value;
  }
  if (geo) lat = lon = undefined;
  const postcodeSpec = r.spec('address.postcode');
  const location = normalizeLocation(
    ctx.places,
    {
      street: r.first('address.street'),
      complement: r.first('address.complement'),
      // The raw cell (a number in JSON is padded by the postcode normaliser).
      postcode:
        postcodeSpec && !postcodeSpec.map && !postcodeSpec.split
          ? (r.raw('address.postcode') ?? m.defaults?.['address.postcode'])
          : r.first('address.postcode'),
      commune: r.first('address.commune'),
      insee: r.first('address.cog.commune'),
      country: r.first('address.country'),
      ...(geo ? { geo } : { lat, lon }),
    },
    w,
  );

  // A département or région given by the file (a constant for a regional list): it completes the codes
  // derived from the commune, and never contradicts them.
  for (const level of ['departement', 'region'] as const) {
    const field = `address.cog.${level}`;
    const given = cleanText(r.first(field)).value;
    if (!given) continue;
    const cog = location.address?.cog ?? {};
    const derived = cog[level];
    if (derived && derived !== given)
      w.one(
        field,
        'cog-contradicts-commune',
        `code ${level === 'region' ? 'de région' : 'de département'} « ${given} » donné, mais la commune est en « ${derived} » : celui de la commune est gardé`,
        `${level === 'region' ? 'région' : 'département'} code "${given}" given, but the commune is in "${derived}": the commune's is kept`,
      );
    else if (!derived) location.address = { ...location.address, cog: { ...cog, [level]: given } };
  }

  // Contacts.
  const contacts: Record<string, unknown> = {};
  const phones = parsePhones(r.first('contacts.phone'), { country: location.address?.country });
  w.add('contacts.phone', phones.notes);
  if (phones.value?.length) {
    contacts.phone = phones.value[0];
    if (phones.value.length > 1) contacts.phones = phones.value;
  }
  const websiteRaw = r.first('contacts.website');
  const emails = r.list('contacts.email');
  if (!emails.length && websiteRaw && looksLikeEmail(websiteRaw)) emails.push(websiteRaw);
  if (!emails.length && typeof m.defaults?.['contacts.email'] === 'string')
    emails.push(m.defaults['contacts.email'] as string);
  const email = normalizeEmail(emails[0]);
  w.add('contacts.email', email.notes);
  if (email.value) contacts.email = email.value;
  if (emails.length > 1)
    w.one(
      'contacts.email',
      'extra-values-dropped',
      `une seule adresse e-mail dans le flux (« ${emails[0]} ») ; non gardées : ${emails.slice(1).join(' ; ')}`,
      `one e-mail address in the feed ("${emails[0]}"); not kept: ${emails.slice(1).join('; ')}`,
    );
  if (websiteRaw && !looksLikeEmail(websiteRaw)) {
    const site = normalizeUrl(websiteRaw);
    w.add('contacts.website', site.notes);
    if (site.value) contacts.website = site.value;
  }
  const urls = (field: string) =>
    r
      .list(field)
      .map((s) => {
        const u = normalizeUrl(s);
        w.add(field, u.notes);
        return u.value;
      })
      .filter(Boolean);
  const socials = urls('contacts.socials');
  if (socials.length) contacts.socials = socials;
  const images = urls('images');

  // Opening hours: weekday columns (labels), an OSM value, or text.
  let openingHours: string | undefined;
  let openingHoursText = cleanMultiline(r.first('openingHoursText')).value;
  const hoursSpec = r.spec('openingHours');
  if (hoursSpec?.labels) {
    const h = weekdayHours(hoursSpec, get);
    w.add('openingHours', h.notes);
    openingHours = h.osm;
    if (h.text) openingHoursText = openingHoursText ? `${h.text}\n${openingHoursText}` : h.text;
  } else {
    const hours = cleanText(r.first('openingHours')).value;
    if (hours && looksLikeOsmOpeningHours(hours)) openingHours = hours;
    else if (hours) {
      openingHoursText ??= hours;
      w.one(
        'openingHours',
        'opening-hours-as-text',
        'horaires hors syntaxe OpenStreetMap : gardés en texte',
        'opening hours not in OpenStreetMap syntax: kept as text',
      );
    }
  }
  const url = normalizeUrl(r.first('url'));
  w.add('url', url.notes);
  const showUrl = normalizeUrl(r.first('provenance.url'));
  const editUrl = normalizeUrl(r.first('provenance.editUrl'));

  // Dates.
  const updated = r.date('updatedAt');
  w.add('updatedAt', updated.notes);
  const created = r.date('createdAt');
  w.add('createdAt', created.notes);
  // Without a date in the row (nor `defaults.updatedAt`), the update date stays unknown: never the file's.
  const updatedAt = updated.value;
  if (!updatedAt) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);

  const siret = cleanText(r.first('siret')).value?.replace(/\s+/g, '');
  const siren =
    cleanText(r.first('siren')).value?.replace(/\s+/g, '') ??
    (siret && /^\d{14}$/.test(siret) ? siret.slice(0, 9) : undefined);

  const draft: Record<string, unknown> = {
    id,
    name: name.value,
    alternateNames: r.list('alternateNames'),
    description: description?.value,
    family,
    legalForms,
    siret,
    siren,
    rna: cleanText(r.first('rna')).value,
    themes,
    publics,
    networks: r.list('networks'),
    keywords: r.list('keywords'),
    address: location.address,
    geo: location.geo,
    contacts,
    openingHours,
    openingHoursText,
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
  for (const [field, spec] of Object.entries(m.fields))
    if (spec !== undefined && !isEmpty(rawValue({ ...specOf(spec), pattern: undefined }, get).value))
      p.acct.filled(field);
  const result = finalize(Structure, draft, w, ['id', 'name', 'family', 'provenance']);
  if (result.ok) p.seen.add(id);
  // Each warning says the source value it is about (the report's examples show it).
  for (const warning of w.list) {
    if (warning.value !== undefined) continue;
    const v = sourceOf(r, warning.field)?.value;
    if (v === undefined || isEmpty(v)) continue;
    const text = Array.isArray(v) ? v.join(' | ') : String(v);
    warning.value = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  return outcome('structure', index, result, w, localId);
}

/** The column and source value behind a warning's feed field (for the report's examples). */
function sourceOf(r: RowReader, field: string): { column?: string; value?: unknown } | undefined {
  // The mapped field sharing the longest dotted prefix with the warning's ("address.cog" → "address.cog.commune").
  const parts = field.split('.');
  let f: string | undefined;
  let best = 0;
  for (const k of Object.keys(r.p.mapping.fields)) {
    const kp = k.split('.');
    let n = 0;
    while (n < kp.length && n < parts.length && kp[n] === parts[n]) n++;
    if (n > best) [f, best] = [k, n];
  }
  if (!f) return undefined;
  const s = r.spec(f)!;
  const got = rawValue({ ...s, pattern: undefined }, r.get);
  return { ...(got.column ? { column: got.column } : {}), value: got.value };
}

// ---------------------------------------------------------------------------------------------------------

/** Finds each column a mapping reads in the file's columns: exactly, else ignoring case, accents, punctuation. */
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

function missingColumns(missing: string[], header: string[]): string {
  return missing
    .map((c) => {
      const guess = closest(c, header);
      return guess ? `"${c}" (did you mean "${guess}"?)` : `"${c}"`;
    })
    .join(', ');
}

/** The accounting of a mapping over the file's columns (each column with the fields it feeds). */
function accountingFor(mapping: TabularMapping, columns: string[], resolve: (c: string) => string) {
  const acct = new FieldAccounting(columns);
  for (const { column, use } of mappingColumns(mapping)) acct.use(resolve(column), use);
  declareFields(acct, mapping);
  return acct;
}

/** Declares the mapped fields to the accounting (`skip`: preset fields whose properties the file lacks). */
function declareFields(
  acct: FieldAccounting,
  mapping: TabularMapping,
  skip = (_field: string) => false,
): void {
  for (const [field, spec] of Object.entries(mapping.fields)) {
    if (spec === undefined || skip(field)) continue;
    const s = specOf(spec);
    acct.field(field, s.value !== undefined ? ['(value)'] : specColumns(spec));
  }
}

const CSV_EXPECTS = 'a CSV file with a header row whose columns include those named in the mapping';

export const csvImporter: Importer = {
  type: 'csv',
  expects: CSV_EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const mapping = await loadMapping(ctx, 'csv');
    const { text, encoding, guessed, file } = await readText(ctx, undefined, mapping.csv?.encoding ?? 'auto');
    const start = text.trimStart();
    if (/^[[{]/.test(start) || /^BEGIN:VCALENDAR/i.test(start)) {
      let doc: unknown = start;
      try {
        doc = JSON.parse(text);
      } catch {
        // not JSON: said as text
      }
      const what = typeof doc === 'string' ? 'a text that is not CSV' : describeShape(doc);
      throw new WrongShapeError('csv', file, CSV_EXPECTS, `${what}${shapeHint(doc, 'csv')}`);
    }
    const table = parseCsv(text, { delimiter: mapping.csv?.delimiter, file });
    const wanted = [...new Set(mappingColumns(mapping).map((c) => c.column))];
    const { resolved, missing } = resolveColumns(table.header, wanted);
    if (missing.length) {
      throw new WrongShapeError(
        'csv',
        sourcePath(ctx),
        `${CSV_EXPECTS} (missing: ${missingColumns(missing, table.header)})`,
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
      acct: accountingFor(mapping, table.header, (c) => resolved.get(c) ?? c),
    };
    const report = progressReporter(ctx, table.rows.length);
    for (let index = 0; index < table.rows.length; index++) {
      report(index + 1);
      const row = table.rows[index]!;
      p.acct.countRow(row);
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
    ctx.fields?.(p.acct.report());
  },
};

/** The properties seen in records (the first 1,000), in order of appearance. */
function propertiesOf(records: unknown[], pick: (r: unknown) => unknown): string[] {
  const keys = new Set<string>();
  for (const rec of records.slice(0, 1000)) {
    const props = pick(rec);
    if (props && typeof props === 'object' && !Array.isArray(props))
      for (const k of Object.keys(props)) keys.add(k);
  }
  return [...keys];
}

/**
 * Imports objects (JSON records or GeoJSON feature properties) through a mapping. Paths read nested
 * properties; the first segment of each must be a property of the records, else the file is
 * of the wrong shape.
 */
async function* importObjects(
  ctx: ImportContext,
  type: string,
  expects: string,
  mapping: TabularMapping,
  records: unknown[],
  propsOf: (r: unknown) => Record<string, unknown>,
  extra: { id?: (r: unknown) => unknown; point?: (r: unknown) => { geo?: LatLon; notes: Warnings['list'] } },
  /** A built-in mapping (gogocarto-search): its fields may name properties a file does not have. */
  preset?: TabularMapping,
): AsyncIterable<ImportOutcome> {
  const keys = propertiesOf(records, propsOf);
  // The property a path starts with ("adresse" for "adresse.cp"), or the whole path when it is a key.
  const headOf = (path: string) => (keys.includes(path) ? path : pathHead(path));
  const wanted = [...new Set(mappingColumns(mapping).map((c) => headOf(c.column)))].filter(
    (c) => c !== '$id',
  );
  const { resolved, missing } = resolveColumns(keys, wanted);
  // The preset's own fields (unchanged by the source's mapping) may be absent from a file.
  const optional = (use: string) =>
    preset !== undefined &&
    use in preset.fields &&
    JSON.stringify(mapping.fields[use as keyof TabularMapping['fields']]) ===
      JSON.stringify(preset.fields[use as keyof TabularMapping['fields']]);
  const needed = new Set(
    mappingColumns(mapping)
      .filter((c) => !optional(c.use))
      .map((c) => headOf(c.column)),
  );
  const required = missing.filter((c) => needed.has(c));
  if (records.length && required.length) {
    throw new WrongShapeError(
      type,
      sourcePath(ctx),
      `${expects}, with the properties ${missingColumns(required, keys)}`,
      `records whose properties are ${keys.slice(0, 20).join(', ')}`,
    );
  }
  const resolvePath = (c: string) => {
    const head = headOf(c);
    return (resolved.get(head) ?? head) + c.slice(head.length);
  };
  const acct = new FieldAccounting(keys);
  // Columns of a preset that the file does not have are not listed.
  for (const { column, use } of mappingColumns(mapping)) {
    const head = headOf(resolvePath(column));
    if (column !== '$id' && keys.includes(head)) acct.use(head, use);
  }
  declareFields(
    acct,
    mapping,
    (field) =>
      optional(field) &&
      !specColumns(mapping.fields[field as keyof TabularMapping['fields']]).some((c) =>
        keys.includes(headOf(resolvePath(c))),
      ),
  );
  const p: Prepared = {
    mapping,
    concepts: new TaxonomyIndex(ctx.taxonomy),
    seen: new Set(),
    firstWarnings: [],
    acct,
  };
  const report = progressReporter(ctx, records.length);
  for (let index = 0; index < records.length; index++) {
    report(index + 1);
    const rec = records[index];
    const props = propsOf(rec);
    acct.countRow(props);
    const get: Getter = (c) => (c === '$id' ? extra.id?.(rec) : readPath(props, resolvePath(c)));
    yield rowToOutcome(get, index, ctx, p, extra.point?.(rec));
  }
  ctx.fields?.(acct.report());
}

const GEOJSON_EXPECTS =
  'a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}) or an array of Features';

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
    const notFeatures =
      features?.length &&
      !features.slice(0, 50).some((f) => (f as { type?: unknown } | null)?.type === 'Feature');
    if (!features || notFeatures)
      throw new WrongShapeError(
        'geojson',
        sourcePath(ctx),
        GEOJSON_EXPECTS,
        `${describeShape(raw)}${shapeHint(raw, 'geojson')}`,
      );
    type Feature = { id?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    yield* importObjects(
      ctx,
      'geojson',
      GEOJSON_EXPECTS,
      mapping,
      features,
      (f) => {
        const props = (f as Feature | null)?.properties;
        return props && typeof props === 'object' ? props : {};
      },
      { id: (f) => (f as Feature | null)?.id, point: (f) => geometryPoint((f as Feature | null)?.geometry) },
    );
  },
};

const JSON_EXPECTS =
  'a JSON array of objects, or an object whose "data", "results", "hits", "items", "elements" or "records" is one';

const objectOf = (r: unknown): Record<string, unknown> => {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return {};
  const o = r as Record<string, unknown>;
  return o._source && typeof o._source === 'object' ? (o._source as Record<string, unknown>) : o;
};

/** Runs the `json` importer with a mapping (or a preset, for the importers built on it). */
export async function* importJson(
  ctx: ImportContext,
  type: string,
  expects: string,
  preset?: TabularMapping,
): AsyncIterable<ImportOutcome> {
  checkSourceId(ctx);
  const mapping = await loadMapping(ctx, type, preset);
  const raw = await readJson(ctx, type, expects);
  const records = jsonRecords(raw);
  if (!records)
    throw new WrongShapeError(type, sourcePath(ctx), expects, `${describeShape(raw)}${shapeHint(raw, type)}`);
  yield* importObjects(ctx, type, expects, mapping, records, objectOf, {}, preset);
}

export const jsonImporter: Importer = {
  type: 'json',
  expects: JSON_EXPECTS,
  run: (ctx) => importJson(ctx, 'json', JSON_EXPECTS),
};

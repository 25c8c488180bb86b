/**
 * What every importer needs: reading the input file, record ids, warnings, the address/COG pipeline, the
 * taxonomy index, and the final check against the feed schema that drops invalid fields rather than
 * rejecting whole records.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import {
  type Address,
  type Concept,
  type GeoPoint,
  issueMessages,
  type SchemeId,
  type Taxonomy,
} from '@essaim/sdk';
import * as z from 'zod/mini';
import {
  cleanText,
  decodeText,
  deriveCog,
  foldKey,
  isPlaceholder,
  type LatLon,
  type Note,
  isFrench,
  normalizeCoordinates,
  normalizeCountry,
  normalizePostcode,
  splitAddressLine,
  type TextEncoding,
} from '../normalize/index.ts';
import {
  type ImportContext,
  type ImportOutcome,
  type ImportWarning,
  type PlacesLookup,
  type RejectionReason,
  WrongShapeError,
} from './types.ts';

/** Collects the warnings of one record. */
export class Warnings {
  readonly list: ImportWarning[] = [];
  /**
   * Values as the source wrote them where the record shows another form (an official commune name), by
   * field path: `finalize` keeps them in the record's provenance (`asWritten`).
   */
  readonly asWritten: Record<string, string> = {};
  /** Attaches normaliser notes to a field. */
  add(field: string, notes: readonly Note[]): void {
    for (const n of notes) this.list.push({ field, code: n.code, fr: n.fr, en: n.en });
  }
  one(field: string, code: string, fr: string, en: string): void {
    this.list.push({ field, code, fr, en });
  }
}

/** Path of a source file, relative to the config file's directory. */
export function sourcePath(ctx: ImportContext, path: string = ctx.source.path): string {
  return isAbsolute(path) ? path : resolve(ctx.baseDir, path);
}

/** Reads and parses a JSON file; a syntax error is a WrongShapeError naming what was expected. */
export async function readJson(
  ctx: ImportContext,
  importer: string,
  expects: string,
  path?: string,
): Promise<unknown> {
  const file = sourcePath(ctx, path);
  const { text } = decodeText(await readFile(file));
  try {
    const doc: unknown = JSON.parse(text);
    return ctx.observeSource && file === sourcePath(ctx) ? ctx.observeSource(doc) : doc;
  } catch (err) {
    throw new WrongShapeError(
      importer,
      file,
      expects,
      `text that is not valid JSON (${(err as Error).message})`,
    );
  }
}

/** Reads a text file, detecting its encoding (see decodeText). */
export async function readText(
  ctx: ImportContext,
  path?: string,
  encoding: TextEncoding | 'auto' | 'latin1' | 'iso-8859-1' = 'auto',
): Promise<{ text: string; encoding: TextEncoding; guessed: boolean; file: string; modified: Date }> {
  const file = sourcePath(ctx, path);
  const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
  return { ...decodeText(bytes, encoding), file, modified: info.mtime };
}

/** A short description of a value's shape, for WrongShapeError ("an array of 3 items", "an object with keys a, b"). */
export function describeShape(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length} items`;
  if (v === null) return 'null';
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    return `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? '…' : ''}`;
  }
  return `a ${typeof v}`;
}

const SOURCE_KEY = /^[a-z0-9][a-z0-9_-]*$/;

/** Checks the source key once, before reading anything. */
export function checkSourceId(ctx: ImportContext): void {
  if (!SOURCE_KEY.test(ctx.source.id)) {
    throw new Error(
      `Source "${ctx.source.id}": its id must be lowercase letters, digits, "-" or "_" (it prefixes every record id). / ` +
        `Source « ${ctx.source.id} » : son identifiant doit être en minuscules, chiffres, « - » ou « _ » (il préfixe chaque identifiant d’enregistrement).`,
    );
  }
}

/** The local id of a record as text (numbers accepted), or undefined when missing. */
export function localIdOf(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  return s === '' ? undefined : s;
}

/** Feed id `source--localId` (whitespace in the local id becomes "-"). */
export function recordId(sourceId: string, localId: string): string {
  return `${sourceId}--${localId.replace(/\s+/g, '-')}`;
}

export const REASONS = {
  noId: (): RejectionReason => ({
    code: 'no-id',
    fr: 'Enregistrement sans identifiant dans la source : impossible de le suivre d’une version à l’autre',
    en: 'Record without an id in the source: it cannot be followed from one version to the next',
  }),
  noName: (what = 'nom'): RejectionReason => ({
    code: 'no-name',
    fr: `Enregistrement sans ${what} utilisable`,
    en: `Record without a usable ${what === 'titre' ? 'title' : 'name'}`,
  }),
  duplicate: (id: string): RejectionReason => ({
    code: 'duplicate-id',
    fr: `Identifiant en double dans la source : « ${id} » apparaît déjà plus haut (le premier est gardé)`,
    en: `Duplicate id in the source: "${id}" already appears earlier (the first one is kept)`,
  }),
  idTooLong: (id: string): RejectionReason => ({
    code: 'id-too-long',
    fr: `Identifiant trop long (${id.length} caractères, 200 au plus)`,
    en: `Id too long (${id.length} characters, 200 at most)`,
  }),
  notAnObject: (): RejectionReason => ({
    code: 'not-an-object',
    fr: 'Élément qui n’est pas un objet (ignoré)',
    en: 'Item that is not an object (skipped)',
  }),
  noStart: (): RejectionReason => ({
    code: 'no-start',
    fr: 'Évènement sans date de début utilisable',
    en: 'Event without a usable start date',
  }),
};

// ---------------------------------------------------------------------------------------------------------
// Final check against the schema

type Path = ReadonlyArray<PropertyKey>;

function isEmptyContainer(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

const REMOVED = Symbol('removed');

/**
 * Marks the value at `path` for removal: an array item is replaced by a marker (so that the indices of
 * other issues stay valid), an object key is deleted. Call {@link purge} afterwards.
 */
function markForRemoval(root: Record<string, unknown>, path: Path): boolean {
  if (!path.length) return false;
  let cur: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(cur) && typeof last === 'number') {
    if (last >= cur.length || cur[last] === REMOVED) return false;
    cur[last] = REMOVED;
    return true;
  }
  if (cur !== null && typeof cur === 'object' && last in (cur as object)) {
    delete (cur as Record<PropertyKey, unknown>)[last];
    return true;
  }
  return false;
}

/** Removes marked array items, then objects and arrays left empty. */
function purge(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept = value
      .filter((v) => v !== REMOVED)
      .map(purge)
      .filter((v) => v !== undefined);
    return kept.length ? kept : undefined;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = purge(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** Removes the value at `path` (an array item is taken out of its list), then prunes containers left empty. */
export function dropPath(root: Record<string, unknown>, path: Path): boolean {
  if (!markForRemoval(root, path)) return false;
  const cleaned = (purge(root) ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(root)) delete root[k];
  Object.assign(root, cleaned);
  return true;
}

/** Removes keys whose value is undefined, empty string, empty array or empty object (recursively). */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(compact).filter((v) => v !== undefined && v !== '' && !isEmptyContainer(v)) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const c = compact(v);
      if (c === undefined || c === '' || isEmptyContainer(c)) continue;
      out[k] = c;
    }
    return out as T;
  }
  return value;
}

/**
 * The warning of a record that no source dates: its update date stays unknown (the widgets say "date de
 * mise à jour inconnue"), never the day of the build nor the file's date. `defaults.updatedAt` gives one.
 */
export const UPDATED_AT_UNKNOWN = [
  'updated-at-unknown',
  'pas de date de mise à jour dans la source : date inconnue',
  'no update date in the source: the update date is unknown',
] as const;

export type Finalized<T> = { ok: true; record: T } | { ok: false; reasons: RejectionReason[] };

/**
 * Validates a draft record with the feed schema. Invalid optional fields are removed one by one (each
 * with a warning) until the record passes; an invalid field listed in `required` (id, name, provenance,
 * updatedAt…) rejects the record with the schema's own bilingual messages.
 */
const compiled = new WeakMap<z.core.$ZodType, z.core.$ZodType>();
/**
 * The schema compiled by zod's ahead-of-time compiler (same results and issues, ~3× faster), once per
 * schema: the importers, the build's final check and `essaim validate` all parse through it.
 */
export function fast<S extends z.core.$ZodType>(schema: S): S {
  let c = compiled.get(schema);
  if (!c) compiled.set(schema, (c = z.compile(schema)));
  return c as S;
}

export function finalize<T>(
  schema: z.core.$ZodType<T>,
  draft: Record<string, unknown>,
  warnings: Warnings,
  required: readonly string[],
): Finalized<T> {
  // What the record shows in another form than the source wrote it, kept in its provenance.
  const first = Array.isArray(draft.provenance)
    ? (draft.provenance[0] as Record<string, unknown>)
    : undefined;
  if (first && Object.keys(warnings.asWritten).length) {
    first.asWritten = { ...(first.asWritten as object | undefined), ...warnings.asWritten };
  }
  const record = compact(draft);
  for (let round = 0; round < 20; round++) {
    const parsed = z.safeParse(fast(schema), record);
    if (parsed.success) return { ok: true, record: parsed.data };
    const issues = parsed.error.issues;
    const fatal = issues.filter((i) => i.path.length === 0 || required.includes(String(i.path[0])));
    const reasons = (list: typeof issues): RejectionReason[] =>
      list.map((i) => {
        const m = issueMessages(i);
        const where = i.path.map(String).join('.');
        return {
          code: 'schema',
          fr: where ? `${where} : ${m.fr}` : m.fr,
          en: where ? `${where}: ${m.en}` : m.en,
        };
      });
    if (fatal.length) return { ok: false, reasons: reasons(fatal) };
    let removed = 0;
    const done = new Set<string>();
    for (const issue of issues) {
      // Inside a list, the whole item goes (an occurrence without its start, a registration without its value).
      const lastIndex = issue.path.findLastIndex((k) => typeof k === 'number');
      const target = lastIndex >= 0 ? issue.path.slice(0, lastIndex + 1) : issue.path;
      const key = target.map(String).join('.');
      if (done.has(key)) continue;
      done.add(key);
      if (markForRemoval(record, target)) {
        removed++;
        const m = issueMessages(issue);
        const where = issue.path.map(String).join('.');
        warnings.one(
          where,
          'schema-invalid-dropped',
          `valeur refusée par le schéma, retirée : ${m.fr}`,
          `value refused by the schema, removed: ${m.en}`,
        );
      }
    }
    if (removed) {
      const cleaned = (purge(record) ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(record)) delete record[k];
      Object.assign(record, cleaned);
    }
    if (!removed) return { ok: false, reasons: reasons(issues) };
  }
  return { ok: false, reasons: [{ code: 'schema', fr: 'Enregistrement invalide', en: 'Invalid record' }] };
}

/** The outcome for a finalized record (accepted with its warnings, or rejected with its reasons). */
export function outcome<K extends 'structure' | 'service' | 'event', T>(
  kind: K,
  index: number,
  result: Finalized<T>,
  warnings: Warnings,
  localId: string | undefined,
): ImportOutcome {
  if (!result.ok) {
    const part = kind === 'structure' ? 'structures' : kind === 'service' ? 'services' : 'events';
    return { kind: 'rejected', index, part, reasons: result.reasons, ...(localId ? { localId } : {}) };
  }
  return {
    kind,
    index,
    record: result.record,
    ...(warnings.list.length ? { warnings: warnings.list } : {}),
  } as ImportOutcome;
}

// ---------------------------------------------------------------------------------------------------------
// Addresses, points and COG codes

export interface LocationInput {
  street?: unknown;
  complement?: unknown;
  postcode?: unknown;
  commune?: unknown;
  insee?: unknown;
  country?: unknown;
  lat?: unknown;
  lon?: unknown;
  /** An already checked point (e.g. from GeoJSON geometry), used instead of lat/lon. */
  geo?: LatLon;
  /** Whole address lines to fall back on for what is missing ("16 impasse de l'Alendir, 91410 Dourdan"). */
  lines?: unknown[];
}

export interface LocationResult {
  address?: Address;
  geo?: GeoPoint;
}

/** A town name read after a postcode: letters, not a placeholder, a web address or an e-mail. */
function plausibleCommune(s: string | undefined): s is string {
  if (!s || !/\p{L}/u.test(s) || isPlaceholder(s)) return false;
  return !/@|https?:|www\.|\.(?:fr|com|org|net|eu|info|asso)\b/i.test(s);
}

/** The lines of an address field, each cleaned ("Po Box 63\n116 Commercial Road" stays two lines). */
function addressLines(raw: unknown, warnings: Warnings, field: string): string[] {
  if (typeof raw !== 'string') {
    const r = cleanText(raw);
    warnings.add(field, r.notes);
    return r.value ? [r.value] : [];
  }
  const out: string[] = [];
  for (const line of raw.split(/\r\n|\r|\n|<br\s*\/?>/i)) {
    const r = cleanText(line);
    warnings.add(field, r.notes);
    if (r.value) out.push(r.value);
  }
  return out;
}

export interface LocationOptions {
  /** Place a record without coordinates at the centre of its commune (`geo.precision: "commune"`). Default true. */
  communeCentre?: boolean;
}

/**
 * Builds the address and point of a record from its raw parts. Warnings are attached under `prefix` (""
 * for a structure, "place." for an event).
 *
 * French addresses (no country, or France and its overseas territories): postcode fixed or found in a
 * street line, COG codes (commune, EPCI, département, région) via `places`, the commune shown under its
 * official name when its code is known (the text as written kept in provenance), and a record without
 * coordinates placed at its commune's centre with `geo.precision: "commune"`. Other countries: the
 * postcode, commune and lines are kept as written, nothing is derived. The lines of a multi-line street
 * are kept, and a postcode is only read inside one line (never across two: "Po Box 63\n116 …").
 */
export function normalizeLocation(
  places: PlacesLookup,
  input: LocationInput,
  warnings: Warnings,
  prefix = '',
  options: LocationOptions = {},
): LocationResult {
  let geo: GeoPoint | undefined = input.geo;
  if (!geo) {
    const g = normalizeCoordinates(input.lat, input.lon);
    warnings.add(`${prefix}geo`, g.notes);
    geo = g.value;
  }
  const country = normalizeCountry(input.country);
  warnings.add(`${prefix}address.country`, country.notes);
  const french = isFrench(country.value);

  let lines = addressLines(input.street, warnings, `${prefix}address.street`);
  const complement = cleanText(input.complement).value;
  const communeR = cleanText(input.commune);
  let commune = plausibleCommune(communeR.value) ? communeR.value : undefined;
  if (communeR.value && !commune) {
    warnings.one(
      `${prefix}address.commune`,
      'commune-invalid',
      `« ${communeR.value} » n’est pas un nom de commune (ignoré)`,
      `"${communeR.value}" is not a commune name (ignored)`,
    );
  }

  if (!french) {
    // Another country's address: kept as written (its postcode is not a French one, nor its lines).
    const written = cleanText(input.postcode).value;
    let postcode: string | undefined;
    if (written && /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(written)) postcode = written;
    else if (written) {
      warnings.one(
        `${prefix}address.postcode`,
        'postcode-invalid',
        `code postal illisible : « ${written} » (ignoré)`,
        `unreadable postcode: "${written}" (ignored)`,
      );
    }
    if (!lines.length && !commune) {
      for (const raw of input.lines ?? []) {
        const l = addressLines(raw, warnings, `${prefix}address`);
        if (l.length) {
          lines = l;
          break;
        }
      }
    }
    const street = lines.length ? lines.join('\n') : undefined;
    const address = compact({ street, complement, postcode, commune, country: country.value }) as Address;
    const out: LocationResult = {};
    if (Object.keys(address).length) out.address = address;
    if (geo) out.geo = geo;
    return out;
  }

  const pc = normalizePostcode(input.postcode);
  warnings.add(`${prefix}address.postcode`, pc.notes);
  let postcode = pc.value;
  let communeGuessed = false;

  // A postcode (and commune) written inside a street line: the last line that has one.
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const split = splitAddressLine(line);
    if (!split.postcode) continue;
    if (postcode && split.postcode !== postcode) break;
    if (!postcode) {
      postcode = split.postcode;
      warnings.one(
        `${prefix}address.postcode`,
        'postcode-from-street',
        `code postal ${postcode} lu dans la rue « ${line} »`,
        `postcode ${postcode} read from the street "${line}"`,
      );
    }
    if (split.street) lines[i] = split.street;
    else lines.splice(i, 1);
    if (!commune && plausibleCommune(split.commune)) {
      commune = split.commune;
      communeGuessed = true;
    }
    break;
  }
  let street = lines.length ? lines.join('\n') : undefined;
  // Whole lines (addressString, customFormatedAddress) for what is still missing.
  for (const raw of input.lines ?? []) {
    if (postcode && commune && street) break;
    for (const line of addressLines(raw, warnings, `${prefix}address`)) {
      const split = splitAddressLine(line);
      const filled: string[] = [];
      if (!postcode && split.postcode) {
        postcode = split.postcode;
        filled.push('code postal');
      }
      if (!commune && plausibleCommune(split.commune) && split.postcode) {
        commune = split.commune;
        communeGuessed = true;
        filled.push('commune');
      }
      if (!street && split.street && split.postcode) {
        street = split.street;
        filled.push('rue');
      }
      if (filled.length) {
        warnings.one(
          `${prefix}address`,
          'address-from-text',
          `${filled.join(', ')} lu(s) dans l’adresse écrite « ${line} »`,
          `${filled.map((f) => ({ 'code postal': 'postcode', commune: 'commune', rue: 'street' })[f]).join(', ')} read from the written address "${line}"`,
        );
      }
    }
  }

  let cog: Address['cog'];
  let insee = cleanText(input.insee).value;
  // A code that lost its leading zero in a spreadsheet ("6088" for Nice, 06088).
  if (insee && /^\d{4}$/.test(insee)) {
    warnings.one(
      `${prefix}address.cog.commune`,
      'insee-leading-zero',
      `code INSEE « ${insee} » à 4 chiffres : zéro initial rétabli (0${insee})`,
      `4-digit INSEE code "${insee}": leading zero restored (0${insee})`,
    );
    insee = `0${insee}`;
  }
  if (insee || postcode || commune || geo) {
    const derived = deriveCog(places, {
      ...(insee ? { insee } : {}),
      ...(postcode ? { postcode } : {}),
      ...(commune ? { commune } : {}),
      ...(geo ? { lat: geo.lat, lon: geo.lon } : {}),
    });
    warnings.add(`${prefix}address.cog`, derived.notes);
    const d = derived.value;
    if (d) {
      cog = d.cog;
      if (d.communeName) {
        // The official name of the commune of the COG code (the written text kept in provenance), unless
        // the commune was only deduced from the point (then uncertain: deriveCog warns, the text stays).
        // A commune read from a street line is not the source's own field: replaced without a trace.
        const official = d.via !== 'coordinates';
        if (!commune) commune = d.communeName;
        else if (official && commune !== d.communeName) {
          if (!communeGuessed) {
            warnings.asWritten[`${prefix}address.commune`] = commune;
            warnings.one(
              `${prefix}address.commune`,
              'commune-official-name',
              `commune « ${commune} » affichée sous son nom officiel « ${d.communeName} » (${d.cog.commune})`,
              `commune "${commune}" shown under its official name "${d.communeName}" (${d.cog.commune})`,
            );
          }
          commune = d.communeName;
        }
      }
      if (!geo && d.centre && options.communeCentre !== false) {
        geo = { lat: d.centre.lat, lon: d.centre.lon, precision: 'commune' };
        warnings.one(
          `${prefix}geo`,
          'geo-commune-centre',
          `pas de coordonnées : placé au centre de la commune ${d.communeName ?? d.cog.commune} (position approximative)`,
          `no coordinates: placed at the centre of the commune ${d.communeName ?? d.cog.commune} (approximate position)`,
        );
      }
    }
  }
  const address = compact({ street, complement, postcode, commune, cog, country: country.value }) as Address;
  const out: LocationResult = {};
  if (Object.keys(address).length) out.address = address;
  if (geo) out.geo = geo;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Taxonomy

/** Fast lookups in the feed taxonomy: ids, slugs, former slugs, labels and `sameAs` links. */
export class TaxonomyIndex {
  private readonly byId = new Map<string, Concept>();
  private readonly byKey = new Map<string, string>();
  private readonly bySameAs = new Map<string, string>();

  constructor(taxonomy: Taxonomy | undefined) {
    for (const c of taxonomy?.concepts ?? []) {
      this.byId.set(c.id, c);
      for (const s of c.sameAs ?? []) if (!this.bySameAs.has(s)) this.bySameAs.set(s, c.id);
    }
    for (const c of taxonomy?.concepts ?? []) {
      const keys = [c.slug, ...(c.formerSlugs ?? []), c.label.fr, c.label.en ?? ''].filter(Boolean);
      for (const k of keys) {
        const key = `${c.scheme}|${foldKey(k)}`;
        if (!this.byKey.has(key)) this.byKey.set(key, c.id);
      }
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  /** A concept of `scheme` named by its id, slug, former slug or label (any case, any accents). */
  find(scheme: SchemeId, value: string): string | undefined {
    const c = this.byId.get(value);
    if (c) return c.scheme === scheme ? c.id : undefined;
    return this.byKey.get(`${scheme}|${foldKey(value)}`);
  }

  /** The concept declared `sameAs` the given external id (e.g. "data-inclusion:thematique/numerique"). */
  sameAs(external: string): string | undefined {
    return this.bySameAs.get(external);
  }
}

/** Calls `ctx.progress` every `every` records and at the end. */
export function progressReporter(ctx: ImportContext, total?: number, every = 500): (done: number) => void {
  return (done: number) => {
    if (ctx.progress && (done % every === 0 || done === total)) ctx.progress(done, total);
  };
}

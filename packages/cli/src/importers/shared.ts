/**
 * What every importer needs: reading the input file, record ids, warnings, the taxonomy index, and the
 * final check against the feed schema that drops invalid fields rather than rejecting whole records.
 * The address/COG pipeline is in location.ts (re-exported here).
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { type Concept, issueMessages, type SchemeId, type Taxonomy } from '@essaim/sdk';
import * as z from 'zod/mini';
import { decodeText, foldKey, type Note, type TextEncoding } from '../normalize/index.ts';
import {
  type ImportContext,
  type ImportOutcome,
  type ImportWarning,
  type RejectionReason,
  WrongShapeError,
} from './types.ts';

export {
  type LocationInput,
  type LocationOptions,
  type LocationResult,
  normalizeLocation,
} from './location.ts';

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

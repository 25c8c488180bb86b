/**
 * Reads and checks a mapping before any row of its file is read: JSON syntax (file, line and column),
 * the mapping language (./schema.ts), then every value that must be an id of the feed (families, legal
 * forms, taxonomy themes and publics), with the valid ids and the closest one. Every problem is listed at
 * once, in a `MappingError` (exit code 3): a mapping mistake is the publisher's to fix, never a bug.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { FAMILIES, issueMessages, LEGAL_FORMS, type SchemeId } from '@essaim/sdk';
import * as z from 'zod/mini';
import { CliError, ExitCode, FileNotFoundError, type Messages } from '../build/errors.ts';
import { closest } from '../suggest.ts';
import { TaxonomyIndex } from '../importers/shared.ts';
import type { ImportContext } from '../importers/types.ts';
import { dayOf } from './read.ts';
import { FieldSpecObject, MAPPABLE_FIELDS, TabularMapping, type ValueMap } from './schema.ts';

/** A mapping that cannot be used: every problem found, and where the mapping comes from. */
export class MappingError extends CliError {
  constructor(
    readonly where: string,
    readonly problems: Messages[],
  ) {
    super(ExitCode.BadInput, {
      fr: `Correspondance (mapping) ${where} inutilisable :\n  - ${problems.map((p) => p.fr).join('\n  - ')}\nLe format est décrit dans docs/publishing.md ; son JSON Schema : essaim schema mapping.`,
      en: `Mapping ${where} cannot be used:\n  - ${problems.map((p) => p.en).join('\n  - ')}\nThe format is described in docs/publishing.md; its JSON Schema: essaim schema mapping.`,
    });
    this.name = 'MappingError';
  }
}

/** Line and column (1-based) of a character position in a text. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: position - start + 1 };
}

/** JSON.parse with the line and column of a syntax error. */
export function parseJsonWithPosition(
  text: string,
): { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) return { ok: false, line: Number(lc[1]), column: Number(lc[2]), message };
    const pos = /position (\d+)/.exec(message);
    const at = pos ? Number(pos[1]) : text.length;
    return { ok: false, ...lineColumn(text, at), message };
  }
}

const SCHEMES: Record<string, SchemeId> = { themes: 'themes', publics: 'publics' };

function idProblem(field: string, value: string, valid: readonly string[], where: string): Messages {
  const guess = closest(value, [...valid]);
  const hint = guess
    ? { fr: ` (vouliez-vous dire « ${guess} » ?)`, en: ` (did you mean "${guess}"?)` }
    : { fr: '', en: '' };
  return {
    fr: `${where} : « ${value} » n’est pas un identifiant de ${field}${hint.fr}. Identifiants valides : ${valid.join(', ')}.`,
    en: `${where}: "${value}" is not a ${field} id${hint.en}. Valid ids: ${valid.join(', ')}.`,
  };
}

/** The ids a field's values must be, or undefined when the field takes free values. */
function validIds(field: string, ctx: ImportContext): readonly string[] | undefined {
  if (field === 'family') return FAMILIES;
  if (field === 'legalForms') return LEGAL_FORMS;
  const scheme = SCHEMES[field];
  if (scheme) return ctx.taxonomy.concepts.filter((c) => c.scheme === scheme).map((c) => c.id);
  return undefined;
}

/** Checks the semantic rules the JSON Schema cannot say; returns the problems. */
export function checkMappingValues(m: TabularMapping, ctx: ImportContext): Messages[] {
  const problems: Messages[] = [];
  const concepts = new TaxonomyIndex(ctx.taxonomy);
  const accepts = (field: string, value: string): boolean => {
    if (field === 'family') return (FAMILIES as readonly string[]).includes(value);
    if (field === 'legalForms') return (LEGAL_FORMS as readonly string[]).includes(value);
    const scheme = SCHEMES[field];
    return scheme ? concepts.find(scheme, value) !== undefined : true;
  };
  const checkValue = (field: string, value: unknown, where: string) => {
    const valid = validIds(field, ctx);
    if (!valid) return;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string' || !accepts(field, v))
        problems.push(idProblem(field, String(v), valid, where));
    }
  };
  const checkMap = (field: string, map: ValueMap | undefined, where: string) => {
    for (const [k, v] of Object.entries(map ?? {})) checkValue(field, v, `${where}["${k}"]`);
  };
  if (!m.fields.name)
    problems.push({
      fr: 'fields.name manque : chaque structure a besoin d’un nom (la colonne qui le donne)',
      en: 'fields.name is missing: every structure needs a name (the column that gives it)',
    });
  for (const [field, spec] of Object.entries(m.fields)) {
    if (!spec || typeof spec === 'string') continue;
    const s = spec as FieldSpecObject;
    if (s.value !== undefined) checkValue(field, s.value, `fields.${field}.value`);
    checkMap(field, s.map, `fields.${field}.map`);
    if (s.pattern !== undefined) {
      try {
        new RegExp(s.pattern, 'u');
      } catch (e) {
        problems.push({
          fr: `fields.${field}.pattern : expression régulière invalide (${(e as Error).message})`,
          en: `fields.${field}.pattern: invalid regular expression (${(e as Error).message})`,
        });
      }
    }
    if (s.format !== undefined && field !== 'createdAt' && field !== 'updatedAt')
      problems.push({
        fr: `fields.${field}.format : "format" ne sert qu’aux dates (createdAt, updatedAt)`,
        en: `fields.${field}.format: "format" only applies to dates (createdAt, updatedAt)`,
      });
    if (s.labels !== undefined && field === 'openingHours' && !Object.keys(s.labels).every((l) => dayOf(l)))
      problems.push({
        fr: `fields.openingHours.labels : chaque libellé doit être un jour (lundi, Mo, Monday…), pas ${Object.keys(
          s.labels,
        )
          .filter((l) => !dayOf(l))
          .map((l) => `« ${l} »`)
          .join(', ')}`,
        en: `fields.openingHours.labels: each label must be a day (lundi, Mo, Monday…), not ${Object.keys(
          s.labels,
        )
          .filter((l) => !dayOf(l))
          .map((l) => `"${l}"`)
          .join(', ')}`,
      });
    const sources = [s.column, s.columns, s.value, s.labels].filter((x) => x !== undefined).length;
    if (sources === 0)
      problems.push({
        fr: `fields.${field} : ni "column", ni "columns", ni "value", ni "labels" (d’où vient la valeur ?)`,
        en: `fields.${field}: no "column", "columns", "value" or "labels" (where does the value come from?)`,
      });
    if (sources > 1)
      problems.push({
        fr: `fields.${field} : un seul de "column", "columns", "value", "labels" à la fois`,
        en: `fields.${field}: only one of "column", "columns", "value", "labels" at a time`,
      });
  }
  const known = (where: 'values' | 'defaults', field: string): boolean => {
    if ((MAPPABLE_FIELDS as readonly string[]).includes(field)) return true;
    const guess = closest(field, [...MAPPABLE_FIELDS]);
    problems.push({
      fr: `${where} : champ inconnu « ${field} »${guess ? ` (vouliez-vous dire « ${guess} » ?)` : ''}`,
      en: `${where}: unknown field "${field}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
    });
    return false;
  };
  for (const [field, map] of Object.entries(m.values ?? {}))
    if (known('values', field)) checkMap(field, map, `values.${field}`);
  for (const [field, value] of Object.entries(m.defaults ?? {}))
    if (known('defaults', field)) checkValue(field, value, `defaults.${field}`);
  return problems;
}

/** The zod issues of a mapping as messages, with "did you mean" for unknown fields. */
function schemaProblems(error: z.core.$ZodError): Messages[] {
  const out: Messages[] = [];
  for (const issue of error.issues) {
    const where = issue.path.map(String).join('.') || '(racine)';
    if (issue.code === 'unrecognized_keys') {
      const known =
        issue.path.length === 1 && issue.path[0] === 'fields'
          ? [...MAPPABLE_FIELDS]
          : issue.path.length === 2 && issue.path[0] === 'fields'
            ? Object.keys(FieldSpecObject.shape)
            : issue.path.length === 0
              ? Object.keys(TabularMapping.shape)
              : undefined;
      for (const key of issue.keys) {
        const guess = known ? closest(key, known) : undefined;
        const isField = issue.path.length === 1;
        const list = known && issue.path[0] === 'fields' ? known.join(', ') : undefined;
        out.push({
          fr: `${where} : clé inconnue « ${key} »${guess ? ` (vouliez-vous dire « ${guess} » ?)` : ''}${list ? `. ${isField ? 'Champs possibles' : 'Clés possibles'} : ${list}` : ''}`,
          en: `${where}: unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}${list ? `. ${isField ? 'Fields that can be mapped' : 'Possible keys'}: ${list}` : ''}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // The branch that got furthest (an object with a wrong key rather than "a string expected").
      const branches = (issue.errors ?? []).filter(
        (list) => !(list.length === 1 && list[0]!.code === 'invalid_type' && list[0]!.path.length === 0),
      );
      if (branches.length === 1) {
        const nested = branches[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
        out.push(...schemaProblems({ issues: nested } as unknown as z.core.$ZodError));
        continue;
      }
    }
    const m = issueMessages(issue);
    out.push({ fr: `${where} : ${m.fr}`, en: `${where}: ${m.en}` });
  }
  return out;
}

/** Checks a mapping object; throws a MappingError listing every problem. */
export function checkMapping(raw: unknown, ctx: ImportContext, where: string): TabularMapping {
  const parsed = z.safeParse(TabularMapping, raw);
  if (!parsed.success) throw new MappingError(where, schemaProblems(parsed.error));
  const problems = checkMappingValues(parsed.data, ctx);
  if (problems.length) throw new MappingError(where, problems);
  return parsed.data;
}

/**
 * The source's mapping (option `mapping`: a JSON file path relative to the config, or the object
 * itself), checked. `preset` is used when the option is absent (the `gogocarto-search` importer) and
 * completed by the option's fields otherwise.
 */
export async function loadMapping(
  ctx: ImportContext,
  type: string,
  preset?: TabularMapping,
): Promise<TabularMapping> {
  const opt = ctx.source.options?.mapping;
  const label = {
    fr: `de la source « ${ctx.source.id} » (${type})`,
    en: `of source "${ctx.source.id}" (${type})`,
  };
  if (opt === undefined && preset) return checkMapping(preset, ctx, label.en);
  if (typeof opt === 'string') {
    const file = isAbsolute(opt) ? opt : resolve(ctx.baseDir, opt);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new FileNotFoundError(opt, ctx.baseDir, {
          fr: `le fichier de correspondance (option "mapping") de la source « ${ctx.source.id} »`,
          en: `the mapping file (option "mapping") of source "${ctx.source.id}"`,
        });
      throw new CliError(ExitCode.BadInput, {
        fr: `Fichier de correspondance ${file} illisible : ${(e as Error).message}`,
        en: `Mapping file ${file} cannot be read: ${(e as Error).message}`,
      });
    }
    const json = parseJsonWithPosition(text.replace(/^\uFEFF/, ''));
    if (!json.ok) {
      throw new CliError(ExitCode.BadInput, {
        fr: `Le fichier de correspondance ${file} (source « ${ctx.source.id} ») n’est pas du JSON valide : ligne ${json.line}, colonne ${json.column} (${json.message}).`,
        en: `The mapping file ${file} (source "${ctx.source.id}") is not valid JSON: line ${json.line}, column ${json.column} (${json.message}).`,
      });
    }
    return checkMapping(mergePreset(preset, json.value), ctx, file);
  }
  if (opt && typeof opt === 'object' && !Array.isArray(opt))
    return checkMapping(mergePreset(preset, opt), ctx, `${label.en} (inline)`);
  throw new MappingError(label.en, [
    {
      fr: `l’option « mapping » est obligatoire pour l’importeur « ${type} » : le chemin d’un fichier JSON (relatif à la configuration) ou l’objet {"id", "fields"} lui-même`,
      en: `the option "mapping" is required by the "${type}" importer: the path of a JSON file (relative to the config) or the object {"id", "fields"} itself`,
    },
  ]);
}

function mergePreset(preset: TabularMapping | undefined, raw: unknown): unknown {
  if (!preset || !raw || typeof raw !== 'object') return raw;
  const r = raw as Partial<TabularMapping>;
  return { ...preset, ...r, fields: { ...preset.fields, ...(r.fields ?? {}) } };
}

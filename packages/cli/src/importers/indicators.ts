/**
 * Official figures by territory (the feed's optional `indicators` part) from a CSV file, with a mapping
 * in the build configuration: which column holds the territory's level and code, the value, the year,
 * the label and the unit (or constants for those the file does not repeat on each row), and the source
 * and licence the figures are taken under. Each row becomes one record, or is rejected with the reason.
 *
 * What is repaired, and said in the build report: a code whose leading zero a spreadsheet dropped
 * ("1" → "01", "1053" → "01053"). Values are read as written in French or English ("12,5", "4 321",
 * "12.5", "12,5 %" when the unit is "%"); anything else ("n.d.", "s", an empty cell for statistical
 * secrecy) rejects the row, naming the value.
 */
import { Licence, WebUrl } from '@essaim/sdk';
import { z } from 'zod';
import type { Messages } from '../build/errors.ts';
import { recordId } from './shared.ts';

const Localized = z.object({ fr: z.string().min(1), en: z.string().min(1).optional() }).strict();
const LEVELS = ['commune', 'epci', 'departement', 'region'] as const;
type Level = (typeof LEVELS)[number];

/** One `indicators` entry of `essaim.config.json`. */
export const IndicatorsConfigSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_-]*$/,
        'lowercase letters, digits, "-" and "_", starting with a letter or digit',
      )
      .meta({ description: 'Key of this file: the prefix of its records’ ids (`<id>--…`).' }),
    path: z.string().min(1).meta({ description: 'CSV file, relative to the config file.' }),
    delimiter: z.string().optional().meta({ description: 'Column separator (default: detected).' }),
    source: z
      .object({ name: z.string().min(1), url: z.optional(WebUrl) })
      .strict()
      .meta({
        description: 'The official source of the figures (e.g. an ESS observatory), shown with each.',
      }),
    licence: Licence,
    columns: z
      .object({
        id: z
          .string()
          .min(1)
          .optional()
          .meta({ description: 'Column of a stable id (default: level, code, label, year).' }),
        level: z
          .string()
          .min(1)
          .optional()
          .meta({ description: 'Column of the level: commune, epci, departement, region.' }),
        code: z
          .string()
          .min(1)
          .meta({ description: 'Column of the official code (INSEE COG; EPCI: SIREN).' }),
        value: z.string().min(1).meta({ description: 'Column of the figure.' }),
        year: z.string().min(1).optional(),
        label: z.string().min(1).optional(),
        labelEn: z.string().min(1).optional(),
        unit: z.string().min(1).optional(),
        unitEn: z.string().min(1).optional(),
        note: z.string().min(1).optional(),
      })
      .strict(),
    level: z
      .enum(LEVELS)
      .optional()
      .meta({ description: 'The level of every row, when no column gives it.' }),
    label: Localized.optional().meta({ description: 'The label of every row, when no column gives it.' }),
    unit: Localized.optional().meta({ description: 'The unit of every row, when no column gives it.' }),
    year: z
      .number()
      .int()
      .optional()
      .meta({ description: 'The year of every row, when no column gives it.' }),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const key of ['level', 'label', 'unit', 'year'] as const)
      if (!c.columns[key] && c[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `give "columns.${key}" (a column of the file) or "${key}" (the same for every row)`,
        });
  });
export type IndicatorsConfig = z.output<typeof IndicatorsConfigSchema>;

/** The record of a row (to validate with the SDK's `Indicator`), or why it cannot be made. */
export type RowResult =
  | { ok: true; record: Record<string, unknown>; repaired: boolean }
  | { ok: false; reason: Messages };

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const LEVEL_NAMES: Record<string, Level> = {
  commune: 'commune',
  com: 'commune',
  epci: 'epci',
  intercommunalite: 'epci',
  departement: 'departement',
  dep: 'departement',
  region: 'region',
  reg: 'region',
};

/** The level as written ("Département", "DEP", "région") → its key. */
export function readLevel(written: string): Level | undefined {
  return LEVEL_NAMES[fold(written)];
}

/** The code, with the leading zeros a spreadsheet drops put back ("1" → "01", "1053" → "01053"). */
export function readCode(level: Level, written: string): { code: string; repaired: boolean } {
  const code = written.trim().toUpperCase();
  const width = level === 'commune' ? 5 : level === 'epci' ? 9 : 2;
  if (/^\d+$/.test(code) && code.length < width && code.length >= width - 1)
    return { code: code.padStart(width, '0'), repaired: true };
  return { code, repaired: false };
}

/** A figure as written in French or English; `undefined` when it is not one number. */
export function readValue(written: string, percent: boolean): number | undefined {
  let s = written.replace(/[\s\u00a0\u202f]/g, '');
  if (percent) s = s.replace(/%$/, '');
  if (/^[-+]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[-+]?(?:\d+|\d*\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

const slug = (s: string) => fold(s).replace(/ /g, '-').slice(0, 60);

/** One row of the file → an indicator record (not yet validated). */
export function indicatorOfRow(config: IndicatorsConfig, row: Record<string, string>): RowResult {
  const cell = (column: string | undefined) =>
    column === undefined ? undefined : (row[column] ?? '').trim();
  const levelText = cell(config.columns.level);
  const level = levelText === undefined ? config.level : readLevel(levelText);
  if (!level)
    return {
      ok: false,
      reason: {
        fr: `Niveau de territoire inconnu « ${levelText} » (attendu : commune, epci, departement ou region)`,
        en: `Unknown territory level "${levelText}" (expected: commune, epci, departement or region)`,
      },
    };
  const { code, repaired } = readCode(level, cell(config.columns.code) ?? '');
  const unit = config.columns.unit
    ? {
        fr: cell(config.columns.unit) ?? '',
        ...(cell(config.columns.unitEn) ? { en: cell(config.columns.unitEn) } : {}),
      }
    : config.unit!;
  const label = config.columns.label
    ? {
        fr: cell(config.columns.label) ?? '',
        ...(cell(config.columns.labelEn) ? { en: cell(config.columns.labelEn) } : {}),
      }
    : config.label!;
  const valueText = cell(config.columns.value) ?? '';
  const value = readValue(valueText, unit.fr.trim() === '%');
  if (value === undefined)
    return {
      ok: false,
      reason: valueText
        ? {
            fr: `Valeur illisible « ${valueText} » (un nombre attendu)`,
            en: `Unreadable value "${valueText}" (a number expected)`,
          }
        : {
            fr: 'Valeur absente (secret statistique ou donnée manquante ?)',
            en: 'No value (statistical secrecy or missing figure?)',
          },
    };
  const yearText = cell(config.columns.year);
  const year =
    yearText === undefined ? config.year : /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  const note = cell(config.columns.note);
  const localId = cell(config.columns.id) || `${level}-${code}-${slug(label.fr)}-${yearText ?? year}`;
  return {
    ok: true,
    repaired,
    record: {
      id: recordId(config.id, localId),
      territory: { level, code },
      label,
      value,
      unit,
      year,
      source: config.source,
      licence: config.licence,
      ...(note ? { note: { fr: note } } : {}),
    },
  };
}

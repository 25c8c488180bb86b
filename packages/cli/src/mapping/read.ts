/**
 * Reading one row through a mapping: property paths ("categories[].name"), columns joined, fallback
 * columns, constants, labelled joins (weekday columns → OpenStreetMap opening_hours), patterns that find
 * a value inside text, date formats, list splitting, value maps (numbers compared by value) and the
 * `where` row filter.
 */
import OpeningHours from 'opening_hours';
import {
  DAY_ALIASES,
  type Day,
  dayRanges,
  foldKey,
  groupDays,
  type Note,
  splitList,
} from '../normalize/index.ts';
import type { Condition, FieldSpec, FieldSpecObject, TabularMapping, ValueMap } from './schema.ts';
import { LIST_FIELDS } from './schema.ts';

/** A row: the raw value of a column or property path. */
export type Getter = (column: string) => unknown;

/** Reads a property path: "a.b", "a[].b" (every item of the list a), "a[0].b"; a literal key first. */
export function readPath(obj: unknown, path: string): unknown {
  if (obj && typeof obj === 'object' && !Array.isArray(obj) && path in (obj as object))
    return (obj as Record<string, unknown>)[path];
  const steps = path.match(/[^.[\]]+|\[\d*\]/g) ?? [];
  let cur: unknown[] = [obj];
  let many = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (step === '[]') {
        many = true;
        if (Array.isArray(c)) next.push(...c);
      } else if (step.startsWith('[')) {
        if (Array.isArray(c)) next.push(c[Number(step.slice(1, -1))]);
      } else if (c && typeof c === 'object' && !Array.isArray(c)) {
        next.push((c as Record<string, unknown>)[step]);
      } else if (Array.isArray(c)) {
        // "categories.name" on a list reads every item, like "categories[].name".
        many = true;
        for (const item of c)
          if (item && typeof item === 'object') next.push((item as Record<string, unknown>)[step]);
      }
    }
    cur = next.filter((v) => v !== undefined && v !== null);
  }
  return many ? cur : cur[0];
}

/** The first segment of a path (the column or top-level property it reads). */
export const headOf = (path: string): string => path.split(/[.[]/)[0]!;

export function specOf(spec: FieldSpec): FieldSpecObject {
  return typeof spec === 'string' ? { column: spec } : spec;
}

/** Every column or path a field spec reads. */
export function specColumns(spec: FieldSpec | undefined): string[] {
  if (!spec) return [];
  const s = specOf(spec);
  return [
    ...(s.column ? [s.column] : []),
    ...(s.columns ?? []),
    ...(s.fallback ?? []),
    ...Object.values(s.labels ?? {}),
  ];
}

/** Every column a mapping reads, with what reads it (a feed field, "id" or "where"). */
export function mappingColumns(m: TabularMapping): Array<{ column: string; use: string }> {
  const out: Array<{ column: string; use: string }> = [];
  const id = typeof m.id === 'string' ? { column: m.id } : m.id;
  for (const c of [...(id.column ? [id.column] : []), ...(id.columns ?? [])])
    if (c !== '$id') out.push({ column: c, use: 'id' });
  for (const [field, spec] of Object.entries(m.fields))
    for (const c of specColumns(spec)) out.push({ column: c, use: field });
  for (const cond of conditionsOf(m)) out.push({ column: cond.column, use: 'where' });
  return out;
}

export const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.every(isEmpty));

const joinValues = (v: unknown, sep: string): unknown =>
  Array.isArray(v)
    ? v
        .filter((x) => !isEmpty(x))
        .map(String)
        .join(sep)
    : v;

export interface Raw {
  value: unknown;
  /** The column the value was read from (for the report). */
  column?: string;
  notes: Note[];
}

/** The raw value of a field on a row: constant, columns, column then fallbacks, labelled join; then pattern. */
export function rawValue(spec: FieldSpec, get: Getter): Raw {
  const s = specOf(spec);
  const notes: Note[] = [];
  if (s.value !== undefined) return { value: s.value, notes };
  let value: unknown;
  let column: string | undefined;
  if (s.labels) {
    const parts = labelledCells(s, get).map(([label, v]) => `${label} : ${v}`);
    value = parts.length ? parts.join(s.join ?? '\n') : undefined;
    column = Object.values(s.labels)[0];
  } else if (s.columns?.length) {
    const parts = s.columns.map((c) => joinValues(get(c), ', ')).filter((v) => !isEmpty(v));
    value = parts.length ? parts.map(String).join(s.join ?? ' ') : undefined;
    column = s.columns[0];
  } else if (s.column) {
    value = get(s.column);
    column = s.column;
  }
  if (isEmpty(value)) {
    value = undefined;
    for (const c of s.fallback ?? []) {
      const v = get(c);
      if (!isEmpty(v)) {
        value = v;
        column = c;
        break;
      }
    }
  }
  if (s.pattern && !isEmpty(value)) {
    const text = String(joinValues(value, ' '));
    const m = new RegExp(s.pattern, 'u').exec(text);
    if (m) value = m[1] ?? m[0];
    else {
      notes.push({
        code: 'pattern-no-match',
        fr: `« ${text.slice(0, 80)} » ne contient pas le motif ${s.pattern} (valeur ignorée)`,
        en: `"${text.slice(0, 80)}" does not contain the pattern ${s.pattern} (value ignored)`,
      });
      value = undefined;
    }
  }
  return { value, ...(column !== undefined ? { column } : {}), notes };
}

/** The non-empty cells of a labelled join, in the mapping's order. */
function labelledCells(s: FieldSpecObject, get: Getter): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [label, column] of Object.entries(s.labels ?? {})) {
    const v = joinValues(get(column), ', ');
    if (!isEmpty(v)) out.push([label, String(v).trim()]);
  }
  return out;
}

/** The day a label names, in any usual way: "Mo", "lundi", "Monday", "lundi matin" ("h_lundi" is not). */
export function dayOf(label: string): Day | undefined {
  return DAY_ALIASES[foldKey(label).split(' ')[0]!];
}

const DAY_NAMES_FR: Record<Day, string> = {
  Mo: 'Lundi',
  Tu: 'Mardi',
  We: 'Mercredi',
  Th: 'Jeudi',
  Fr: 'Vendredi',
  Sa: 'Samedi',
  Su: 'Dimanche',
};

/** A valid OSM opening_hours value (checked with the opening_hours library, the one the widgets use). */
export function isValidOpeningHours(value: string): boolean {
  try {
    new OpeningHours(value, null, { tag_key: 'opening_hours' } as never);
    return true;
  } catch {
    return false;
  }
}

/** A day's cell that says closed. */
const CLOSED = /^(?:ferm[ée]e?|closed|-|–|—)$/i;

/**
 * One day's cell as "09:00-12:00,14:00-17:00" for dayRanges: slots separated by "/", "et", "&", "+" or
 * nothing ("16h30 à 18h00 11h30 à 13h00"); "9h" read as "9h00".
 */
function slotsOf(cell: string): string {
  return cell
    .replace(/\b(\d{1,2})h(?!\d)/gi, '$1h00')
    .replace(/\s*(?:\/|\bet\b|&|\+)\s*/g, ',')
    .replace(/(\d[:h]\d{2})\s+(?=\d{1,2}[:h]\d{2}\s*[-–à])/g, '$1,');
}

/**
 * Weekday columns → `{ osm }` when every cell reads as hours ("09:00 - 12:00 / 13:30 - 17:00"), else
 * `{ text }` with the day names ("Lundi : 9h-12h\nMardi : fermé").
 */
export function weekdayHours(
  s: FieldSpecObject,
  get: Getter,
): { osm?: string; text?: string; notes: Note[] } {
  const cells = labelledCells(s, get);
  if (!cells.length) return { notes: [] };
  const byDay = new Map<Day, string>();
  let readable = true;
  for (const [label, cell] of cells) {
    const day = dayOf(label);
    const ranges = day ? (CLOSED.test(cell.trim()) ? [] : dayRanges(slotsOf(cell))) : undefined;
    if (!day || ranges === undefined) {
      readable = false;
      break;
    }
    // Several columns for one day ("lundi matin", "lundi après-midi") add up.
    if (ranges.length) byDay.set(day, [byDay.get(day), ...ranges].filter(Boolean).join(','));
  }
  const shown = (label: string) => {
    const day = dayOf(label);
    if (day && DAY_ALIASES[foldKey(label)]) return DAY_NAMES_FR[day];
    return label.charAt(0).toUpperCase() + label.slice(1);
  };
  const text = cells.map(([label, cell]) => `${shown(label)} : ${cell}`).join('\n');
  if (readable && byDay.size) {
    const osm = groupDays(byDay);
    const empty = cells.filter(([, cell]) => /\b00[:h]00\s*[-–à]\s*00[:h]00\b/.test(cell));
    const notes: Note[] = empty.length
      ? [
          {
            code: 'opening-hours-empty-slot',
            fr: `créneau « 00:00 - 00:00 » lu comme fermé (${empty.map(([l]) => l).join(', ')})`,
            en: `slot "00:00 - 00:00" read as closed (${empty.map(([l]) => l).join(', ')})`,
          },
        ]
      : [];
    if (isValidOpeningHours(osm)) return { osm, notes };
  }
  return {
    text,
    notes: [
      {
        code: 'opening-hours-as-text',
        fr: 'horaires non convertibles au format OpenStreetMap : gardés en texte avec les jours',
        en: 'opening hours not convertible to OpenStreetMap syntax: kept as text with the days',
      },
    ],
  };
}

/** Literal separators → a RegExp splitting on any of them. */
export function separatorsOf(split: string | string[] | undefined): RegExp | undefined {
  if (split === undefined) return undefined;
  const list = (Array.isArray(split) ? split : [split]).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(list.join('|'));
}

/** The items of a cell: split for list fields (or when `split` is given), else the one value. */
export function itemsOf(field: string, s: FieldSpecObject, raw: unknown): string[] {
  const seps = separatorsOf(s.split);
  if (LIST_FIELDS.has(field) || seps) return splitList(raw, seps ?? /[;,|\n]/);
  if (Array.isArray(raw)) return splitList(raw);
  const t = String(raw).trim();
  return t ? [t] : [];
}

/** Text compared ignoring case and accents; numbers compared by value ("9220.0" = "9220", "1,5" = "1.5"). */
export function matchKey(v: string): string {
  const t = v.trim();
  if (/^[+-]?\d+(?:[.,]\d+)?$/.test(t)) return `#${Number(t.replace(',', '.'))}`;
  return foldKey(t);
}

/** Applies a value map. `mapped: false` when the value matches no key (it is then kept as written). */
export function mapValue(v: string, map: ValueMap | undefined): { values: string[]; mapped: boolean } {
  if (!map) return { values: [v], mapped: false };
  if (Object.hasOwn(map, v)) return targetOf(map[v]!);
  const key = matchKey(v);
  for (const [k, target] of Object.entries(map)) if (matchKey(k) === key) return targetOf(target);
  return { values: [v], mapped: false };
}
function targetOf(target: string | string[] | null): { values: string[]; mapped: boolean } {
  return { values: target === null ? [] : Array.isArray(target) ? target : [target], mapped: true };
}

// --- Row filter ---------------------------------------------------------------------------------------

export function conditionsOf(m: TabularMapping): Condition[] {
  return m.where === undefined ? [] : Array.isArray(m.where) ? m.where : [m.where];
}

const TRUE = new Set(['true', 'vrai', 'oui', 'yes', '1', 'x', 'o', 'y']);
const FALSE = new Set(['false', 'faux', 'non', 'no', '0', 'n']);

function equalsCell(cell: unknown, expected: string | number | boolean): boolean {
  const c = isEmpty(cell) ? '' : String(joinValues(cell, ', ')).trim();
  if (typeof expected === 'boolean') {
    const k = foldKey(c);
    return expected ? TRUE.has(k) : FALSE.has(k) || k === '';
  }
  return matchKey(c) === matchKey(String(expected));
}

/** The first condition a row fails (undefined when it passes every one). */
export function failedCondition(m: TabularMapping, get: Getter): Condition | undefined {
  for (const cond of conditionsOf(m)) {
    const cell = get(cond.column);
    const list = (x: Condition['equals']) => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);
    const eq = list(cond.equals);
    const ne = list(cond.notEquals);
    if (eq && !eq.some((e) => equalsCell(cell, e))) return cond;
    if (ne?.some((e) => equalsCell(cell, e))) return cond;
    if (cond.empty !== undefined && cond.empty !== isEmpty(cell)) return cond;
  }
  return undefined;
}

export function describeCondition(c: Condition): string {
  const parts: string[] = [];
  if (c.equals !== undefined) parts.push(`${c.column} = ${JSON.stringify(c.equals)}`);
  if (c.notEquals !== undefined) parts.push(`${c.column} ≠ ${JSON.stringify(c.notEquals)}`);
  if (c.empty !== undefined) parts.push(`${c.column} ${c.empty ? 'vide' : 'non vide'}`);
  return parts.join(', ');
}

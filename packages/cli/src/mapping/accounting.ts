/**
 * Field-level accounting of one source: every column (or top-level property) with its number of
 * non-empty values and the feed fields it feeds, the values a map did not match, the rows a filter left
 * out, and every per-record warning counted by field and kind, with examples. Becomes the source's
 * `fields` in build-report.json.
 */
import type { FieldReport, ImportWarning } from '../importers/types.ts';
import { isEmpty } from './read.ts';

const MAX_EXAMPLES = 5;

export class FieldAccounting {
  private readonly columns = new Map<string, { nonEmpty: number; fields: Set<string> }>();
  private readonly unmatched = new Map<string, FieldReport['unmatched'][number]>();
  private readonly warnings = new Map<string, FieldReport['warnings'][number]>();
  private readonly mapped = new Map<string, { field: string; from: string[]; filled: number }>();
  filtered = 0;

  constructor(columns: Iterable<string> = []) {
    for (const c of columns) this.column(c);
  }

  private column(name: string) {
    let c = this.columns.get(name);
    if (!c) this.columns.set(name, (c = { nonEmpty: 0, fields: new Set() }));
    return c;
  }

  /** `field` is fed by `column` (a feed field, "id" or "where"). */
  use(column: string, field: string): void {
    this.column(column).fields.add(field);
  }

  /** Counts the non-empty values of a row (an object of column → value). */
  countRow(row: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(row)) if (!isEmpty(v)) this.column(k).nonEmpty++;
  }

  /** Declares a mapped feed field and the columns it reads. */
  field(field: string, from: string[]): void {
    if (!this.mapped.has(field)) this.mapped.set(field, { field, from, filled: 0 });
  }

  /** A record's source gave `field` a value. */
  filled(field: string): void {
    const m = this.mapped.get(field);
    if (m) m.filled++;
  }

  unmatchedValue(field: string, value: string, recordId: string): void {
    const key = `${field}\u0000${value}`;
    let u = this.unmatched.get(key);
    if (!u) this.unmatched.set(key, (u = { field, value, count: 0, examples: [] }));
    u.count++;
    if (u.examples.length < MAX_EXAMPLES) u.examples.push(recordId);
  }

  warning(w: ImportWarning, recordId: string, source?: { column?: string; value?: unknown }): void {
    const key = `${w.field}\u0000${w.code}`;
    let e = this.warnings.get(key);
    if (!e) this.warnings.set(key, (e = { field: w.field, code: w.code, count: 0, examples: [] }));
    e.count++;
    if (e.examples.length < MAX_EXAMPLES) {
      const value = source?.value === undefined || isEmpty(source.value) ? undefined : String(source.value);
      e.examples.push({
        id: recordId,
        ...(source?.column ? { column: source.column } : {}),
        ...(value !== undefined ? { value: value.length > 200 ? `${value.slice(0, 200)}…` : value } : {}),
        fr: w.fr,
        en: w.en,
      });
    }
  }

  report(): FieldReport {
    const columns = [...this.columns].map(([name, c]) => ({
      name,
      nonEmpty: c.nonEmpty,
      fields: [...c.fields],
    }));
    const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
    return {
      columns,
      unused: columns.filter((c) => !c.fields.length && c.nonEmpty > 0).map((c) => c.name),
      mapped: [...this.mapped.values()],
      unmatched: [...this.unmatched.values()].sort(byCount),
      ...(this.filtered ? { filtered: this.filtered } : {}),
      warnings: [...this.warnings.values()].sort(
        (a, b) => byCount(a, b) || (a.field + a.code < b.field + b.code ? -1 : 1),
      ),
    };
  }
}

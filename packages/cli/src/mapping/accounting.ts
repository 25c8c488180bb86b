/**
 * Field-level accounting of one source: every column (or top-level property) with its number of
 * non-empty values and the feed fields it feeds, each mapped field with the records it got a value from,
 * the values a map did not match and the rows a filter left out. Becomes the source's `fields` in
 * build-report.json (the per-record warnings are the source's `warnings`, beside it).
 */
import type { FieldReport } from '../importers/types.ts';
import { isEmpty } from './read.ts';

const MAX_EXAMPLES = 5;

export class FieldAccounting {
  private readonly columns = new Map<string, { nonEmpty: number; fields: Set<string> }>();
  private readonly unmatched = new Map<string, FieldReport['unmatched'][number]>();
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
    };
  }
}

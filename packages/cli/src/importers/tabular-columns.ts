/**
 * The columns a tabular mapping reads, found in a file's columns (exactly, else ignoring case, accents
 * and punctuation), and the field accounting of the report (each column with the fields it feeds).
 */
import { FieldAccounting } from '../mapping/accounting.ts';
import { mappingColumns, specColumns, specOf } from '../mapping/read.ts';
import type { TabularMapping } from '../mapping/schema.ts';
import { foldKey } from '../normalize/index.ts';
import { closest } from '../suggest.ts';

/** Finds each column a mapping reads in the file's columns: exactly, else ignoring case, accents, punctuation. */
export function resolveColumns(
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

export function missingColumns(missing: string[], header: string[]): string {
  return missing
    .map((c) => {
      const guess = closest(c, header);
      return guess ? `"${c}" (did you mean "${guess}"?)` : `"${c}"`;
    })
    .join(', ');
}

/** The accounting of a mapping over the file's columns (each column with the fields it feeds). */
export function accountingFor(mapping: TabularMapping, columns: string[], resolve: (c: string) => string) {
  const acct = new FieldAccounting(columns);
  for (const { column, use } of mappingColumns(mapping)) acct.use(resolve(column), use);
  declareFields(acct, mapping);
  return acct;
}

/** Declares the mapped fields to the accounting (`skip`: preset fields whose properties the file lacks). */
export function declareFields(
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

/**
 * CSV reading shared by the csv and data-inclusion importers: papaparse with the separator detected
 * (",", ";", tab, "|"), headers trimmed, empty lines skipped, and row-level problems kept as notes.
 */
import Papa from 'papaparse';

export interface CsvTable {
  header: string[];
  rows: Array<Record<string, string>>;
  /** The separator used (detected or given). */
  delimiter: string;
  /** Problems of a row (by row index, 0-based, header excluded): wrong number of fields, unclosed quote. */
  rowErrors: Map<number, string[]>;
}

export interface CsvOptions {
  /** "auto" (default) or the separator. */
  delimiter?: string;
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : '';
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    delimiter,
    delimitersToGuess: [';', ',', '\t', '|'],
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.replace(/^\uFEFF/, '').trim(),
  });
  const rowErrors = new Map<number, string[]>();
  for (const e of parsed.errors) {
    if (e.row === undefined || e.row === null) continue;
    const list = rowErrors.get(e.row) ?? [];
    list.push(`${e.code}: ${e.message}`);
    rowErrors.set(e.row, list);
  }
  return { header: parsed.meta.fields ?? [], rows: parsed.data, delimiter: parsed.meta.delimiter, rowErrors };
}

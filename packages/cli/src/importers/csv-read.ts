/**
 * CSV reading shared by the csv and data-inclusion importers: papaparse with the separator detected
 * (",", ";", tab, "|"), headers trimmed, empty lines skipped, and row-level problems kept as notes.
 *
 * A file cut short is refused, naming the line, rather than read with a broken last row: a quoted field
 * that is never closed (the parser's `MissingQuotes`, at the line of the opening quote), or a last row
 * with fewer fields than the header (`TooFewFields` on the last row).
 */
import Papa from 'papaparse';
import { CliError, ExitCode, type Messages } from '../build/errors.ts';

export interface CsvTable {
  header: string[];
  rows: Array<Record<string, string>>;
  /** The separator used (detected or given). */
  delimiter: string;
  /** Problems of a row (by row index, 0-based, header excluded): wrong number of fields. */
  rowErrors: Map<number, string[]>;
}

export interface CsvOptions {
  /** "auto" (default) or the separator. */
  delimiter?: string;
  /** The file, named in the error when it is cut short. */
  file?: string;
}

/** The 1-based line of a character position. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : '';
  const rows: Array<Record<string, string>> = [];
  /** Character position where each row starts (for line numbers). */
  const starts: number[] = [];
  let cursor = 0;
  let header: string[] = [];
  let used = '';
  const errors: Papa.ParseError[] = [];
  Papa.parse<Record<string, string>>(text, {
    header: true,
    delimiter,
    delimitersToGuess: [';', ',', '\t', '|'],
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.replace(/^\uFEFF/, '').trim(),
    step: (results) => {
      if (!header.length) {
        header = results.meta.fields ?? [];
        used = results.meta.delimiter;
      }
      const index = rows.length;
      for (const e of results.errors) errors.push({ ...e, row: index });
      starts.push(cursor);
      cursor = results.meta.cursor;
      rows.push(results.data);
    },
  });
  if (!header.length) {
    const first = Papa.parse<string[]>(text, {
      delimiter,
      delimitersToGuess: [';', ',', '\t', '|'],
      preview: 1,
    });
    header = (first.data[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim()).filter(Boolean);
    used = first.meta.delimiter;
  }
  const where = options.file ?? 'CSV';
  const cutShort = (line: number, what: Messages) =>
    new CliError(ExitCode.BadInput, {
      fr: `Le fichier ${where} semble tronqué : ${what.fr} (ligne ${line}). Vérifiez qu’il a été exporté ou téléchargé en entier ; rien n’a été importé.`,
      en: `The file ${where} seems cut short: ${what.en} (at line ${line}). Check that it was exported or downloaded whole; nothing was imported.`,
    });
  const rowLine = (row: number) => {
    // The first line of the row: skip the line break that ends the previous row.
    let at = starts[row] ?? 0;
    while (at < text.length && (text[at] === '\n' || text[at] === '\r')) at++;
    return lineAt(text, at);
  };
  const rowErrors = new Map<number, string[]>();
  for (const e of errors) {
    if (e.code === 'MissingQuotes') {
      const line = typeof e.index === 'number' ? lineAt(text, e.index) : rowLine(e.row ?? rows.length - 1);
      throw cutShort(line, {
        fr: 'un champ entre guillemets n’est jamais refermé',
        en: 'a quoted field is never closed (unterminated quote)',
      });
    }
    const row = e.row ?? -1;
    if (e.code === 'TooFewFields' && row === rows.length - 1)
      throw cutShort(rowLine(row), {
        fr: `la dernière ligne a moins de champs que l’en-tête (${e.message})`,
        en: `the last row has fewer fields than the header (${e.message})`,
      });
    const list = rowErrors.get(row) ?? [];
    list.push(`${e.code}: ${e.message}`);
    rowErrors.set(row, list);
  }
  return { header, rows, delimiter: used, rowErrors };
}

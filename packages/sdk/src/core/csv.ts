/**
 * CSV cells safe to open in any spreadsheet, in any locale: one implementation for every export of
 * the project (the directory's and the territory's CSV in the browser, the CLI's `merges.csv`).
 *
 * @module
 */

/**
 * Puts a `'` before every formula character (`=`, `+`, `-`, `@`, tab, CR) that a spreadsheet may read
 * at the start of a cell: at the start of the text, and after every character it may split on when it
 * guesses another separator or ignores the quotes (`;` in French locales, `,`, tab, line breaks), past
 * any spaces and quotes.
 */
function guardFormulas(text: string): string {
  let out = '';
  let start = true;
  for (const c of text) {
    if (start && (c === ' ' || c === '"')) {
      out += c;
      continue;
    }
    if (start && '=+-@\t\r'.includes(c)) out += "'";
    out += c;
    start = ',;\t\r\n'.includes(c);
  }
  return out;
}

/**
 * One CSV cell: numbers as they are; text always quoted (quotes doubled), with a `'` before every
 * formula character (`=`, `+`, `-`, `@`, tab, CR) that could start a cell, in any separator a
 * spreadsheet may use (no formula injection in any locale).
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return `"${guardFormulas(String(value)).replace(/"/g, '""')}"`;
}

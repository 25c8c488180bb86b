/**
 * The directory's CSV export is safe in every spreadsheet locale (issue 13): parsed with `,` (RFC 4180)
 * and with `;` (the default of French spreadsheets, where the quotes of a comma-separated file no longer
 * group a cell), and even split naively, no cell starts with a formula character. The records are the
 * first real structures of the embedded feed (Transiscope, ODbL), plus hand-made hostile ones (fixtures,
 * labelled by their ids).
 */
import { readFile } from 'node:fs/promises';
import type { FeedStore, SearchHit } from '@essaim/sdk';
import { expect } from 'chai';
import { csvCell } from '@essaim/sdk';
import { toCsv } from '../src/directory/export.ts';

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** RFC 4180 with a given separator; `quotes: false` splits naively (a spreadsheet that ignores them). */
function parse(text: string, sep: string, quotes: boolean): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (quotes && c === '"' && atStart) {
      quoted = true;
      atStart = false;
      continue;
    }
    if (c === sep || c === '\n' || c === '\r') {
      row.push(cell);
      cell = '';
      atStart = true;
      if (c !== sep) {
        if (c === '\r' && text[i + 1] === '\n') i++;
        rows.push(row);
        row = [];
      }
      continue;
    }
    cell += c;
    atStart = false;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The cells a spreadsheet could read as a formula (past any leading spaces and stray quotes). */
function formulas(csv: string): string[] {
  const out: string[] = [];
  for (const sep of [',', ';', '\t'])
    for (const quotes of [true, false])
      for (const row of parse(csv.replace(/^\ufeff/, ''), sep, quotes))
        for (const cell of row) {
          const start = cell.replace(/^[ "]+/, '');
          if (FORMULA.test(start) && !NUMBER.test(start))
            out.push(`${sep}${quotes ? '' : ' naive'}: ${cell}`);
        }
  return out;
}

describe('CSV export in every spreadsheet locale (issue 13)', () => {
  it('no cell starts with a formula character with `,`, `;` or tab as separator', async () => {
    const url = new URL('../../../data/feed/structures.json', import.meta.url);
    const real = (JSON.parse(await readFile(url, 'utf8')) as SearchHit['record'][]).slice(0, 50);
    const hostile = [
      'a;=1+1;b',
      '=HYPERLINK("https://evil.example","x")',
      'x,=cmd|"/c calc"!A1',
      'x; @SUM(1)',
      'x;"=1+1"',
      'ligne\n-2+3',
      'tab\t+1',
      '\r=1',
      '+33 1 23 45 67 89',
    ].map((name, i) => ({ ...real[0]!, id: `fixture--hostile-${i}`, name, description: name }));
    const hits = [...real, ...hostile].map((record, index) => ({ record, index, score: 0 })) as SearchHit[];
    const store = { concept: () => undefined } as unknown as FeedStore;
    const csv = toCsv(hits, store, 'fr');
    expect(formulas(csv)).to.deep.equal([]);
    // Still a faithful RFC 4180 file with `,`: the names come back, behind the guard's apostrophes.
    const rows = parse(csv.replace(/^\ufeff/, ''), ',', true);
    expect(rows).to.have.length(hits.length + 1);
    expect(rows.at(-9)![1]).to.equal("a;'=1+1;b");
    expect(rows[1]![1]).to.equal(real[0]!.name);
  });

  it('numbers stay numbers (a negative longitude is no formula)', () => {
    expect(csvCell(-0.57)).to.equal('-0.57');
    expect(csvCell('-0.57')).to.equal(`"'-0.57"`);
    expect(csvCell(undefined)).to.equal('');
  });
});

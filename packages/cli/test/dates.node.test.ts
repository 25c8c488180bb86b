/**
 * Dates as publishers' files write them (issue 11 §2/Deliver 4): month names, epoch numbers, spreadsheet
 * serial days, per-column formats and dates inside text. The values are those of the trial files
 * ("Décembre 2019", "juil-22" in a co-operative register; epoch seconds in an API dump).
 */
import { expect } from 'chai';
import { monthFromName, normalizeDate, parseDateLoose, wholeDayOccurrences } from '../src/normalize/index.ts';

const codes = (r: { notes: Array<{ code: string }> }) => r.notes.map((n) => n.code);

describe('dates: month names, epochs, serial days, formats and patterns', () => {
  it('reads month names in French and English, full or abbreviated, to the 1st of the month with a note', () => {
    for (const [raw, iso] of [
      ['Décembre 2019', '2019-12-01'],
      ['juil-22', '2022-07-01'],
      ['Dec 2019', '2019-12-01'],
      ['févr. 2021', '2021-02-01'],
      ['sept 2018', '2018-09-01'],
    ] as const) {
      const r = normalizeDate(raw);
      expect(r.value, raw).to.equal(iso);
      expect(codes(r), raw).to.deep.equal(['date-month-only']);
    }
  });

  it('reads full dates with a month name without a note', () => {
    expect(normalizeDate('12 déc. 2019')).to.deep.equal({ value: '2019-12-12', notes: [] });
    expect(normalizeDate('lundi 1er juin 2020').value).to.equal('2020-06-01');
    expect(normalizeDate('March 3, 2020').value).to.equal('2020-03-03');
    expect(normalizeDate('12-Dec-2019').value).to.equal('2019-12-12');
  });

  it('refuses ambiguous or unknown month words and impossible days', () => {
    expect(monthFromName('jui')).to.equal(undefined); // juin or juillet
    expect(monthFromName('ma')).to.equal(undefined);
    expect(monthFromName('Mar')).to.equal(3);
    expect(codes(normalizeDate('jui 2020'))).to.deep.equal(['date-invalid']);
    expect(codes(normalizeDate('31 février 2020'))).to.deep.equal(['date-invalid']);
  });

  it('reads epoch seconds and milliseconds, as numbers or digit strings, as instants in Paris time', () => {
    expect(normalizeDate(1577836800).value).to.equal('2020-01-01T01:00:00+01:00');
    expect(normalizeDate('1577836800').value).to.equal('2020-01-01T01:00:00+01:00');
    expect(normalizeDate(1593561600000).value).to.equal('2020-07-01T02:00:00+02:00');
    expect(normalizeDate('1593561600000').value).to.equal('2020-07-01T02:00:00+02:00');
  });

  it('reads spreadsheet serial days (1900 system), with a note saying so', () => {
    const r = normalizeDate(43831);
    expect(r.value).to.equal('2020-01-01');
    expect(codes(r)).to.deep.equal(['date-serial']);
    expect(normalizeDate(43831.75).value).to.equal('2020-01-01T18:00:00+01:00');
    expect(parseDateLoose('44000', { formats: ['serial'] }).value).to.equal('2020-06-18');
  });

  it('uses only the formats given, in order (a US date is not read as a French one)', () => {
    expect(parseDateLoose('02/03/2021', { formats: ['MM/DD/YYYY'] }).value).to.equal('2021-02-03');
    expect(normalizeDate('02/03/2021').value).to.equal('2021-03-02');
    expect(parseDateLoose('juin-22', { formats: ['MMM-YY'] }).value).to.equal('2022-06-01');
    expect(parseDateLoose('2021.03.02 14h05', { formats: ['YYYY.MM.DD HHhmm'] }).value).to.equal(
      '2021-03-02T14:05:00+01:00',
    );
    expect(parseDateLoose('1577836800', { formats: ['epoch-s'] }).value).to.equal(
      '2020-01-01T01:00:00+01:00',
    );
    expect(parseDateLoose('1577836800000', { formats: ['epoch-ms'] }).value).to.equal(
      '2020-01-01T01:00:00+01:00',
    );
    const miss = parseDateLoose('2021-03-02', { formats: ['DD/MM/YYYY'] });
    expect(miss.value).to.equal(undefined);
    expect(codes(miss)).to.deep.equal(['date-format-mismatch']);
  });

  it('finds a date inside a text with a pattern (named group, first group or whole match)', () => {
    expect(
      parseDateLoose('Mis à jour le 03/02/2021 par l’animatrice', { pattern: '(\\d{2}/\\d{2}/\\d{4})' })
        .value,
    ).to.equal('2021-02-03');
    expect(
      parseDateLoose('màj : juillet 2022 (révision)', { pattern: /màj : (?<date>\p{L}+ \d{4})/u }).value,
    ).to.equal('2022-07-01');
    expect(
      parseDateLoose('labellisé en 12/2019', { pattern: '\\d{2}/\\d{4}', formats: ['MM/YYYY'] }).value,
    ).to.equal('2019-12-01');
    const none = parseDateLoose('pas de date', { pattern: '(\\d{2}/\\d{2}/\\d{4})' });
    expect(none.value).to.equal(undefined);
    expect(codes(none)).to.deep.equal(['date-pattern-no-match']);
  });

  it('recognises whole days in timed slots, also when shifted by the time zone (fixtures of the OpenAgenda pattern)', () => {
    // Summer: an all-day entry for 1–3 May cut at the UTC offset (+02:00).
    const summer = [
      { start: '2026-05-01T00:00:00+02:00', end: '2026-05-01T01:59:59+02:00' },
      { start: '2026-05-01T02:00:00+02:00', end: '2026-05-02T01:59:59+02:00' },
      { start: '2026-05-02T02:00:00+02:00', end: '2026-05-03T01:59:59+02:00' },
      { start: '2026-05-03T02:00:00+02:00', end: '2026-05-03T23:59:59+02:00' },
    ];
    expect(wholeDayOccurrences(summer)).to.deep.equal([
      { start: '2026-05-01T00:00:00+02:00', end: '2026-05-02T00:00:00+02:00' },
      { start: '2026-05-02T00:00:00+02:00', end: '2026-05-03T00:00:00+02:00' },
      { start: '2026-05-03T00:00:00+02:00', end: '2026-05-04T00:00:00+02:00' },
    ]);
    // Winter (+01:00), and across the change to summer time (29 March 2026: a 23-hour day).
    const winter = [
      { start: '2026-03-28T00:00:00+01:00', end: '2026-03-28T00:59:59+01:00' },
      { start: '2026-03-28T01:00:00+01:00', end: '2026-03-29T00:59:59+01:00' },
      { start: '2026-03-29T00:00:00Z', end: '2026-03-29T21:59:59Z' },
    ];
    expect(wholeDayOccurrences(winter)?.map((d) => d.start)).to.deep.equal([
      '2026-03-28T00:00:00+01:00',
      '2026-03-29T00:00:00+01:00',
    ]);
    // A day written 00:00–23:59.
    expect(
      wholeDayOccurrences([{ start: '2026-06-21T00:00:00+02:00', end: '2026-06-21T23:59:00+02:00' }]),
    ).to.have.length(1);
    // Timed slots stay timed: an evening, a night until 01:59, a gap in the run, a slot without an end.
    expect(
      wholeDayOccurrences([{ start: '2026-05-23T18:00:00+02:00', end: '2026-05-23T21:30:00+02:00' }]),
    ).to.equal(undefined);
    expect(
      wholeDayOccurrences([{ start: '2026-05-01T00:00:00+02:00', end: '2026-05-01T01:59:59+02:00' }]),
    ).to.equal(undefined);
    expect(wholeDayOccurrences([summer[0]!, summer[2]!, summer[3]!])).to.equal(undefined);
    expect(wholeDayOccurrences([{ start: '2026-05-01T00:00:00+02:00' }])).to.equal(undefined);
  });
});

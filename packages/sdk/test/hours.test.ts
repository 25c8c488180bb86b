/**
 * The opening-hours evaluator on hand-written weeks (fixtures; the comparison with the opening_hours
 * library on real values is packages/cli/test/opening-hours-week.node.test.ts).
 */
import { expect } from 'chai';
import { isFrenchPublicHoliday, type OpeningHoursWeek, openingState } from '../src/index.ts';

// "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off"
const office: OpeningHoursWeek = {
  week: [
    [
      [540, 720],
      [840, 1080],
    ],
    [
      [540, 720],
      [840, 1080],
    ],
    [
      [540, 720],
      [840, 1080],
    ],
    [
      [540, 720],
      [840, 1080],
    ],
    [
      [540, 720],
      [840, 1080],
    ],
    [[540, 720]],
    [],
  ],
  ph: [],
};

describe('opening hours evaluator', () => {
  it('French public holidays, Easter-based ones included', () => {
    const holidays2027 = [
      '2027-01-01',
      '2027-03-29', // Easter Monday (Easter: 28 March 2027)
      '2027-05-01',
      '2027-05-06', // Ascension
      '2027-05-08',
      '2027-05-17', // Whit Monday
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ];
    for (const d of holidays2027) expect(isFrenchPublicHoliday(d), d).to.equal(true);
    for (const d of ['2027-03-28', '2027-03-30', '2027-05-16', '2027-12-26', '2027-04-02'])
      expect(isFrenchPublicHoliday(d), d).to.equal(false);
  });

  it('open, closed, and the next change, in Paris time whatever the instant says', () => {
    // Tuesday 2026-12-08 10:30 Paris = 09:30 UTC.
    const open = openingState(office, new Date('2026-12-08T09:30:00Z'));
    expect(open.status).to.equal('open');
    expect(open.next).to.include({ date: '2026-12-08', minute: 720 });
    expect(open.next!.at).to.equal(Date.parse('2026-12-08T11:00:00Z'));
    // Saturday 13:00 Paris: closed until Monday 09:00.
    const weekend = openingState(office, new Date('2026-12-12T12:00:00Z'));
    expect(weekend.status).to.equal('closed');
    expect(weekend.next).to.include({ date: '2026-12-14', minute: 540 });
    // Summer time: 10:30 Paris = 08:30 UTC on a Tuesday in June.
    expect(openingState(office, new Date('2027-06-08T08:30:00Z')).status).to.equal('open');
    expect(openingState(office, new Date('2027-06-08T06:30:00Z')).status).to.equal('closed');
  });

  it('a public holiday uses the holidays’ intervals', () => {
    // Friday 2027-01-01 10:00 Paris: a holiday, "PH off".
    const s = openingState(office, new Date('2027-01-01T09:00:00Z'));
    expect(s.status).to.equal('closed');
    expect(s.next).to.include({ date: '2027-01-02', minute: 540 });
    // Without `ph`, a holiday is a weekday like the others.
    expect(openingState({ week: office.week }, new Date('2027-01-01T09:00:00Z')).status).to.equal('open');
  });

  it('unknown intervals with their comment; 24/7 has no next change', () => {
    const rdv: OpeningHoursWeek = {
      week: Array.from({ length: 7 }, () => [[540, 1020, 1, 'sur rendez-vous']]),
    };
    expect(openingState(rdv, new Date('2026-12-08T09:30:00Z'))).to.deep.include({
      status: 'unknown',
      comment: 'sur rendez-vous',
    });
    const always: OpeningHoursWeek = { week: Array.from({ length: 7 }, () => [[0, 1440]]) };
    const s = openingState(always, new Date('2026-12-08T09:30:00Z'));
    expect(s.status).to.equal('open');
    expect(s.next).to.equal(undefined);
  });
});

/**
 * The ICS writer never lets a value start a content line of its own (issue 13): an event as it may
 * reach the writer before validation (the agenda's preview), with line breaks in its URL, its rule,
 * its place and its texts, gives a file whose every line is a property the writer wrote, with no
 * `ATTACH:` or `VALARM` from the feed. The event is a real one of the embedded feed (OpenAgenda, Licence
 * Ouverte) with hostile values added by hand: a fixture, labelled as such.
 */
import { expect } from 'chai';
import { type Event, eventsToIcs, eventToIcs } from '../src/index.ts';
import { readRepoJson } from './helpers/files.ts';

const INJECT =
  '\r\nATTACH:https://evil.example/x.exe\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nEND:VALARM\r\nX-EVIL:1';

function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

describe('ICS from a hostile, unvalidated event (issue 13)', () => {
  it('no injected property line, whatever field carries the line breaks', async () => {
    const events = await readRepoJson<Event[]>('data/feed/events.json');
    const real = events.find((e) => e.start && !e.rrule) ?? events[0]!;
    const hostile = {
      ...real,
      id: `${real.id}${INJECT}`,
      title: `${real.title}${INJECT}`,
      description: `Desc${INJECT}`,
      url: `https://example.org/${INJECT}`,
      onlineUrl: `https://example.org/live${INJECT}`,
      organizerName: `Org\u2028ATTACH:x${INJECT}`,
      rrule: `FREQ=WEEKLY;COUNT=2${INJECT}`,
      timeZone: `Europe/Paris${INJECT}`,
      place: { name: `Salle${INJECT}`, address: { street: `1 rue${INJECT}`, commune: 'Paris' } },
      updatedAt: `2026-01-01${INJECT}`,
    } as unknown as Event;
    for (const ics of [eventToIcs(hostile), eventsToIcs([hostile, real])]) {
      const lines = unfold(ics);
      expect(lines.filter((l) => /^(ATTACH|X-EVIL|ACTION)[:;]/i.test(l))).to.deep.equal([]);
      expect(lines.filter((l) => /^(BEGIN|END):VALARM/i.test(l))).to.deep.equal([]);
      // Each physical line ends with CRLF only: no bare CR or LF anywhere.
      expect(ics.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
      for (const l of lines) expect(l, l).to.match(/^[A-Z][A-Z0-9-]*[:;]/);
    }
  });
});

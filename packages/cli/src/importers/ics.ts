/**
 * An iCalendar file (RFC 5545): a structure publishing its own calendar (an .ics export of Google
 * Calendar, Nextcloud, Outlook, Thunderbird, an OpenAgenda or Mobilizon feed…). Parsed with Mozilla's
 * `ical.js`, one VEVENT at a time so that one broken VEVENT is reported and the others still load.
 *
 * Each VEVENT gives one event (or is rejected with its reason):
 * - `UID` → the local id (`<source>--<uid>`); `SUMMARY` → title; `DESCRIPTION` → description (a text
 *   over 2,000 characters goes to the long description); `URL` → the event's page; `CATEGORIES` →
 *   keywords (and the event categories / themes of the taxonomy they name);
 * - `LOCATION` → the place's name, its postcode/commune (and COG codes) read from it; a LOCATION that is a
 *   web address is the online link; `GEO` → the place's point;
 * - `DTSTART`/`DTEND` (or `DURATION`): with a `TZID` (an IANA zone, or a zone the file describes in a
 *   VTIMEZONE), in UTC (`…Z`), floating (the calendar's `X-WR-TIMEZONE`, else the option `timeZone`, else
 *   Europe/Paris), or whole days (`VALUE=DATE` → `allDay`, the end being the day after the last day);
 * - `RRULE` → `rrule` (a rule on a UTC start is evaluated in UTC, as RFC 5545 says); `EXDATE` →
 *   `exdates`; `RDATE` → explicit occurrences (the first date, DTSTART, is then one of them); a VEVENT
 *   with a `RECURRENCE-ID` (one changed date of a series) becomes its own event and the date it replaces
 *   is excluded from the series;
 * - `STATUS:CANCELLED` → cancelled; `TENTATIVE` → postponed when the description says "Statut : Reporté"
 *   (what our own writer adds), else scheduled with a warning (the file does not say why it is
 *   tentative); the other statuses our writer spells out in the description ("Statut : Complet"…) are
 *   read back the same way;
 * - `ORGANIZER;CN=…` → the organiser's name; the option `organizer` (a structure id of the feed) links
 *   every event to the structure that publishes the calendar.
 *
 * Options: `organizer` (structure id), `timeZone` (for floating times), `name` (shown in provenance
 * instead of the calendar's X-WR-CALNAME), `departement` / `region` (COG codes of the publisher's
 * territory: an iCalendar file carries no territory codes, so an event whose LOCATION gives no commune —
 * an online event, "Salle des fêtes" — is placed there, with a warning, instead of in no territory).
 */
import { isValidTimeZone } from '@essaim/sdk';
import ICAL from 'ical.js';
import { cleanText, PARIS } from '../normalize/index.ts';
import { checkSourceId, progressReporter, readText, TaxonomyIndex } from './shared.ts';
import {
  type ImportContext,
  type Importer,
  type ImportOutcome,
  type RejectionReason,
  WrongShapeError,
} from './types.ts';
import { mapVevent } from './ics-event.ts';
import { rawValues, text, Zones } from './ics-values.ts';

const TYPE = 'ics';
const EXPECTS =
  'an iCalendar file (RFC 5545): BEGIN:VCALENDAR … BEGIN:VEVENT (UID, DTSTART, SUMMARY…) END:VEVENT … END:VCALENDAR';

export interface IcsOptions {
  /** Id of the structure of the feed that publishes this calendar: every event is linked to it. */
  organizer?: string;
  /** Zone of floating times (no TZID, no Z), when the calendar gives no X-WR-TIMEZONE. Default Europe/Paris. */
  timeZone?: string;
  /** Name shown in provenance (default: the calendar's X-WR-CALNAME, else the source's name). */
  name?: string;
  /** Département code of the publisher's territory, for events whose place gives no commune. */
  departement?: string;
  /** Région code of the publisher's territory, for events whose place gives no commune. */
  region?: string;
}

/** A VEVENT block of the file, with where it starts. */
interface Block {
  text: string;
  /** 1-based line of its BEGIN:VEVENT (after unfolding), for messages. */
  line: number;
  /** Set when the block could not be cut out of the file (BEGIN without END). */
  broken?: string;
}

/** Unfolds content lines (RFC 5545 3.1) and splits the file into its VEVENT blocks and the rest. */
export function splitCalendar(text: string): { shell: string; blocks: Block[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const shell: string[] = [];
  const blocks: Block[] = [];
  let current: { lines: string[]; line: number } | undefined;
  lines.forEach((raw, i) => {
    const upper = raw.trim().toUpperCase();
    if (current) {
      if (upper === 'BEGIN:VEVENT') {
        // A VEVENT never contains another: the previous one lacks its END.
        blocks.push({ text: current.lines.join('\r\n'), line: current.line, broken: 'end' });
        current = { lines: [raw], line: i + 1 };
        return;
      }
      if (upper === 'END:VCALENDAR') {
        blocks.push({ text: current.lines.join('\r\n'), line: current.line, broken: 'end' });
        current = undefined;
        shell.push(raw);
        return;
      }
      current.lines.push(raw);
      if (upper === 'END:VEVENT') {
        blocks.push({ text: current.lines.join('\r\n'), line: current.line });
        current = undefined;
      }
      return;
    }
    if (upper === 'BEGIN:VEVENT') current = { lines: [raw], line: i + 1 };
    else shell.push(raw);
  });
  if (current) blocks.push({ text: current.lines.join('\r\n'), line: current.line, broken: 'end' });
  return { shell: shell.filter((l) => l.trim() !== '').join('\r\n'), blocks };
}

interface Parsed {
  index: number;
  vevent?: ICAL.Component;
  reason?: RejectionReason;
  uid?: string;
}

export const icsImporter: Importer = {
  type: TYPE,
  expects: EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const options = (ctx.source.options ?? {}) as IcsOptions;
    const { text: body, file } = await readText(ctx);
    if (!/^\s*BEGIN:VCALENDAR\s*$/im.test(body.slice(0, 2000)))
      throw new WrongShapeError(
        TYPE,
        file,
        EXPECTS,
        `text that does not start a VCALENDAR ("${body.slice(0, 40).trim()}…")`,
      );
    const { shell, blocks } = splitCalendar(body);
    let calendar: ICAL.Component | undefined;
    try {
      calendar = new ICAL.Component(ICAL.parse(shell));
    } catch (e) {
      throw new WrongShapeError(
        TYPE,
        file,
        EXPECTS,
        `a VCALENDAR that ical.js cannot read (${(e as Error).message})`,
      );
    }
    const calZone = text(calendar, 'x-wr-timezone');
    const floating =
      calZone && isValidTimeZone(calZone)
        ? calZone
        : options.timeZone && isValidTimeZone(options.timeZone)
          ? options.timeZone
          : PARIS;
    const zones = new Zones(calendar, floating);
    const calName = options.name ?? cleanText(text(calendar, 'x-wr-calname')).value ?? ctx.source.name;
    const taxonomy = new TaxonomyIndex(ctx.taxonomy);
    const organizer = cleanText(options.organizer).value;
    const departement = cleanText(options.departement).value;
    const region = cleanText(options.region).value;
    for (const [name, value, re] of [
      ['departement', departement, /^(?:\d{2}|2[AB]|97\d)$/],
      ['region', region, /^\d{2}$/],
    ] as const) {
      if (value !== undefined && !re.test(value))
        throw new WrongShapeError(
          TYPE,
          file,
          `option "${name}": an official COG code (e.g. "31", "76")`,
          `"${value}"`,
        );
    }
    const territory =
      departement || region
        ? { ...(departement ? { departement } : {}), ...(region ? { region } : {}) }
        : undefined;

    // First pass: parse every block; collect the dates that changed instances replace.
    const parsed: Parsed[] = blocks.map((b, index) => {
      if (b.broken) {
        return {
          index,
          reason: {
            code: 'ics-unterminated',
            fr: `VEVENT de la ligne ${b.line} sans « END:VEVENT » : illisible`,
            en: `VEVENT at line ${b.line} without "END:VEVENT": unreadable`,
          },
        };
      }
      try {
        const comp = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${b.text}\r\nEND:VCALENDAR`));
        const vevent = comp.getFirstSubcomponent('vevent');
        if (!vevent) throw new Error('no VEVENT');
        const uid = cleanText(text(vevent, 'uid')).value;
        return { index, vevent, ...(uid ? { uid } : {}) };
      } catch (e) {
        const msg = (e as Error).message.replace(/\s+/g, ' ').slice(0, 200);
        return {
          index,
          reason: {
            code: 'ics-unreadable',
            fr: `VEVENT de la ligne ${b.line} illisible (ical.js : ${msg})`,
            en: `Unreadable VEVENT at line ${b.line} (ical.js: ${msg})`,
          },
        };
      }
    });
    const replaced = new Map<string, Array<{ value: unknown; tzid?: string }>>();
    for (const p of parsed) {
      if (!p.vevent || !p.uid) continue;
      for (const r of rawValues(p.vevent, 'recurrence-id')) {
        const list = replaced.get(p.uid) ?? [];
        list.push(r);
        replaced.set(p.uid, list);
      }
    }

    const seen = new Set<string>();
    const report = progressReporter(ctx, parsed.length, 100);
    for (const p of parsed) {
      report(p.index + 1);
      if (!p.vevent) {
        yield { kind: 'rejected', index: p.index, part: 'events', reasons: [p.reason!] };
        continue;
      }
      yield mapVevent(p.vevent, p.index, ctx, {
        zones,
        calName,
        taxonomy,
        organizer,
        seen,
        replaced,
        territory,
      });
    }
  },
};

/**
 * Calendars stage: the subscribable `.ics` calendars written next to the feed (`calendars/*.ics`): all
 * events, one per département, région and category or theme. Deterministic: events in id order, files
 * in key order, DTSTAMPs from the events' `updatedAt`.
 */
import { join } from 'node:path';
import { buildCalendar, type Concept, type Event, icsFileName, partitionEvents } from '@essaim/sdk';
import type { ParsedConfig } from '../../config.ts';
import type { Progress } from '../../progress.ts';
import type { CalendarReport } from '../../report.ts';
import { cmp } from '../records.ts';
import type { Spool } from '../spool.ts';
import { writeTextFile } from '../writer.ts';
import type { ImportState } from './import.ts';
import type { FeedOutput } from './write.ts';

export interface CalendarFile extends CalendarReport {
  text: string;
  /** Public address, when the config gives `calendars.baseUrl`. */
  url?: string;
  /** What the calendar covers, for the manifest. */
  scope: { departement?: string; region?: string; category?: string };
}

export interface CalendarsOutcome {
  /** For the build report. */
  calendars: CalendarReport[];
  /** For the manifest's `calendars`. */
  manifestCalendars: Array<Record<string, unknown>>;
}

/** Writes the calendars of the feed's live events (none when `calendars: false` or without events). */
export async function writeCalendars(input: {
  out: FeedOutput;
  state: ImportState;
  spool: Spool;
  concepts: readonly Concept[];
  config: Pick<ParsedConfig, 'calendars' | 'feed'>;
  progress: Progress;
  fr: boolean;
}): Promise<CalendarsOutcome> {
  const { out, state, spool, concepts, config, progress, fr } = input;
  const result: CalendarsOutcome = { calendars: [], manifestCalendars: [] };
  if (config.calendars === false || !out.output.events?.count) return result;
  const task = progress.start(fr ? 'Calendriers' : 'Calendars');
  const E = state.index.events;
  const events = E.liveInIdOrder().map((i) => E.read<Event>(spool, i));
  for (const c of await calendarFiles(events, concepts, config.calendars ?? {}, config.feed)) {
    out.files[c.file] = await writeTextFile(join(out.dir, c.file), c.text, c.count);
    result.calendars.push({ name: c.name, file: c.file, count: c.count });
    result.manifestCalendars.push({ name: c.name, url: c.url ?? c.file, count: c.count, ...c.scope });
  }
  task.end(fr ? `${result.calendars.length} fichiers .ics` : `${result.calendars.length} .ics files`);
  return result;
}

const CALENDAR_NAME = 'Agenda de l’ESS';

/**
 * The static calendars of the feed's events: `calendars/all.ics`, one per département
 * (`departement-<code>.ics`, named after the département) and one per category or theme
 * (`categorie-<slug>.ics`, the taxonomy concept's slug and label when the value is a concept id; a
 * category and a theme with the same slug share one file).
 */
export async function calendarFiles(
  events: readonly Event[],
  concepts: readonly Concept[],
  options: {
    byDepartement?: boolean | undefined;
    byRegion?: boolean | undefined;
    byCategory?: boolean | undefined;
    baseUrl?: string | undefined;
  },
  feed: { title: string; licence: { name: string }; attribution: string },
): Promise<CalendarFile[]> {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const labels = (id: string) => byId.get(id)?.label.fr;
  const out: CalendarFile[] = [];
  // The public folder of the feed: calendars/… resolve against it (a trailing slash is implied).
  const base = options.baseUrl ? options.baseUrl.replace(/\/*$/, '/') : undefined;
  const add = (file: string, name: string, list: readonly Event[], scope: CalendarFile['scope'] = {}) => {
    const description = `Évènements du flux « ${feed.title} » (${feed.licence.name}). ${feed.attribution}`;
    const path = `calendars/${file}`;
    const url = base ? new URL(path, base).href : undefined;
    const text = buildCalendar({ name, description, events: list, labels, ...(url ? { url } : {}) });
    out.push({ name, file: path, count: list.length, text, scope, ...(url ? { url } : {}) });
  };
  const slugOf = (value: string) => icsFileName(value).replace(/\.ics$/, '');

  add('all.ics', `${CALENDAR_NAME} — tous les évènements`, events);

  if (options.byDepartement !== false) {
    const groups = partitionEvents(events, 'departement');
    if (groups.size) {
      const { getDepartement } = await import('@essaim/sdk/places');
      for (const [code, list] of groups) {
        const d = getDepartement(code);
        const file = /^[0-9A-Za-z]+$/.test(code) ? code : slugOf(code);
        add(`departement-${file}.ics`, `${CALENDAR_NAME} — ${d ? `${d.name} (${d.code})` : code}`, list, {
          departement: code,
        });
      }
    }
  }

  if (options.byRegion !== false) {
    const groups = partitionEvents(events, 'region');
    if (groups.size) {
      const { getRegion } = await import('@essaim/sdk/places');
      for (const [code, list] of groups) {
        const r = getRegion(code);
        const file = /^[0-9A-Za-z]+$/.test(code) ? code : slugOf(code);
        add(`region-${file}.ics`, `${CALENDAR_NAME} — ${r ? r.name : code}`, list, { region: code });
      }
    }
  }

  if (options.byCategory !== false) {
    const groups = new Map<string, { label: string; concept: string; events: Event[]; ids: Set<string> }>();
    for (const by of ['category', 'theme'] as const) {
      for (const [key, list] of partitionEvents(events, by)) {
        const concept = byId.get(key);
        const slug = concept?.slug ?? slugOf(key);
        let g = groups.get(slug);
        if (!g)
          groups.set(
            slug,
            (g = {
              label: concept?.label.fr ?? key,
              concept: concept?.id ?? key,
              events: [],
              ids: new Set(),
            }),
          );
        for (const e of list) {
          if (g.ids.has(e.id)) continue;
          g.ids.add(e.id);
          g.events.push(e);
        }
      }
    }
    for (const slug of [...groups.keys()].sort(cmp)) {
      const g = groups.get(slug)!;
      g.events.sort((a, b) => cmp(a.id, b.id));
      add(`categorie-${slug}.ics`, `${CALENDAR_NAME} — ${g.label}`, g.events, { category: g.concept });
    }
  }
  return out;
}

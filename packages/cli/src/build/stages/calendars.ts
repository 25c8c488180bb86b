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

/** What a calendar can be cut by: an event category or theme (a taxonomy concept), a département, a région. */
export type CalendarDimension = 'theme' | 'departement' | 'region';

/** Default of `calendars.by`: one calendar per theme × département that has events. */
export const DEFAULT_CALENDAR_CROSS: readonly CalendarDimension[] = ['theme', 'departement'];

export interface CalendarOptions {
  byDepartement?: boolean | undefined;
  byRegion?: boolean | undefined;
  byCategory?: boolean | undefined;
  /** Dimensions crossed: one calendar per combination with events (default {@link DEFAULT_CALENDAR_CROSS}; `[]` for none). */
  by?: readonly CalendarDimension[] | undefined;
  baseUrl?: string | undefined;
}

/** One value of a dimension: its file name part, the label in the calendar's name, its manifest scope. */
interface DimensionValue {
  file: string;
  label: string;
  scope: CalendarFile['scope'];
}

/** The values of a dimension, in key order, each with its events (in the order given, each once). */
type DimensionGroups = Map<string, { value: DimensionValue; events: Event[] }>;

/**
 * The static calendars of the feed's events, each named after the feed's title: `calendars/all.ics`,
 * one per département (`departement-<code>.ics`, named after the département), one per région, one per
 * category or theme (`categorie-<slug>.ics`, the taxonomy concept's slug and label when the value is a
 * concept id; a category and a theme with the same slug share one file), and one per combination of the
 * crossed dimensions (`by`, default theme × département: `categorie-<slug>--departement-<code>.ics`).
 */
export async function calendarFiles(
  events: readonly Event[],
  concepts: readonly Concept[],
  options: CalendarOptions,
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

  add('all.ics', `${feed.title} — tous les évènements`, events);
  const cross = options.by ?? DEFAULT_CALENDAR_CROSS;
  const wanted: Record<CalendarDimension, boolean> = {
    departement: options.byDepartement !== false,
    region: options.byRegion !== false,
    theme: options.byCategory !== false,
  };
  const groups = new Map<CalendarDimension, DimensionGroups>();
  for (const dimension of ['departement', 'region', 'theme'] as const) {
    if (!wanted[dimension] && !cross.includes(dimension)) continue;
    const g = await groupBy(events, dimension, byId);
    groups.set(dimension, g);
    if (!wanted[dimension]) continue;
    for (const { value, events: list } of g.values()) {
      add(`${value.file}.ics`, `${feed.title} — ${value.label}`, list, value.scope);
    }
  }

  // Crossed dimensions: each event under every combination of its values.
  if (cross.length > 1) {
    const combos = new Map<string, { values: DimensionValue[]; events: Event[] }>();
    const valuesOf = cross.map((d) => {
      const byEvent = new Map<string, Array<[string, DimensionValue]>>();
      for (const [key, { value, events: list }] of groups.get(d)!) {
        for (const e of list) {
          const l = byEvent.get(e.id);
          if (l) l.push([key, value]);
          else byEvent.set(e.id, [[key, value]]);
        }
      }
      return byEvent;
    });
    for (const e of events) {
      let partial: Array<Array<[string, DimensionValue]>> = [[]];
      for (const byEvent of valuesOf) {
        const own = byEvent.get(e.id) ?? [];
        partial = partial.flatMap((p) => own.map((v) => [...p, v]));
      }
      for (const combo of partial) {
        const key = combo.map(([k]) => k).join('\u0000');
        const c = combos.get(key);
        if (c) c.events.push(e);
        else combos.set(key, { values: combo.map(([, v]) => v), events: [e] });
      }
    }
    for (const key of [...combos.keys()].sort(cmp)) {
      const { values, events: list } = combos.get(key)!;
      add(
        `${values.map((v) => v.file).join('--')}.ics`,
        `${feed.title} — ${values.map((v) => v.label).join(' — ')}`,
        list,
        Object.assign({}, ...values.map((v) => v.scope)),
      );
    }
  }
  return out;
}

const slugOf = (value: string) => icsFileName(value).replace(/\.ics$/, '');
const fileKey = (code: string) => (/^[0-9A-Za-z]+$/.test(code) ? code : slugOf(code));

/** The events grouped by the values of one dimension, values in key order, events in the given order. */
async function groupBy(
  events: readonly Event[],
  dimension: CalendarDimension,
  byId: ReadonlyMap<string, Concept>,
): Promise<DimensionGroups> {
  const out: DimensionGroups = new Map();
  if (dimension === 'departement') {
    const groups = partitionEvents(events, 'departement');
    if (!groups.size) return out;
    const { getDepartement } = await import('@essaim/sdk/places');
    for (const [code, list] of groups) {
      const d = getDepartement(code);
      const label = d ? `${d.name} (${d.code})` : code;
      out.set(code, {
        value: { file: `departement-${fileKey(code)}`, label, scope: { departement: code } },
        events: list,
      });
    }
    return out;
  }
  if (dimension === 'region') {
    const groups = partitionEvents(events, 'region');
    if (!groups.size) return out;
    const { getRegion } = await import('@essaim/sdk/places');
    for (const [code, list] of groups) {
      const label = getRegion(code)?.name ?? code;
      out.set(code, {
        value: { file: `region-${fileKey(code)}`, label, scope: { region: code } },
        events: list,
      });
    }
    return out;
  }
  // Categories and themes by the concept's slug: a category and a theme with one slug share a group.
  const bySlug = new Map<string, { value: DimensionValue; ids: Set<string> }>();
  for (const by of ['category', 'theme'] as const) {
    for (const [key, list] of partitionEvents(events, by)) {
      const concept = byId.get(key);
      const slug = concept?.slug ?? slugOf(key);
      let g = bySlug.get(slug);
      if (!g) {
        const value = {
          file: `categorie-${slug}`,
          label: concept?.label.fr ?? key,
          scope: { category: concept?.id ?? key },
        };
        bySlug.set(slug, (g = { value, ids: new Set() }));
      }
      for (const e of list) g.ids.add(e.id);
    }
  }
  for (const slug of [...bySlug.keys()].sort(cmp)) {
    const { value, ids } = bySlug.get(slug)!;
    out.set(slug, { value, events: events.filter((e) => ids.has(e.id)) });
  }
  return out;
}

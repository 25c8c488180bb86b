/**
 * The cards of `<ess-agenda>`: one per entry of the programme (an event over consecutive days once, "Du
 * 1er au 31 mai"; a series once, "12 dates", "à 7 endroits", with a disclosure that lists them), the
 * "en cours" and "ce jour" groups of a day, and the wording of an occurrence's time.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  type AgendaEntry,
  type AgendaOccurrence,
  type EntryDay,
  formatEntryDates,
  formatTimeRange,
} from '@essaim/sdk';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { Lang } from '../../internal/localize.ts';
import { agendaMessages as M } from '../ess-agenda.i18n.ts';

type AgendaEvent = AgendaOccurrence['event'];

/** What the cards need from the element. */
export interface CardHost {
  lang: Lang;
  /** "mardi 18 mars 2026". */
  dayLabel(key: string): string;
  open(o: AgendaOccurrence): void;
  download(what: AgendaOccurrence | AgendaEntry): void;
  /** Keys of the entries whose dates or places are shown. */
  expanded: ReadonlySet<string>;
  /** Shows or hides an entry's dates or places (their list is a chunk loaded on the first opening). */
  toggle(key: string): void;
  /** That chunk, once loaded. */
  series: typeof import('./series-dates.ts') | undefined;
}

type Key = keyof typeof M.fr;
const t = <K extends Key>(h: { lang: Lang }, key: K, ...args: Args<(typeof M.fr)[K]>) =>
  translate(M, h.lang, key, ...args);

/** Upper-cases the first letter (a sentence that starts with a date or a time). */
export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The key of an occurrence (focus comes back to its card). */
export const occurrenceKey = (o: AgendaOccurrence) => `${o.eventId}#${o.index}`;

/** "De 18 h à 20 h", "de 22 h à 1 h 59 le lendemain", "Toute la journée"; with the day: "mardi 18 mars 2026, de 18 h à 20 h". */
export function when(h: CardHost, o: AgendaOccurrence, withDay = false): string {
  const time = formatTimeRange(o.start, o.end, {
    lang: h.lang,
    timeZone: o.timeZone,
    allDay: o.event.allDay,
    year: withDay,
  });
  const key = o.startIso.slice(0, 10);
  const multi = /^(du|from) /.test(time);
  return capitalize(withDay && !multi ? `${h.dayLabel(key)}, ${time}` : time);
}

export function badges(h: CardHost, o: AgendaOccurrence, ongoing = false): TemplateResult {
  const e = o.event;
  return html`${ongoing ? html`<span part="badge" class="badge ongoing">${t(h, 'ongoing')}</span>` : nothing}
    ${
      o.status !== 'scheduled'
        ? html`<span part="badge" class="badge status-${o.status}">${t(h, `status_${o.status}`)}</span>`
        : nothing
    }
    ${e.price ? html`<span part="badge" class="badge ${e.price.free ? 'free' : 'paid'}">${t(h, e.price.free ? 'free' : 'paid')}</span>` : nothing}`;
}

export function placeLine(h: CardHost, e: AgendaEvent, status: AgendaOccurrence['status']): string {
  if (status === 'moved-online' || e.attendanceMode === 'online') return t(h, 'online');
  const parts = [e.place?.name, e.place?.address?.commune].filter(Boolean);
  if (e.attendanceMode === 'mixed') parts.push(t(h, 'online'));
  return [...new Set(parts)].join(' · ');
}

/** One card: the entry's title, its dates, its place (or number of places and dates), its badges. */
export function renderEntry(h: CardHost, entry: AgendaEntry, level: number, withDay = false): TemplateResult {
  const o = entry.first;
  const e = o.event;
  const single = entry.events.length === 1 && entry.dates === 1;
  const dates = single && !entry.span ? when(h, o, withDay) : capitalize(formatEntryDates(entry, h.lang));
  const many = [
    entry.places > 1 ? t(h, 'places', entry.places) : '',
    !entry.span && entry.dates > 1 ? t(h, 'dates', entry.dates) : '',
  ].filter(Boolean);
  const id = `more-${entry.key.replace(/[^a-z0-9]+/g, '-')}-${o.index}`;
  const open = h.expanded.has(entry.key);
  const place = entry.places > 1 ? '' : placeLine(h, e, o.status);
  return html`<li>
    <article class="card status-${o.status} ${entry.ongoing ? 'ongoing' : ''}" part="card">
      ${heading(level, html`<button type="button" class="card-button" data-key=${occurrenceKey(o)} @click=${() => h.open(o)}>${e.title}</button>`)}
      <p class="meta">
        <span class="time">${dates}</span>
        ${place ? html`<span>${place}</span>` : nothing} ${badges(h, o, entry.ongoing)}
      </p>
      ${
        many.length
          ? html`<button type="button" class="link expand" aria-expanded=${open ? 'true' : 'false'} aria-controls=${id} @click=${() => h.toggle(entry.key)}>
              ${many.join(' · ')}
            </button>
            ${open && h.series ? h.series.renderMore(h, entry, id) : nothing}`
          : nothing
      }
      <p class="card-actions">
        <button type="button" class="ics" aria-label=${t(h, 'addToCalendarOf', e.title)} @click=${() => h.download(single ? o : entry)}>
          ${t(h, 'addToCalendar')}
        </button>
      </p>
    </article>
  </li>`;
}

export function renderEntries(
  h: CardHost,
  entries: readonly AgendaEntry[],
  level: number,
  withDay = false,
): TemplateResult {
  return html`<ul part="list" class="cards">${entries.map((e) => renderEntry(h, e, level, withDay))}</ul>`;
}

/** A day of the list: what is already going on ("En cours"), then what takes place that day. */
export function renderEntryDay(h: CardHost, d: EntryDay, level: number): TemplateResult {
  const both = d.ongoing.length > 0 && d.entries.length > 0;
  return html`<section class="day" aria-labelledby="day-${d.date}">
    ${heading(level, capitalize(h.dayLabel(d.date)), { id: `day-${d.date}`, cls: 'day-heading' })}
    ${d.ongoing.length ? html`${heading(level + 1, t(h, 'ongoingGroup'), { cls: 'group-heading' })}${renderEntries(h, d.ongoing, level + 2)}` : nothing}
    ${d.entries.length ? html`${both ? heading(level + 1, t(h, 'todayGroup'), { cls: 'group-heading' }) : nothing}${renderEntries(h, d.entries, both ? level + 2 : level + 1)}` : nothing}
  </section>`;
}

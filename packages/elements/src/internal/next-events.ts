/**
 * A structure's next events (as organiser, or at its address), the same in the directory's detail, an
 * orientation result and the map's popup: date, title, why it is linked, and a button that shows it in
 * the page's agenda when one shares the page (`store.agenda`), or gives its .ics file otherwise. Import it
 * from lazily loaded parts only (a detail, a result view): the links are computed on first use
 * (`store.loadLinks()`), and the .ics writer is loaded on the first click.
 */
import { type FeedLinks, type FeedStore, loadIcs, type UpcomingEvent, upcomingEventsOf } from '@essaim/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';
import { translate } from '../i18n/dictionary.ts';
import { nextEventsMessages as N } from '../i18n/next-events.ts';
import { downloadBlob } from './download.ts';
import { heading } from './heading.ts';
import { dateFormat, type Lang } from './localize.ts';

export const nextEventsStyles = css`
  @layer essaim {
    .next-events ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5em;
    }
    .next-events li {
      display: grid;
      gap: 0.125em;
    }
    .next-events .when,
    .next-events .via {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .next-events .event-title {
      font-weight: 600;
    }
    .next-events button {
      justify-self: start;
    }
  }
`;

/** The next events of a structure, or `undefined` when the structure has no linked event at all. */
export interface StructureEvents {
  readonly upcoming: readonly UpcomingEvent[];
  /** Linked events, upcoming or not. */
  readonly linked: number;
}

/** The links of a structure, once computed (`store.loadLinks()` first). */
export function structureEvents(
  links: FeedLinks | undefined,
  structureId: string,
  options: { now?: Date; limit?: number } = {},
): StructureEvents | undefined {
  const linked = links?.eventsOf(structureId).length ?? 0;
  if (!links || !linked) return undefined;
  return { upcoming: upcomingEventsOf(links, structureId, options), linked };
}

export interface NextEventsInput {
  lang: Lang;
  /** Heading level of the section. */
  level: number;
  events: StructureEvents | undefined;
  /** Whether an agenda shares the page (`store.agenda.get()?.openEvent`): its button, else the .ics. */
  inAgenda: boolean;
  /** The person asked to see an event (the host opens it in the agenda, or downloads it). */
  open(event: UpcomingEvent['event']): void;
}

function when(lang: Lang, e: UpcomingEvent): string {
  const timeZone = e.event.timeZone ?? 'Europe/Paris';
  const options: Intl.DateTimeFormatOptions = e.event.allDay
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }
    : {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
      };
  return dateFormat(lang, options).format(e.start);
}

/** The section (heading and list), or `nothing` when the structure has no linked event. */
export function renderNextEvents(input: NextEventsInput): TemplateResult | typeof nothing {
  const { lang, events } = input;
  if (!events) return nothing;
  const t = (key: 'title' | 'viaOrganizer' | 'viaPlace' | 'openInAgenda' | 'addToCalendar') =>
    translate(N, lang, key);
  return html`<section class="next-events" part="next-events">
    ${heading(input.level, t('title'))}
    ${
      events.upcoming.length
        ? html`<ul>
          ${events.upcoming.map(
            (e) => html`<li>
              <span class="when">${when(lang, e)}</span>
              <span class="event-title">${e.event.title}</span>
              <span class="via">${t(e.via === 'organizer' ? 'viaOrganizer' : 'viaPlace')}</span>
              <button type="button" class="link" @click=${() => input.open(e.event)}>
                ${t(input.inAgenda ? 'openInAgenda' : 'addToCalendar')}<span class="sr-only"
                  >${translate(N, lang, 'ofEvent', e.event.title)}</span
                >
              </button>
            </li>`,
          )}
        </ul>`
        : html`<p>${translate(N, lang, 'none', events.linked)}</p>`
    }
  </section>`;
}

/**
 * Shows `event` in the page's agenda when one shares it and lists it; otherwise offers its .ics file.
 * Resolves to what the person should hear: `''` when the agenda shows it (it takes the focus), else a
 * sentence for the host's live region (not in the agenda's selection, or the .ics failed).
 */
export async function openEvent(
  store: FeedStore | undefined,
  event: UpcomingEvent['event'],
  lang: Lang,
): Promise<string> {
  const agenda = store?.agenda.get();
  let note = '';
  if (agenda?.openEvent) {
    if ((await agenda.openEvent(event.id, { focus: true })) !== false) return '';
    note = translate(N, lang, 'notInAgenda', event.title);
  }
  try {
    const ics = await loadIcs();
    const labels = (id: string) => store?.concept(id)?.label[lang];
    const text = ics.eventToIcs(event, { lang, labels });
    downloadBlob(new Blob([text], { type: 'text/calendar;charset=utf-8' }), ics.icsFileName(event.title));
    return note;
  } catch {
    return translate(N, lang, 'icsFailed');
  }
}

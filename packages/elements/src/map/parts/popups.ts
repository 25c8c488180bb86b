/**
 * The popup of a point: a structure with its next events (each opens in the agenda that shares the page,
 * or downloads as .ics without one), an event with its organiser and place structures (each opens its
 * detail through the page's selection). Rendered with Lit into MapLibre's popup, inside the shadow root.
 */
import { html, nothing, render } from 'lit';
import { type Event, type FeedStore, type UpcomingEvent, upcomingEventsOf } from '@essaim/sdk';
import type { Lang } from '../../internal/localize.ts';
import type { MapItem } from './items.ts';
import { mapMessages } from '../ess-map.i18n.ts';
import { translate } from '../../i18n/dictionary.ts';

export interface PopupHost {
  readonly store: FeedStore | undefined;
  readonly lang: Lang;
  /** An occurrence's day and hours as the map shows it. */
  when(start: Date, end: Date | undefined, event: Event): string;
}

const t = (host: PopupHost, key: keyof typeof mapMessages.fr, ...args: unknown[]) =>
  translate(mapMessages, host.lang, key, ...(args as [])) as string;

/** Opens an event in the agenda sharing the page; without one, downloads its .ics. */
async function openEvent(host: PopupHost, event: Event, start: Date, status: HTMLElement): Promise<void> {
  const agenda = host.store?.agenda.get();
  if (agenda?.openEvent) {
    agenda.openEvent(event.id, { start: start.toISOString(), focus: true });
    return;
  }
  status.textContent = '';
  const { download } = await import('../../agenda/parts/ics-export.ts');
  await download({
    event,
    lang: host.lang,
    labels: (id) => host.store?.concept(id)?.label[host.lang],
  });
  status.textContent = t(host, 'downloaded');
}

function nextEvents(host: PopupHost, item: MapItem) {
  const links = host.store?.links();
  const upcoming: UpcomingEvent[] = links ? upcomingEventsOf(links, item.id) : [];
  if (!upcoming.length) return nothing;
  const inAgenda = !!host.store?.agenda.get()?.openEvent;
  return html`<div class="linked">
    <p class="linked-title">${t(host, 'nextEvents', upcoming.length)}</p>
    <ul>
      ${upcoming.map(
        (u) => html`<li>
          <button
            type="button"
            class="link open-event"
            data-event-id=${u.event.id}
            @click=${(e: MouseEvent) =>
              void openEvent(
                host,
                u.event,
                u.start,
                (e.currentTarget as HTMLElement).parentElement!.querySelector<HTMLElement>('.status')!,
              )}
          >
            ${u.event.title}, ${host.when(u.start, u.end, u.event)}<span class="sr-only">${inAgenda ? t(host, 'openInAgenda') : t(host, 'downloadIcs')}</span>
          </button>
          ${inAgenda ? nothing : html`<span class="hint" aria-hidden="true">(.ics)</span>`}
          <span class="status sr-only" role="status"></span>
        </li>`,
      )}
    </ul>
  </div>`;
}

function linkedStructures(host: PopupHost, item: MapItem) {
  const linked = host.store?.links()?.structuresOf(item.id) ?? [];
  if (!linked.length) return nothing;
  return html`<div class="linked">
    <p class="linked-title">${t(host, 'linkedStructures', linked.length)}</p>
    <ul>
      ${linked.map(
        ({ structure, via }) => html`<li>
          <button
            type="button"
            class="link select-structure"
            data-structure-id=${structure.id}
            @click=${() => host.store?.select(structure.id)}
          >
            ${structure.name}, ${t(host, via === 'organizer' ? 'viaOrganizer' : 'viaPlace')}
          </button>
        </li>`,
      )}
    </ul>
  </div>`;
}

/**
 * The popup's content for `item`; the linked events or structures join it once the page's links are
 * computed (their code loads with the first popup that shows them).
 */
export function popupContent(host: PopupHost, item: MapItem): HTMLElement {
  const content = document.createElement('div');
  content.className = `popup ${item.kind}`;
  const draw = () =>
    render(
      html`<p class="popup-title">${item.name}</p>
        ${item.when ? html`<p>${item.when}</p>` : nothing}
        <p>${item.place || t(host, 'noPlace')}</p>
        ${item.approx ? html`<p><em>${t(host, 'approximate')}</em></p>` : nothing}
        ${item.kind === 'structures' ? nextEvents(host, item) : linkedStructures(host, item)}`,
      content,
    );
  draw();
  if (host.store && !host.store.links())
    void host.store.loadLinks().then(
      (links) => links && draw(),
      (e: unknown) =>
        console.warn('ess-map: the links between structures and events could not be computed:', e),
    );
  return content;
}

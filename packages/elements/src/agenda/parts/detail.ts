/**
 * The detail of an event in `<ess-agenda>` (date and time in French, place with a map link or the online
 * link, organiser cards that open the directory, registration, price, accessibility, status, source),
 * loaded as a separate chunk the first time a visitor opens an event: the first list does not pay for it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { AgendaOccurrence, AgendaState, Feed, FeedStore, LinkedStructure } from '@essaim/sdk';
import { common } from '../../i18n/common.ts';
import { translate } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { Lang } from '../../internal/localize.ts';
import { safeHref } from '../../internal/safe-url.ts';
import { agendaMessages as M } from '../ess-agenda.i18n.ts';
import { agendaDetailMessages as D } from './detail.i18n.ts';
import { badges, type CardHost, when } from './entry-cards.ts';

type Structure = Feed['structures'][number];

/**
 * What the detail reaches in the component: `<ess-agenda>` itself (its state and actions), so that this
 * chunk, not the first list, carries the detail's logic.
 */
export interface AgendaDetailElement {
  readonly l10n: { readonly lang: Lang };
  readonly store: FeedStore | undefined;
  readonly agenda: AgendaState | undefined;
  readonly downloadStatus: '' | 'busy' | 'done';
  cardHost(): CardHost;
  download(o: AgendaOccurrence): Promise<void>;
  /** The occurrence shown, until the detail is closed. */
  detail: AgendaOccurrence | undefined;
  /** The key of the occurrence last opened (its card gets the focus back). */
  readonly lastOpened: string | undefined;
  readonly view: string;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  emit(type: 'ess-select', detail: { id: string }): boolean;
}

/** Closes the detail; the focus goes back to the card that opened it (else to the view's tab). */
async function closeDetail(el: AgendaDetailElement): Promise<void> {
  const key = el.lastOpened;
  el.detail = undefined;
  await el.updateComplete;
  const button = [...el.renderRoot.querySelectorAll<HTMLElement>('.card-button')].find(
    (b) => b.dataset.key === key,
  );
  (button ?? el.renderRoot.querySelector<HTMLElement>(`#tab-${el.view}`))?.focus();
}

/** What the detail's template uses (its strings, formatting and actions). */
interface AgendaDetailHost {
  lang: Lang;
  /** A string of the agenda's main dictionary, in the page's language. */
  t(key: string, ...args: unknown[]): string;
  when(o: AgendaOccurrence, withDay?: boolean): string;
  badges(o: AgendaOccurrence): TemplateResult;
  /** "(opens in a new window)" for screen readers. */
  newWindow(): TemplateResult;
  /** The structures linked to the event (its organisers, the structure at its place: the page's links). */
  structuresOf(event: AgendaOccurrence['event']): readonly LinkedStructure[];
  /** The occurrences listed (for the event's other dates). */
  occurrences: readonly AgendaOccurrence[];
  downloadStatus: '' | 'busy' | 'done';
  download(o: AgendaOccurrence): void;
  close(): void;
  keydown(e: KeyboardEvent): void;
  selectOrganizer(id: string): void;
}

/** Styles of the detail, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    .detail .badges {
      display: flex;
      gap: 0.5em;
      flex-wrap: wrap;
    }
    .organizer {
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      padding: 0.5em 0.75em;
      margin-block: 0.25em;
    }
    .organizer p {
      margin-block: 0 0.25em;
      margin-inline: 0;
    }
    .detail {
      margin-block: 0.5em;
    }
    .description {
      white-space: pre-line;
    }
    .provenance {
      color: var(--_muted);
      font-size: 0.9375em;
      border-block-start: 1px solid var(--_border);
      margin-block-start: 1em;
    }
    .detail ul.plain {
      margin: 0;
      padding-inline-start: 1.25em;
    }
  }
`;

function detailHost(el: AgendaDetailElement): AgendaDetailHost {
  const lang = el.l10n.lang;
  return {
    lang,
    // This chunk's strings first, then the element's.
    t: (key, ...args) =>
      key in D.fr
        ? translate(D, lang, key as keyof typeof D.fr, ...(args as []))
        : translate(M, lang, key as keyof typeof M.fr, ...(args as [])),
    when: (o, withDay) => when(el.cardHost(), o, withDay),
    badges: (o) => badges(el.cardHost(), o),
    newWindow: () => html`<span class="sr-only"> ${translate(common, lang, 'opensInNewWindow')}</span>`,
    structuresOf: (e) => el.store?.links()?.structuresOf(e.id) ?? [],
    occurrences: el.agenda?.result.occurrences ?? [],
    downloadStatus: el.downloadStatus,
    download: (o) => void el.download(o),
    close: () => void closeDetail(el),
    keydown: (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        void closeDetail(el);
      }
    },
    selectOrganizer: (id) => {
      // The directory and the map follow the page's selection.
      el.store?.select(id);
      el.emit('ess-select', { id });
    },
  };
}

export function renderDetail(el: AgendaDetailElement, o: AgendaOccurrence, level: number): TemplateResult {
  const h = detailHost(el);
  const e = o.event;
  const back = html`<button type="button" class="back" @click=${() => h.close()}>
    ← ${h.t('back')}
  </button>`;
  const sub = (content: unknown) => heading(level + 1, content);
  const geo = e.place?.geo;
  const mapHref = geo
    ? safeHref(`https://www.openstreetmap.org/?mlat=${geo.lat}&mlon=${geo.lon}#map=17/${geo.lat}/${geo.lon}`)
    : undefined;
  const onlineHref = safeHref(e.onlineUrl);
  const addr = e.place?.address;
  const placePhone = safeHref(e.place?.contacts?.phone, ['tel']);
  const placeSite = safeHref(e.place?.contacts?.website);
  const linked = h.structuresOf(e);
  const organizers = linked.filter((l) => l.via === 'organizer').map((l) => l.structure);
  const hosts = linked.filter((l) => l.via === 'place').map((l) => l.structure);
  const card = (s: Structure) => html`<div class="organizer">
    <p><strong>${s.name}</strong>${s.address?.commune ? html` — ${s.address.commune}` : nothing}</p>
    <button type="button" class="select-organizer" @click=${() => h.selectOrganizer(s.id)}>
      ${h.t('showInDirectory', s.name)}
    </button>
  </div>`;
  const others = h.occurrences.filter((x) => x.eventId === o.eventId && x.index !== o.index).slice(0, 10);
  const a11y = e.accessibility;
  const a11yItems = a11y
    ? [
        a11y.wheelchair === 'yes' ? h.t('a11y_wheelchair') : undefined,
        a11y.wheelchair === 'limited' ? h.t('a11y_wheelchair_limited') : undefined,
        a11y.hearing ? h.t('a11y_hearing') : undefined,
        a11y.visual ? h.t('a11y_visual') : undefined,
        a11y.psychic ? h.t('a11y_psychic') : undefined,
        a11y.motor ? h.t('a11y_motor') : undefined,
        a11y.intellectual ? h.t('a11y_intellectual') : undefined,
      ].filter((x): x is string => !!x)
    : [];
  const a11yHref = safeHref(a11y?.url);
  const registrations = (e.registration ?? [])
    .map((r) => {
      const href = safeHref(r.value, r.kind === 'url' ? ['http'] : r.kind === 'email' ? ['mailto'] : ['tel']);
      return href ? { href, text: r.kind === 'url' ? h.t('register') : r.value } : undefined;
    })
    .filter((r): r is { href: string; text: string } => !!r);
  return html`<article part="detail" class="detail" @keydown=${h.keydown}>
    ${back} ${heading(level, e.title, { id: 'detail-heading', focusable: true })}
    <p class="badges">${h.badges(o)}</p>
    ${sub(h.t('when'))}
    <p class="time">${h.when(o, true)}</p>
    ${
      others.length
        ? html`<details>
          <summary>${h.t('otherDates')} (${others.length})</summary>
          <ul class="plain">${others.map((x) => html`<li>${h.when(x, true)}</li>`)}</ul>
        </details>`
        : nothing
    }
    <p>
      <button type="button" class="ics primary" @click=${() => h.download(o)}>${h.t('addToCalendar')}</button>
      <span role="status">${h.downloadStatus === 'done' ? h.t('downloaded') : ''}</span>
    </p>
    ${e.longDescription || e.description ? html`<p class="description">${e.longDescription || e.description}</p>` : nothing}
    ${sub(h.t('where'))}
    ${
      e.place
        ? html`<p>
          ${e.place.name ? html`${e.place.name}<br />` : nothing}
          ${addr ? [addr.street, [addr.postcode, addr.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ') : nothing}
        </p>
        ${geo?.precision === 'commune' ? html`<p class="approx">${h.t('approximate')}</p>` : nothing}
        ${e.place.access ? html`<p class="access">${h.t('access', e.place.access)}</p>` : nothing}
        ${placePhone || placeSite ? html`<p class="place-contacts">${placePhone ? html`<a href=${placePhone}>${e.place.contacts!.phone}</a>` : nothing}${placePhone && placeSite ? html`<br />` : nothing}${placeSite ? html`<a href=${placeSite} target="_blank" rel="noopener noreferrer">${new URL(placeSite).host}${h.newWindow()}</a>` : nothing}</p>` : nothing}
        ${mapHref ? html`<p><a href=${mapHref} target="_blank" rel="noopener noreferrer">${h.t('map')}${h.newWindow()}</a></p>` : nothing}`
        : nothing
    }
    ${
      o.status === 'moved-online' || e.attendanceMode !== 'offline'
        ? html`<p>
          ${onlineHref ? html`<a href=${onlineHref} target="_blank" rel="noopener noreferrer">${h.t('onlineLink')}${h.newWindow()}</a>` : h.t('online')}
        </p>`
        : nothing
    }
    ${
      organizers.length || e.organizerName
        ? html`${sub(h.t('organizers'))}
          ${organizers.length ? organizers.map(card) : html`<p>${e.organizerName}</p>`}`
        : nothing
    }
    ${hosts.length ? html`${sub(h.t('placeStructures'))} ${hosts.map(card)}` : nothing}
    ${
      registrations.length
        ? html`${sub(h.t('registration'))}
          <ul class="plain">
            ${registrations.map((r) => html`<li><a href=${r.href} target=${r.href.startsWith('http') ? '_blank' : nothing} rel="noopener noreferrer">${r.text}${r.href.startsWith('http') ? h.newWindow() : nothing}</a></li>`)}
          </ul>`
        : nothing
    }
    ${
      e.price
        ? html`${sub(h.t('price'))}
          <p>${h.t(e.price.free ? 'free' : 'paid')}${e.price.details ? html` — ${e.price.details}` : nothing}</p>`
        : nothing
    }
    ${
      a11yItems.length || a11y?.description || a11yHref
        ? html`${sub(h.t('accessibility'))}
          ${a11yItems.length ? html`<ul class="plain">${a11yItems.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
          ${a11y?.description ? html`<p>${a11y.description}</p>` : nothing}
          ${a11yHref ? html`<p><a href=${a11yHref} target="_blank" rel="noopener noreferrer">${h.t('a11yMore')}${h.newWindow()}</a></p>` : nothing}`
        : nothing
    }
    <div class="provenance">
      ${e.provenance.map((p) => {
        const href = safeHref(p.url ?? e.url);
        const name = p.name ?? p.source;
        return html`<p>
          ${h.t('source')} : ${name}
          ${href ? html`<br /><a href=${href} target="_blank" rel="noopener noreferrer">${h.t('sourceLink', name)}${h.newWindow()}</a>` : nothing}
        </p>`;
      })}
    </div>
  </article>`;
}

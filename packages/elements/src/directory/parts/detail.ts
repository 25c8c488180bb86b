/**
 * The detail view of a structure, loaded with the first detail opened (not needed for first results).
 * Feed text is rendered through Lit bindings only (as text); links go through `safeHref`.
 */
import { type FeedStore, openingDays, openingState } from '@essaim/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';
import { translate } from '../../i18n/dictionary.ts';
import type { Lang, LocalizeController } from '../../internal/localize.ts';
import { heading } from '../../internal/heading.ts';
import {
  nextEventsStyles,
  openEvent,
  renderNextEvents,
  type StructureEvents,
  structureEvents,
} from '../../internal/next-events.ts';
import { fillTemplate, safeHref } from '../../internal/safe-url.ts';
import { type DirectoryMessages, directoryMessages as M } from '../ess-directory.i18n.ts';
import type { FacetName, Structure } from '../types.ts';
import { valueLabel } from './value-labels.ts';

/** Opening state, from the record's compact week (`openingHoursWeek`, written by `essaim build`). */
export interface HoursInfo {
  status: 'open' | 'closed' | 'unknown';
  /** Time of the next change ("18:00"), within a week. */
  next?: string;
  /** Weekday of the next change when it is not today. */
  nextDay?: string;
  /** Today and the next 6 days, open ranges as text. */
  week: { day: string; ranges: string[] }[];
  /** No compact week (an older feed, or hours that change from week to week): show the value as given. */
  unreadable?: boolean;
}

export interface DetailContext {
  lang: Lang;
  l10n: LocalizeController;
  label(name: FacetName, value: string): string;
  hours?: HoursInfo;
  reportErrorUrl?: string;
  heading(content: unknown): TemplateResult;
  subheading(content: unknown): TemplateResult;
  /** Heading level of the detail's sections. */
  sectionLevel?: number;
  /** The structure's linked events (`undefined`: none, or not computed yet). */
  events?: StructureEvents | undefined;
  /** An agenda shares the page: an event opens there (else its .ics). */
  inAgenda?: boolean;
  openEvent?(event: StructureEvents['upcoming'][number]['event']): void;
}

export { openEvent, structureEvents } from '../../internal/next-events.ts';

/** The styles of what this part renders (the element's styles hold the frame: back button, notices). */
export const styles = [
  css`
  @layer essaim {
    .detail dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25em 1em;
    }
    .detail dt {
      font-weight: 600;
    }
    .detail dd {
      margin: 0;
    }
    .description {
      white-space: pre-line;
    }
    .open-state.open strong {
      color: var(--_success);
    }
    .provenance {
      color: var(--_muted);
      font-size: 0.9375em;
      border-block-start: 1px solid var(--_border);
      margin-block-start: 1em;
    }
  }
`,
  nextEventsStyles,
];

/** What `<ess-directory>` gives its detail view. */
export interface DetailHost {
  store: FeedStore | undefined;
  l10n: LocalizeController;
  hours: HoursInfo | undefined;
  /** Heading level of the detail's title. */
  level: number;
  /** Says `note` in the element's live region (an event opened in the agenda, or downloaded). */
  say(note: string): void;
}

/**
 * The element's detail of `s`: `renderDetail` with the page's store (labels, linked events, the agenda
 * sharing the page), language and heading levels.
 */
export function renderStructure(s: Structure, h: DetailHost): TemplateResult {
  const { store, l10n, level } = h;
  const { lang } = l10n;
  const feed = store?.getState().feed;
  return renderDetail(s, {
    lang,
    l10n,
    label: (name, value) => valueLabel(store, feed, lang, name, value),
    hours: h.hours,
    reportErrorUrl: feed?.manifest.reportErrorUrl,
    heading: (content) => heading(level, content, { id: 'detail-heading', focusable: true }),
    subheading: (content) => heading(level + 1, content),
    sectionLevel: level + 1,
    events: structureEvents(store?.links(), s.id),
    inAgenda: !!store?.agenda.get()?.openEvent,
    openEvent: (event) => void openEvent(store, event, lang).then((note) => note && h.say(note)),
  });
}

export type DetailModule = typeof import('./detail.ts');

/**
 * The opening state now and the coming week, in Europe/Paris time, from the record's compact week (the
 * SDK's evaluator: no `opening_hours` library in the browser). Without it, `unreadable`: the raw value is
 * shown and nothing is claimed.
 */
export function describeHours(
  s: Pick<Structure, 'openingHoursWeek'>,
  locale: string,
  now: Date | number = Date.now(),
): HoursInfo {
  const hours = s.openingHoursWeek;
  if (!hours) return { status: 'unknown', week: [], unreadable: true };
  const utc = { timeZone: 'UTC' } as const;
  const dayName = new Intl.DateTimeFormat(locale, { ...utc, weekday: 'long' });
  const time = new Intl.DateTimeFormat(locale, { ...utc, hour: '2-digit', minute: '2-digit' });
  const dayOf = (date: string) => dayName.format(Date.parse(`${date}T12:00:00Z`));
  const at = (minute: number) => (minute >= 1440 ? '24:00' : time.format(minute * 60_000));
  const state = openingState(hours, now);
  const today = openingDays(hours, now, 1)[0]!.date;
  return {
    status: state.status,
    next: state.next ? at(state.next.minute) : undefined,
    nextDay: state.next && state.next.date !== today ? dayOf(state.next.date) : undefined,
    week: openingDays(hours, now).map(({ date, intervals }) => ({
      day: dayOf(date),
      ranges: intervals.map(
        ([a, b, unknown, comment]) =>
          `${at(a)}–${at(b)}${unknown ? ' ?' : ''}${comment ? ` (${comment})` : ''}`,
      ),
    })),
  };
}

/** The "report an error" link: the manifest's template, else the first source's edit page. */
export function reportHref(s: Structure, template: string | undefined): string | undefined {
  const first = s.provenance[0];
  if (template) {
    const filled = fillTemplate(template, {
      id: s.id,
      name: s.name,
      source: first?.source,
      url: s.url ?? first?.url,
    });
    const safe = safeHref(filled, ['http', 'mailto']);
    if (safe) return template.toLowerCase().startsWith('mailto:') ? filled : safe;
  }
  for (const p of s.provenance) {
    const edit = safeHref(p.editUrl);
    if (edit) return edit;
  }
  return undefined;
}

type Tr = (key: keyof DirectoryMessages, ...args: unknown[]) => string;

const ext = (href: string | undefined, text: unknown, newWindow: string) =>
  href
    ? html`<a href=${href} target="_blank" rel="noopener noreferrer external">${text}<span class="sr-only"> ${newWindow}</span></a>`
    : html`${text}`;

export function renderDetail(s: Structure, ctx: DetailContext): TemplateResult {
  const t: Tr = (key, ...args) =>
    // biome-ignore lint/suspicious/noExplicitAny: the entry's own arguments, forwarded as given
    (translate as any)(M, ctx.lang, key, ...args);
  const newWindow = ctx.lang === 'en' ? '(new window)' : '(nouvelle fenêtre)';
  const a = s.address;
  const c = s.contacts ?? {};
  const phones = [...new Set([c.phone, ...(c.phones ?? [])].filter((p): p is string => !!p))];
  const website = safeHref(c.website);
  const email = c.email ? safeHref(c.email, ['mailto']) : undefined;
  const report = reportHref(s, ctx.reportErrorUrl);
  const acc = s.accessibility;
  const accItems: string[] = [];
  if (acc?.wheelchair) accItems.push(t(`wheelchair_${acc.wheelchair}`));
  for (const k of ['hearing', 'visual', 'motor', 'psychic', 'intellectual'] as const)
    if (acc?.[k]) accItems.push(t(k));
  const tags = (name: FacetName, values: readonly string[] | undefined) =>
    (values ?? []).map((v) => ctx.label(name, v));
  const themes = tags('themes', s.themes);
  const publics = tags('publics', s.publics);
  const forms = tags('legalForms', s.legalForms);
  const hours = ctx.hours;
  return html`<article class="detail-body" aria-labelledby="detail-heading">
    ${ctx.heading(s.name)}
    <p class="meta">${ctx.label('family', s.family)}${forms.length ? html` · ${forms.join(', ')}` : nothing}</p>
    ${s.description ? html`<p class="description">${s.description}</p>` : nothing}
    <dl>
      ${
        a && (a.street || a.commune)
          ? html`<dt>${t('address')}</dt>
            <dd>
              ${a.street ? a.street.split('\n').map((line) => html`${line}<br />`) : nothing}${a.complement ? html`${a.complement}<br />` : nothing}
              ${[a.postcode, a.commune].filter(Boolean).join(' ')}
            </dd>`
          : nothing
      }
      ${phones.map((p) => {
        const href = safeHref(p, ['tel']);
        return html`<dt>${t('phone')}</dt>
          <dd>${href ? html`<a href=${href}>${p}</a>` : p}</dd>`;
      })}
      ${c.email ? html`<dt>${t('email')}</dt><dd>${email ? html`<a href=${email}>${c.email}</a>` : c.email}</dd>` : nothing}
      ${website ? html`<dt>${t('website')}</dt><dd>${ext(website, new URL(website).host, newWindow)}</dd>` : nothing}
      ${themes.length ? html`<dt>${t('themes')}</dt><dd>${themes.join(', ')}</dd>` : nothing}
      ${publics.length ? html`<dt>${t('publics')}</dt><dd>${publics.join(', ')}</dd>` : nothing}
      ${s.networks?.length ? html`<dt>${t('networks')}</dt><dd>${s.networks.join(', ')}</dd>` : nothing}
    </dl>
    ${s.openingHours || s.openingHoursText ? renderHours(s, hours, t, ctx) : nothing}
    ${renderNextEvents({ lang: ctx.lang, level: ctx.sectionLevel ?? 3, events: ctx.events, inAgenda: !!ctx.inAgenda, open: (e) => ctx.openEvent?.(e) })}
    ${
      accItems.length || acc?.description || acc?.url
        ? html`<section>
          ${ctx.subheading(t('accessibility'))}
          <ul>${accItems.map((i) => html`<li>${i}</li>`)}</ul>
          ${acc?.description ? html`<p>${acc.description}</p>` : nothing}
          ${acc?.url && safeHref(acc.url) ? html`<p>${ext(safeHref(acc.url), t('accessibilityMore'), newWindow)}</p>` : nothing}
        </section>`
        : nothing
    }
    <footer class="provenance">
      <p>
        ${t('sources')} :
        ${s.provenance.map(
          (p, i) => html`${i ? ', ' : ''}${ext(safeHref(p.url), p.name ?? p.source, newWindow)}`,
        )}
      </p>
      <p>${s.updatedAt ? t('updated', s.updatedAt) : t('updatedUnknown')}</p>
      ${report ? html`<p><a class="report" href=${report} target="_blank" rel="noopener noreferrer external">${t('report')}<span class="sr-only"> ${newWindow}</span></a></p>` : nothing}
    </footer>
  </article>`;
}

function renderHours(
  s: Structure,
  hours: HoursInfo | undefined,
  now: Tr,
  ctx: DetailContext,
): TemplateResult {
  let state: unknown = nothing;
  if (hours && !hours.unreadable) {
    const when = hours.next ? [hours.nextDay, hours.next].filter(Boolean).join(' ') : undefined;
    state = html`<p class="open-state ${hours.status}">
      <strong>${now(hours.status === 'open' ? 'openNow' : hours.status === 'closed' ? 'closedNow' : 'unknownNow')}</strong>
      ${when ? (hours.status === 'open' ? ` — ${now('until', when)}` : hours.status === 'closed' ? ` — ${now('opensAt', when)}` : '') : ''}
    </p>`;
  }
  return html`<section>
    ${ctx.subheading(now('hours'))}
    ${state}
    ${
      hours && !hours.unreadable && hours.week.length
        ? html`<dl class="week">
          ${hours.week.map((d) => html`<dt>${d.day}</dt><dd>${d.ranges.length ? d.ranges.join(', ') : '—'}</dd>`)}
        </dl>`
        : s.openingHours
          ? html`<p>${hours?.unreadable ? now('hoursUnreadable') : ''} <code>${s.openingHours}</code></p>`
          : nothing
    }
    ${s.openingHoursText ? html`<p>${s.openingHoursText}</p>` : nothing}
  </section>`;
}

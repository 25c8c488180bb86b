/**
 * "S’abonner à l’agenda" in `<ess-agenda>`: the feed's subscribable calendars (manifest `calendars`) for
 * the view — the whole feed's, the territory's, the chosen categories'.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { AgendaState, Feed } from '@essaim/sdk';
import { type Args, translate } from '../../i18n/dictionary.ts';
import type { Lang } from '../../internal/localize.ts';
import { safeHref } from '../../internal/safe-url.ts';
import { agendaCalendarFileMessages as A } from './calendar-files.i18n.ts';

type Key = keyof typeof A.fr;
const t = <K extends Key>(host: { lang: Lang }, key: K, ...args: Args<(typeof A.fr)[K]>) =>
  translate(A, host.lang, key, ...args);

/** Styles of the subscription links, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    .subscribe {
      margin-block: 1em;
      padding: 0.5em 0.75em;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .subscribe .count {
      color: var(--_muted);
      margin-inline-start: 0.25em;
    }
  }
`;

/** What the subscription links need. */
export interface AgendaSubscribeInput {
  lang: Lang;
  calendars: NonNullable<Feed['manifest']['calendars']>;
  /** Its query's territory (the attributes, read once by the element) scopes the calendars. */
  state: AgendaState | undefined;
  /** Base URL of relative calendar URLs. */
  base: string | undefined;
}

/** The feed's subscribable calendars for this view: all, the territory's, the chosen categories'. */
function calendarsOf(
  input: AgendaSubscribeInput,
): Array<{ name: string; href: string; count?: number | undefined }> {
  const q = input.state?.query;
  const departements = new Set([...(q?.territory?.departements ?? []), ...(q?.facets?.departement ?? [])]);
  const regions = new Set(q?.territory?.regions ?? []);
  const categories = new Set([...(q?.facets?.categories ?? []), ...(q?.facets?.themes ?? [])]);
  const scoped = departements.size + regions.size > 0;
  const out: Array<{ name: string; href: string; count?: number | undefined }> = [];
  for (const c of input.calendars) {
    // A calendar is offered when EVERY scope it has matches the view (a theme × département calendar
    // needs both); the whole feed's calendar, when the view has no territory.
    const checks = [
      c.departement ? departements.has(c.departement) : undefined,
      c.region ? regions.has(c.region) : undefined,
      c.category ? categories.has(c.category) : undefined,
    ].filter((x) => x !== undefined);
    const wanted = checks.length ? checks.every(Boolean) : !scoped;
    if (!wanted) continue;
    let url: string | undefined;
    try {
      url = new URL(c.url, input.base || undefined).href;
    } catch {
      url = undefined; // a relative URL and no base: not offered
    }
    const href = safeHref(url, ['http']);
    if (href) out.push({ name: c.name, href, count: c.count });
  }
  return out;
}

/** "S’abonner à l’agenda": the feed's calendars for this view, as links an agenda app can subscribe to. */
export function renderSubscribe(input: AgendaSubscribeInput): TemplateResult | typeof nothing {
  const calendars = calendarsOf(input);
  if (!calendars.length) return nothing;
  return html`<div part="subscribe" class="subscribe">
    <p class="subscribe-title"><strong>${t(input, 'subscribe')}</strong></p>
    <ul class="plain">
      ${calendars.map(
        (c) => html`<li>
          <a href=${c.href} type="text/calendar">${c.name}</a>
          ${c.count !== undefined ? html`<span class="count">(${t(input, 'eventsCount', c.count)})</span>` : nothing}
        </li>`,
      )}
    </ul>
    <p class="hint">${t(input, 'subscribeHelp')}</p>
  </div>`;
}

/** What the subscription links reach in `<ess-agenda>` (its state). */
export interface AgendaSubscribeElement {
  readonly feedState: { readonly feed?: Feed | undefined };
  readonly agenda: AgendaState | undefined;
  readonly calendarsBase?: string | undefined;
  readonly l10n: { readonly lang: Lang };
}

/** The feed's calendars to subscribe to, for the element's view. */
export function renderSubscriptions(el: AgendaSubscribeElement): TemplateResult | typeof nothing {
  const calendars = el.feedState.feed?.manifest.calendars;
  if (!calendars?.length) return nothing;
  return renderSubscribe({ lang: el.l10n.lang, calendars, state: el.agenda, base: el.calendarsBase });
}

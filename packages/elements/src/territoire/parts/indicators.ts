/**
 * `<ess-territoire>`'s official figures: the feed's `indicators` for the territory (an observatory's
 * share of ESS jobs…), in a table beside the feed's own counts, each with its provenance — source (a link
 * when it has an http(s) address), year and licence — and a line saying they are not computed from the
 * feed. Nothing is shown when the feed has none for the territory.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Indicator, TerritoryProfile } from '@essaim/sdk';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import { safeHref } from '../../internal/safe-url.ts';
import type { SectionsHost } from './sections.ts';
import { sectionMessages as S } from './sections.i18n.ts';

type SM = typeof S.fr;
const t = <K extends keyof SM>(h: SectionsHost, key: K, ...args: Args<SM[K]>): string =>
  translate(S, h.lang, key, ...args);

const text = (h: SectionsHost, value: { fr: string; en?: string | undefined }) =>
  h.lang === 'en' ? (value.en ?? value.fr) : value.fr;

function link(name: string, url: string | undefined): TemplateResult | string {
  const href = safeHref(url);
  return href ? html`<a href=${href} rel="noopener noreferrer" target="_blank">${name}</a>` : name;
}

function row(h: SectionsHost, i: Indicator): TemplateResult {
  const unit = text(h, i.unit);
  const value = h.l10n.number(i.value, { maximumFractionDigits: 2 });
  return html`<tr>
    <th scope="row">${text(h, i.label)}${i.note ? html`<small class="muted">${text(h, i.note)}</small>` : nothing}</th>
    <td class="num">${unit === '%' ? `${value} %` : html`${value} <span class="unit">${unit}</span>`}</td>
    <td class="num">${i.year}</td>
    <td>${link(i.source.name, i.source.url)}</td>
    <td>${link(i.licence.name, i.licence.url)}</td>
  </tr>`;
}

/** The territory's official figures, or nothing when the feed has none for it. */
export function renderIndicators(
  h: SectionsHost,
  p: TerritoryProfile,
  level: number,
): TemplateResult | typeof nothing {
  if (!p.indicators.length) return nothing;
  return html`<section class="indicators">
    ${heading(level, t(h, 'indicators'), { id: 't-indicators' })}
    <p class="caveat">${t(h, 'indicatorsNote')}</p>
    <div class="scroll" tabindex="0" role="region" aria-labelledby="t-indicators">
      <table part="table">
        <thead><tr>
          <th scope="col">${t(h, 'indicator')}</th>
          <th scope="col" class="num">${t(h, 'indicatorValue')}</th>
          <th scope="col" class="num">${t(h, 'year')}</th>
          <th scope="col">${t(h, 'source')}</th>
          <th scope="col">${t(h, 'licence')}</th>
        </tr></thead>
        <tbody>${p.indicators.map((i) => row(h, i))}</tbody>
      </table>
    </div>
  </section>`;
}

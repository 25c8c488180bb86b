/**
 * The results of `<ess-orientation>`: the answers given (each one can be changed), the widening notice,
 * the ranked cards with distance, « pourquoi ce résultat ? » and contact actions, the honest empty state
 * and its alternatives, print / back / restart. Loaded on the first answer, so that the first question
 * needs none of it.
 */
import type {
  AnswerValue,
  FeedLinks,
  OrientationPlace,
  OrientationResult,
  OrientationState,
  ParcoursStep,
} from '@essaim/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { translate, typeset } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { Lang } from '../../internal/localize.ts';
import {
  nextEventsStyles,
  renderNextEvents,
  type StructureEvents,
  structureEvents,
} from '../../internal/next-events.ts';
import { safeHref } from '../../internal/safe-url.ts';
import { resultsStyles } from './results.styles.ts';
import { orientationMessages as M } from '../ess-orientation.i18n.ts';
import { resultsMessages as R } from './results.i18n.ts';

/** Styles of the results, adopted by the element when this chunk loads. */
export const styles = [resultsStyles, nextEventsStyles];
export { openEvent } from '../../internal/next-events.ts';

type Text = { fr: string; en?: string | undefined };
type Results = NonNullable<OrientationState['results']>;

/** What the results need from the element: its state, its language and its actions. */
export interface ResultsContext {
  lang: Lang;
  /** Heading level of the sections (the results heading itself is the element's). */
  level: number;
  steps: ReadonlyMap<string, ParcoursStep>;
  /** Results shown (the rest behind « Afficher … de plus »). */
  shown: number;
  page: number;
  selectedId: string | undefined;
  /** Where a result can be shown on the page (an `<ess-directory>`, an `<ess-map>` in the same `<ess-feed>`). */
  showIn: 'directory' | 'map' | 'both' | undefined;
  distance(km: number): string;
  more(): void;
  goTo(stepId: string): void;
  alternative(answers: Readonly<Record<string, string | readonly string[]>>): void;
  show(result: OrientationResult): void;
  /** The structures ↔ events links of the feed, once computed (`store.loadLinks()`). */
  links: FeedLinks | undefined;
  /** An agenda shares the page: a result's event opens there (else its .ics). */
  inAgenda: boolean;
  openEvent(event: StructureEvents['upcoming'][number]['event']): void;
  print(): void;
  back(): void;
  restart(): void;
}

/** A text of the feed in the page's language, French typography applied. */
const t = (lang: Lang, text: Text | undefined): string =>
  text ? ((lang === 'en' ? text.en : undefined) ?? typeset(text.fr, 'fr')) : '';

function answerText(c: ResultsContext, step: ParcoursStep, value: AnswerValue | undefined): string {
  if (value === null || value === undefined) return translate(R, c.lang, 'skipped');
  if (typeof value === 'object' && !Array.isArray(value)) return (value as OrientationPlace).label;
  const ids = typeof value === 'string' ? [value] : (value as readonly string[]);
  return (step.options ?? [])
    .filter((o) => ids.includes(o.id))
    .map((o) => t(c.lang, o.label))
    .join(', ');
}

/** Everything below the results heading. */
export function renderResults(s: OrientationState, r: Results, c: ResultsContext): TemplateResult {
  const items = r.items.slice(0, c.shown);
  const more = Math.min(c.page, r.items.length - items.length);
  return html`<div class="answers" part="answers">
      ${heading(c.level, translate(R, c.lang, 'yourAnswers'))}
      <dl>
        ${s.path
          .filter((id) => id in s.answers && c.steps.has(id))
          .map((id) => {
            const step = c.steps.get(id)!;
            const q = t(c.lang, step.question);
            return html`<div class="answer">
              <dt>${q}</dt>
              <dd>
                ${answerText(c, step, s.answers[id])}
                <button type="button" class="link change" aria-label=${translate(R, c.lang, 'changeAnswer', q)} @click=${() => c.goTo(id)}>
                  ${translate(R, c.lang, 'change')}
                </button>
              </dd>
            </div>`;
          })}
      </dl>
    </div>
    ${r.notice ? html`<p class="notice widened" part="notice" role="status">${t(c.lang, r.notice)}</p>` : nothing}
    ${r.explain.length ? html`<div class="explain">${r.explain.map((m) => html`<p>${t(c.lang, m)}</p>`)}</div>` : nothing}
    ${
      r.empty
        ? renderEmpty(r.empty, c)
        : html`<p class="count" role="status">${translate(R, c.lang, 'count', r.items.length)}</p>
          <ol class="cards" part="list" aria-labelledby="results-heading">
            ${items.map((item, i) => renderCard(item, i, c))}
          </ol>
          ${
            more > 0
              ? html`<button type="button" class="more" @click=${() => c.more()}>${translate(R, c.lang, 'more', more)}</button>`
              : nothing
          }`
    }
    <div class="actions" part="actions">
      <button type="button" class="print" @click=${() => c.print()}>${translate(R, c.lang, 'print')}</button>
      <button type="button" class="back" @click=${() => c.back()}>${translate(M, c.lang, 'back')}</button>
      <button type="button" class="restart" @click=${() => c.restart()}>${translate(M, c.lang, 'restart')}</button>
    </div>`;
}

function renderEmpty(empty: NonNullable<Results['empty']>, c: ResultsContext): TemplateResult {
  return html`<div class="empty" part="empty">
    ${heading(c.level, translate(R, c.lang, 'emptyTitle'))}
    <p>${t(c.lang, empty.message)}</p>
    ${
      empty.alternatives.length
        ? html`<p id="alternatives-label"><strong>${translate(R, c.lang, 'alternatives')}</strong></p>
          <ul class="alternatives" aria-labelledby="alternatives-label">
            ${empty.alternatives.map(
              (a) => html`<li>
                <button type="button" class="alternative" @click=${() => c.alternative(a.answers)}>
                  ${t(c.lang, a.label)}
                </button>
                ${a.hint ? html`<span class="hint">${t(c.lang, a.hint)}</span>` : nothing}
              </li>`,
            )}
          </ul>`
        : nothing
    }
  </div>`;
}

/** Words read after a link's visible ones so that each card's links have their own names. */
const of = (c: ResultsContext, key: 'callOf' | 'emailOf' | 'websiteOf' | 'directionsOf', name: string) =>
  html`<span class="sr-only">${translate(R, c.lang, key, name)}</span>`;

/** Says that a link opens a new window: an arrow seen, words read (in the link's name). */
const newWindow = (c: ResultsContext) =>
  html` <span class="new-window" aria-hidden="true">↗</span><span class="sr-only">${translate(R, c.lang, 'newWindow')}</span>`;

function renderCard(item: OrientationResult, index: number, c: ResultsContext): TemplateResult {
  const { structure, service } = item;
  const id = `result-${index}`;
  const contacts = service?.contacts ?? structure.contacts;
  const geo = service?.geo ?? structure.geo;
  const commune = service?.address?.commune ?? structure.address?.commune;
  const phone = contacts?.phone ?? contacts?.phones?.[0];
  const tel = safeHref(phone, ['tel']);
  const mail = safeHref(contacts?.email, ['mailto']);
  const web = safeHref(contacts?.website ?? structure.contacts?.website);
  const directions = geo
    ? safeHref(`https://www.openstreetmap.org/directions?to=${geo.lat}%2C${geo.lon}`)
    : undefined;
  const selected = c.selectedId === structure.id;
  const name = service ? service.name : structure.name;
  const reach = item.reach && item.reach !== 'near' ? translate(R, c.lang, `reach_${item.reach}`) : '';
  return html`<li>
    <article class="card ${selected ? 'selected' : ''}" part="card" aria-labelledby=${id}>
      ${heading(c.level, name, { id })}
      ${service ? html`<p class="by">${translate(R, c.lang, 'structureOf', structure.name)}</p>` : nothing}
      <p class="meta">
        ${commune ? html`<span>${commune}</span>` : nothing}
        ${
          item.distanceKm !== undefined
            ? html`<span><span class="sr-only">${translate(R, c.lang, 'distance')} : </span>${c.distance(item.distanceKm)}</span>`
            : nothing
        }
        ${reach ? html`<span>${reach}</span>` : nothing}
      </p>
      ${
        item.reasons.length
          ? html`<details class="why">
            <summary>${translate(R, c.lang, 'why')}</summary>
            <ul>
              ${item.reasons.map(
                (reason) => html`<li>
                  ${t(c.lang, reason.label)}${
                    reason.values.length
                      ? html` : ${reason.values.map((v) => t(c.lang, v.label)).join(', ')}`
                      : nothing
                  }
                </li>`,
              )}
            </ul>
          </details>`
          : nothing
      }
      <ul class="contact">
        ${tel ? html`<li><a href=${tel}>${translate(R, c.lang, 'call')}${of(c, 'callOf', name)} <span class="print-only">${phone}</span></a></li>` : nothing}
        ${mail ? html`<li><a href=${mail}>${translate(R, c.lang, 'email')}${of(c, 'emailOf', name)} <span class="print-only">${contacts?.email}</span></a></li>` : nothing}
        ${web ? html`<li><a href=${web} target="_blank" rel="noopener noreferrer">${translate(R, c.lang, 'website')}${of(c, 'websiteOf', name)}${newWindow(c)} <span class="print-only">${web}</span></a></li>` : nothing}
        ${directions ? html`<li><a href=${directions} target="_blank" rel="noopener noreferrer">${translate(R, c.lang, 'directions')}${of(c, 'directionsOf', name)}${newWindow(c)}</a></li>` : nothing}
        ${
          c.showIn
            ? html`<li>
              <button type="button" class="show" aria-describedby=${id} @click=${() => c.show(item)}>
                ${translate(R, c.lang, `show_${c.showIn}`)}
              </button>
            </li>`
            : nothing
        }
      </ul>
      ${renderNextEvents({
        lang: c.lang,
        level: c.level + 1,
        events: structureEvents(c.links, structure.id),
        inAgenda: c.inAgenda,
        open: (e) => c.openEvent(e),
      })}
      ${selected && c.showIn ? html`<p class="hint" role="status">${translate(R, c.lang, `shown_${c.showIn}`)}</p>` : nothing}
    </article>
  </li>`;
}

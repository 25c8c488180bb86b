/**
 * One question of the journey (« Qui êtes-vous ? »): its options or the place step, the error summary
 * when an answer is missing, and the navigation (Continuer, Passer, Retour, Recommencer). A template:
 * the element gives its state and its actions (`QuestionHost`).
 */
import type { OrientationState, ParcoursStep } from '@essaim/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { OrientationMessages } from '../ess-orientation.i18n.ts';
import type { PlaceStep } from './place-step.ts';

type Text = { fr: string; en?: string | undefined };

/** What a question needs from the element. */
export interface QuestionHost {
  t<K extends keyof OrientationMessages>(key: K, ...args: Args<OrientationMessages[K]>): string;
  /** A text of the feed in the page's language. */
  text(text: Text | undefined): string;
  invalid: boolean;
  draft: readonly string[];
  placeStep: PlaceStep | undefined;
  /** The place step could not be loaded. */
  placeFailed: boolean;
  retry(): TemplateResult;
  focus(selector: string): void;
  continue(e?: Event): void;
  skip(): void;
  back(): void;
  restart(): void;
  choose(step: ParcoursStep, optionId: string, checked: boolean): void;
}

function renderErrorSummary(h: QuestionHost, message: string, level: number, target: string): TemplateResult {
  return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="error-title">
    ${heading(level, h.t('errorTitle'), { id: 'error-title' })}
    <ul>
      <li>
        <a
          href="#${target}"
          @click=${(e: Event) => {
            e.preventDefault();
            h.focus(`#${target}`);
          }}
          >${message}</a
        >
      </li>
    </ul>
  </div>`;
}

export function renderQuestion(
  h: QuestionHost,
  s: OrientationState,
  step: ParcoursStep,
  level: number,
): TemplateResult {
  const place = step.kind === 'place';
  const message = place
    ? h.t('placeMissing')
    : h.text(s.errors.find((e) => e.code === 'required')?.message) ||
      h.t(step.kind === 'multiple' ? 'chooseSome' : 'chooseOne');
  const invalid = h.invalid;
  const describedBy = [step.help ? 'question-help' : '', invalid ? 'question-error' : '']
    .filter(Boolean)
    .join(' ');
  const firstInput = place ? 'place' : 'option-0';
  return html`<form class="step" novalidate @submit=${h.continue}>
    <p class="progress" part="progress">${h.t('progress', s.stepNumber, s.totalSteps)}</p>
    ${invalid ? renderErrorSummary(h, message, level, firstInput) : nothing}
    <fieldset
      part="question"
      class="question ${invalid ? 'invalid' : ''}"
      aria-describedby=${describedBy || nothing}
      aria-invalid=${invalid ? 'true' : nothing}
    >
      <legend>
        ${heading(
          level,
          html`${h.text(step.question)}${step.required ? nothing : html` <span class="optional">${h.t('optional')}</span>`}`,
          { id: 'question', focusable: true },
        )}
      </legend>
      ${step.help ? html`<p id="question-help" class="hint">${h.text(step.help)}</p>` : nothing}
      ${
        invalid
          ? html`<p id="question-error" class="error-message">
            <span class="sr-only">${h.t('error')}</span> ${message}
          </p>`
          : nothing
      }
      ${
        place
          ? (h.placeStep?.render(invalid) ??
            (h.placeFailed
              ? h.retry()
              : html`<p class="notice" part="loading" role="status">${h.t('loading')}</p>`))
          : renderOptions(h, step)
      }
    </fieldset>
    <div class="actions" part="actions">
      <button type="submit" class="primary">${h.t('continue')}</button>
      ${
        place && !step.required
          ? html`<button type="button" class="skip" @click=${h.skip}>${h.t('skip')}</button>`
          : nothing
      }
      ${s.canGoBack ? html`<button type="button" class="back" @click=${h.back}>${h.t('back')}</button>` : nothing}
      ${
        s.stepNumber > 1 || Object.keys(s.answers).length
          ? html`<button type="button" class="restart" @click=${h.restart}>${h.t('restart')}</button>`
          : nothing
      }
    </div>
    <p class="hint privacy">${h.t('privacy')}</p>
  </form>`;
}

function renderOptions(h: QuestionHost, step: ParcoursStep): TemplateResult {
  const multiple = step.kind === 'multiple';
  return html`<div class="options">
    ${(step.options ?? []).map((o, i) => {
      const id = `option-${i}`;
      return html`<div class="option">
        <input
          id=${id}
          type=${multiple ? 'checkbox' : 'radio'}
          name="answer"
          value=${o.id}
          aria-describedby=${o.hint ? `${id}-hint` : nothing}
          .checked=${h.draft.includes(o.id)}
          @change=${(e: Event) => h.choose(step, o.id, (e.target as HTMLInputElement).checked)}
        />
        <label for=${id}>${h.text(o.label)}</label>
        ${o.hint ? html`<p id="${id}-hint" class="hint">${h.text(o.hint)}</p>` : nothing}
      </div>`;
    })}
  </div>`;
}

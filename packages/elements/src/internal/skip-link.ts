/**
 * « Aller aux résultats »: the first thing a keyboard reaches in a widget with a long search form above
 * its results (the directory, the agenda). Hidden until focused; it moves the focus to the results
 * heading (focusable by script) without touching the page's URL.
 */
import { css, html, type TemplateResult } from 'lit';

export const skipLinkStyles = css`
  @layer essaim {
    .skip-link:not(:focus) {
      position: absolute;
      inline-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .skip-link:focus {
      display: inline-block;
      padding: 0.375em 0.75em;
    }
  }
`;

/** The link; `target` gives the heading to focus when it is followed. */
export function skipLink(text: string, target: () => HTMLElement | null | undefined): TemplateResult {
  return html`<a
    class="skip-link"
    href="#results-heading"
    @click=${(e: Event) => {
      e.preventDefault();
      target()?.focus();
    }}
    >${text}</a
  >`;
}

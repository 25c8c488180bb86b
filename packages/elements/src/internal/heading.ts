import { html, nothing, type TemplateResult } from 'lit';

export interface HeadingAttrs {
  id?: string;
  part?: string;
  /** Focusable by script (tabindex -1), for moving focus to a new view. */
  focusable?: boolean;
  cls?: string;
}

/**
 * A heading at the level the host page asks for (`heading-level`), clamped to h2–h6: a widget must fit
 * into the page's outline, not start a new one.
 */
export function heading(level: number, content: unknown, attrs: HeadingAttrs = {}): TemplateResult {
  const l = Math.min(6, Math.max(2, Math.floor(level) || 2));
  const tabindex = attrs.focusable ? '-1' : nothing;
  const id = attrs.id ?? nothing;
  const part = attrs.part ?? nothing;
  const cls = attrs.cls ?? nothing;
  switch (l) {
    case 2:
      return html`<h2 id=${id} part=${part} class=${cls} tabindex=${tabindex}>${content}</h2>`;
    case 3:
      return html`<h3 id=${id} part=${part} class=${cls} tabindex=${tabindex}>${content}</h3>`;
    case 4:
      return html`<h4 id=${id} part=${part} class=${cls} tabindex=${tabindex}>${content}</h4>`;
    case 5:
      return html`<h5 id=${id} part=${part} class=${cls} tabindex=${tabindex}>${content}</h5>`;
    default:
      return html`<h6 id=${id} part=${part} class=${cls} tabindex=${tabindex}>${content}</h6>`;
  }
}

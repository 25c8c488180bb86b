/**
 * The element's polite live region: what a screen reader should hear after an action (a result count,
 * a failure), either at once or after a pause that lets fast changes settle (typing: only the last
 * count is read). Render `announcer.render()` once in the element's template.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export class Announcer implements ReactiveController {
  /** The text in the live region. */
  text = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Says `text` now (and drops a pending one). */
  say(text: string): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.text = text;
    this.host.requestUpdate();
  }

  /** After `delay` ms without another call, says what `text()` gives then (nothing when it gives `undefined`). */
  later(text: () => string | undefined, delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const value = text();
      if (value !== undefined) this.say(value);
    }, delay);
  }

  /** Empties the region (and drops a pending text). */
  clear(): void {
    this.say('');
  }

  render(): TemplateResult {
    return html`<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.text}</div>`;
  }
}

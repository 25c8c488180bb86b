/**
 * The small helpers every element uses from its first content, in one module (one chunk on the CDN):
 *
 * - `Announcer`: the element's polite live region: what a screen reader should hear after an action (a
 *   result count, a failure), either at once or after a pause that lets fast changes settle (typing:
 *   only the last count is read). Render `announcer.render()` once in the element's template.
 * - `LazyPart`: a part of an element loaded later (its own chunk, through `import()`): loaded once for
 *   the element, its `styles` adopted into the element's shadow root when it arrives (constructable
 *   sheets: CSP-safe), a failure kept as `failed` so the element can say so and offer to retry (the next
 *   `load()` tries again). The element re-renders when the part arrives or fails.
 */
import {
  type CSSResult,
  html,
  type ReactiveController,
  type ReactiveControllerHost,
  type ReactiveElement,
  type TemplateResult,
} from 'lit';

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

/** Adds stylesheets to a shadow root's adopted sheets, each once. */
export function adoptStyles(
  root: Element | ShadowRoot | DocumentFragment,
  styles: CSSResult | readonly CSSResult[] | undefined,
): void {
  if (!(root instanceof ShadowRoot)) return;
  for (const s of [styles ?? []].flat()) {
    const sheet = s.styleSheet;
    if (sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

/** What a part's module may export: its `styles`, adopted when it loads. */
export interface PartModule {
  readonly styles?: CSSResult | readonly CSSResult[];
}

export class LazyPart<T extends object> {
  /** The module, once loaded and its styles adopted. */
  value: T | undefined;
  /** The last load failed (offline, a deployment that removed the chunk): say so, offer `load()` again. */
  failed = false;
  #pending: Promise<T | undefined> | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly importer: () => Promise<T>,
    private readonly onLoad?: (module: T) => void,
  ) {}

  /**
   * Loads the part (once; again after a failure). Resolves to the module, or `undefined` when it could not
   * be loaded (`failed` is then set; the error is in the console).
   */
  load(): Promise<T | undefined> {
    if (this.value) return Promise.resolve(this.value);
    if (this.failed && !this.#pending) {
      // Trying again: the element shows its loading state meanwhile.
      this.failed = false;
      this.host.requestUpdate();
    }
    return (this.#pending ??= this.importer().then(
      (m) => {
        adoptStyles(this.host.renderRoot, (m as PartModule).styles);
        this.value = m;
        this.failed = false;
        this.onLoad?.(m);
        this.host.requestUpdate();
        return m;
      },
      (error: unknown) => {
        console.error('[essaim]', error);
        this.#pending = undefined;
        this.failed = true;
        this.host.requestUpdate();
        return undefined;
      },
    ));
  }
}

/**
 * The debounced text field of a search (the directory's, the agenda's): the field follows what the
 * person types at once; the query runs after a short pause (the engines are synchronous: debouncing is
 * what keeps typing fluid), or at once on submit; only the latest text runs. While a text waits, the
 * state's own text does not overwrite the field.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface TextQueryOptions {
  /** Pause after the last keystroke, in ms. */
  delay: number;
  /** The query's text now (to skip a commit that changes nothing). */
  current(): string | undefined;
  /** Runs the text (trimmed text differs from `current()`): set it on the connector, say the user changed it. */
  apply(text: string): void;
}

export class TextQuery implements ReactiveController {
  /** The field's text. */
  text = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TextQueryOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A text is typed and waiting for the pause. */
  get pending(): boolean {
    return this.#timer !== undefined;
  }

  /** `@input` of the field. */
  readonly onInput = (e: Event): void => {
    this.text = (e.target as HTMLInputElement).value;
    this.host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.commit(), this.options.delay);
  };

  /** `@submit` of the search form: runs the text now. */
  readonly onSubmit = (e: Event): void => {
    e.preventDefault();
    this.commit();
  };

  /** Runs the waiting text now (if it changes the query). */
  commit(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if ((this.options.current() ?? '') === this.text.trim()) return;
    this.options.apply(this.text);
  }

  /** The state's text changed (another widget, the URL): shown unless the person is typing. */
  follow(text: string | undefined): void {
    if (this.pending || this.text === (text ?? '')) return;
    this.text = text ?? '';
    this.host.requestUpdate();
  }

  /** Sets the field (a preset, "clear all"), dropping any waiting text. */
  set(text: string): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.text = text;
    this.host.requestUpdate();
  }
}

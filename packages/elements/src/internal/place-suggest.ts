/**
 * The communes / postcodes autocomplete behind every "où ?" field (the directory's "près de chez moi",
 * the orientation's place step): loads the places module on first focus or typing only, suggests after a
 * short pause, ignores stale answers, and handles the ARIA combobox keys (arrows, Enter, Escape). The
 * component renders the input and the listbox from this controller's state and says what a pick does.
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { loadPlaces, loadPlacesForRecords, type PlacesModule } from '@essaim/sdk';

export type PlaceMatch = ReturnType<PlacesModule['searchPlaces']>[number];

export interface PlaceSuggestOptions {
  /** What choosing a suggestion does (the controller has already closed the list and set the text). */
  onPick: (match: PlaceMatch) => void;
  /** Called on each keystroke in the field, e.g. to forget a place picked before. */
  onInput?: () => void;
  /** Pause before suggesting, in ms. */
  delay?: number;
  /** Suggestions shown at most. */
  limit?: number;
  /**
   * The feed's structures, when known: only the places of their départements are loaded (a name outside
   * them loads more, see the SDK's `placesForTerritory`); without them, the national places.
   */
  records?: () =>
    | Iterable<{
        address?:
          | { cog?: { departement?: string; commune?: string }; postcode?: string; country?: string }
          | undefined;
      }>
    | undefined;
}

/** What the field asks of the places data (the national module, or the places of a territory). */
interface PlacesSource {
  search(text: string, limit: number): Promise<PlaceMatch[]>;
  nearest(lat: number, lon: number): Promise<ReturnType<PlacesModule['nearestCommune']>>;
}

/** The words of the field, in the page's language. */
export interface PlaceFieldText {
  label: string;
  hint: string;
  loading: string;
  error: string;
  none: string;
  /** Said (live region) when suggestions appear: « 8 communes proposées… ». */
  count?: (n: number) => string;
}

export class PlaceSuggest implements ReactiveController {
  /** The field's text. */
  text = '';
  /** The suggestions (only places with a centre, so that a pick can give a point). */
  options: readonly PlaceMatch[] = [];
  /** Whether the listbox is shown. */
  open = false;
  /** The highlighted suggestion (-1: none). */
  active = -1;
  /** `loading` while the places module downloads; `none` when the text matches nothing. */
  status: 'idle' | 'loading' | 'error' | 'none' = 'idle';

  #places: PlacesSource | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options_: PlaceSuggestOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** The places data, loaded once (the first focus of the field starts it). */
  async ensure(): Promise<PlacesSource | undefined> {
    if (this.#places) return this.#places;
    this.#set({ status: 'loading' });
    try {
      const records = this.options_.records?.();
      if (records) {
        const places = await loadPlacesForRecords(records as Parameters<typeof loadPlacesForRecords>[0]);
        this.#places = {
          search: (text, limit) => places.searchPlaces(text, { limit }),
          nearest: (lat, lon) => places.nearestCommune(lat, lon),
        };
      } else {
        const places = await loadPlaces();
        this.#places = {
          search: async (text, limit) => places.searchPlaces(text, { limit }),
          nearest: async (lat, lon) => places.nearestCommune(lat, lon),
        };
      }
      this.#set({ status: 'idle' });
      return this.#places;
    } catch {
      this.#set({ status: 'error' });
      return undefined;
    }
  }

  focus(): void {
    void this.ensure();
  }

  /**
   * The commune whose centre is nearest to a point (e.g. « Me localiser »), with its official codes;
   * loads the places module if needed. `undefined` when it cannot load or no commune is near.
   */
  async nearest(lat: number, lon: number): Promise<ReturnType<PlacesModule['nearestCommune']>> {
    const places = await this.ensure();
    return places?.nearest(lat, lon);
  }

  input(text: string): void {
    this.#set({ text });
    this.options_.onInput?.();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#suggest(), this.options_.delay ?? 150);
  }

  keydown(e: KeyboardEvent): void {
    const n = this.options.length;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      this.#set({ open: true, active: (this.active + 1) % n });
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      this.#set({ open: true, active: (this.active - 1 + n) % n });
    } else if (e.key === 'Enter' && this.open) {
      // Enter picks the highlighted suggestion; with the list closed it does what the form does.
      e.preventDefault();
      const pick = this.options[Math.max(this.active, 0)];
      if (pick) this.pick(pick);
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      e.stopPropagation(); // closes the list only, not a dialog around it
      this.#set({ open: false, active: -1 });
    }
  }

  pick(match: PlaceMatch): void {
    this.#set({ open: false, active: -1, text: match.label });
    this.options_.onPick(match);
  }

  /** Closes the list (e.g. when the field loses focus). */
  close(): void {
    if (this.open || this.active !== -1) this.#set({ open: false, active: -1 });
  }

  /** Empties the field (or sets it to `text`) and the suggestions. */
  clear(text = ''): void {
    clearTimeout(this.#timer);
    this.#request++;
    this.#set({ text, options: [], open: false, active: -1, status: this.#places ? 'idle' : this.status });
  }

  /**
   * The ARIA combobox: label, input, listbox of suggestions and a hint that says what is going on
   * (loading, no match). Ids are `place`, `place-label`, `place-list`, `place-<i>`, `place-hint`.
   */
  render(text: PlaceFieldText, options: { invalid?: boolean } = {}): TemplateResult {
    const open = this.open && this.options.length > 0;
    const status = { idle: '', loading: text.loading, error: text.error, none: text.none }[this.status];
    return html`<div class="combo">
      <label for="place" id="place-label">${text.label}</label>
      <input
        id="place"
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="place-list"
        aria-describedby="place-hint"
        aria-invalid=${options.invalid ? 'true' : nothing}
        aria-activedescendant=${open && this.active >= 0 ? `place-${this.active}` : nothing}
        .value=${this.text}
        @focus=${() => this.focus()}
        @input=${(e: Event) => this.input((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => this.keydown(e)}
        @blur=${() => setTimeout(() => this.close(), 150)}
      />
      <ul id="place-list" role="listbox" aria-labelledby="place-label" class="listbox" ?hidden=${!open}>
        ${this.options.map(
          (m, i) =>
            html`<li
              id="place-${i}"
              role="option"
              aria-selected=${i === this.active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.pick(m)}
            >
              ${m.label}
            </li>`,
        )}
      </ul>
      <p id="place-hint" class="hint">${status || text.hint}</p>
      <p class="sr-only" role="status">${open ? (text.count?.(this.options.length) ?? '') : this.status === 'none' || this.status === 'error' ? status : ''}</p>
    </div>`;
  }

  async #suggest(): Promise<void> {
    const request = ++this.#request;
    const text = this.text.trim();
    if (text.length < 2) {
      this.#set({ options: [], open: false });
      return;
    }
    const places = await this.ensure();
    if (!places || request !== this.#request) return;
    const found = await places.search(text, this.options_.limit ?? 8).catch(() => undefined);
    if (request !== this.#request) return;
    if (!found) return this.#set({ status: 'error' });
    const options = found.filter((m) => m.place.lat !== undefined);
    this.#set({ options, active: -1, open: options.length > 0, status: options.length ? 'idle' : 'none' });
  }

  #set(patch: Partial<Pick<PlaceSuggest, 'text' | 'options' | 'open' | 'active' | 'status'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}

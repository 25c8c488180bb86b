/**
 * The place step of `<ess-orientation>`: the communes / postcodes autocomplete shared with the directory,
 * « Me localiser » (only on click; the nearest commune centre gives the official codes that zones of
 * eligibility are written in) and what was chosen. Loaded on the first answer, or when a journey starts
 * with its place step, so that the first question needs none of it. Nothing leaves the page: the places
 * module is a static file, looked up in the page.
 */
import type { OrientationPlace } from '@essaim/sdk';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { type Args, dictionaries, translate } from '../../i18n/dictionary.ts';
import { type GeoStatus, locate } from '../../internal/geolocation.ts';
import type { Lang } from '../../internal/localize.ts';
import { type PlaceMatch, PlaceSuggest } from '../../internal/place-suggest.ts';

export { placeStyles as styles } from './place-step.styles.ts';

const placeMessages = dictionaries(
  {
    placeLabel: 'Commune ou code postal',
    placeHint: 'Tapez au moins 2 caractères puis choisissez dans la liste.',
    placesLoading: 'Chargement de la liste des communes…',
    placesNone: 'Aucune commune trouvée',
    placesCount: (n: number) =>
      `${n === 1 ? '1 commune proposée' : `${n} communes proposées`}, flèches haut et bas pour choisir`,
    placesError: 'La liste des communes n’a pas pu être chargée.',
    placeChosen: (label: string) => `Lieu choisi : ${label}`,
    locate: 'Me localiser',
    locating: 'Localisation en cours…',
    myPosition: 'Ma position',
    myPositionNear: (name: string) => `Ma position (commune la plus proche : ${name})`,
    geoDenied: 'La localisation a été refusée. Indiquez plutôt votre commune.',
    geoUnavailable: 'Votre position n’a pas pu être trouvée. Indiquez plutôt votre commune.',
    geoUnsupported: 'Votre navigateur ne permet pas la localisation.',
  },
  {
    placeLabel: 'Town or postcode',
    placeHint: 'Type at least 2 characters, then choose from the list.',
    placesLoading: 'Loading the list of towns…',
    placesNone: 'No town found',
    placesCount: (n: number) =>
      `${n === 1 ? '1 town suggested' : `${n} towns suggested`}, up and down arrows to choose`,
    placesError: 'The list of towns could not be loaded.',
    placeChosen: (label: string) => `Place chosen: ${label}`,
    locate: 'Locate me',
    locating: 'Locating…',
    myPosition: 'My position',
    myPositionNear: (name: string) => `My position (nearest town: ${name})`,
    geoDenied: 'Location was refused. Give your town instead.',
    geoUnavailable: 'Your position could not be found. Give your town instead.',
    geoUnsupported: 'Your browser cannot give your location.',
  },
);

type PlaceMessages = typeof placeMessages.fr;

const GEO_KEYS = {
  locating: 'locating',
  denied: 'geoDenied',
  unavailable: 'geoUnavailable',
  unsupported: 'geoUnsupported',
} as const;

export interface PlaceStepOptions {
  /** The page's language, now. */
  lang: () => Lang;
  /** A place was chosen (picked or located): e.g. clear the error. */
  onChosen: () => void;
  /** Whether the place question is still shown (a late position is dropped otherwise). */
  active: () => boolean;
  /** Pause before suggesting, in ms. */
  delay: number;
}

/** The state and rendering of the place step, as a controller of the element. */
export class PlaceStep {
  readonly suggest: PlaceSuggest;
  /** The place chosen on the current question, before Continuer. */
  draft: OrientationPlace | undefined;
  geoStatus: GeoStatus = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PlaceStepOptions,
  ) {
    this.suggest = new PlaceSuggest(host, {
      onPick: (m) => this.#pick(m),
      onInput: () => {
        this.draft = undefined;
      },
      delay: options.delay,
    });
  }

  /** Shows `place` (the current answer, if any) in the field. */
  reset(place: OrientationPlace | undefined): void {
    this.draft = place;
    this.geoStatus = '';
    this.suggest.clear(place?.label ?? '');
  }

  /** True when something is typed in the field (chosen or not). */
  get typed(): boolean {
    return this.suggest.text.trim() !== '';
  }

  #tr<K extends keyof PlaceMessages>(key: K, ...args: Args<PlaceMessages[K]>): string {
    return translate(placeMessages, this.options.lang(), key, ...args);
  }

  #set(patch: Partial<Pick<PlaceStep, 'draft' | 'geoStatus'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  #pick(match: PlaceMatch): void {
    const p = match.place;
    if (p.lat === undefined || p.lon === undefined) return;
    const cog: NonNullable<OrientationPlace['cog']> = {
      commune: p.code,
      departement: p.departement.code,
      region: p.region.code,
    };
    if (p.epci) cog.epci = p.epci.code;
    this.#set({ draft: { lat: p.lat, lon: p.lon, label: match.label, cog } });
    this.options.onChosen();
  }

  /** « Me localiser »: asks the browser, on click only. */
  locate(): void {
    locate(
      (geoStatus) => this.#set({ geoStatus }),
      (lat, lon) => void this.#located(lat, lon),
    );
  }

  /**
   * A position from the browser: the commune whose centre is nearest gives the codes that zones of
   * eligibility are written in (looked up in the page, in the places module). The point itself is kept
   * for distances; nothing is sent anywhere.
   */
  async #located(lat: number, lon: number): Promise<void> {
    let near: Awaited<ReturnType<PlaceSuggest['nearest']>>;
    try {
      near = await this.suggest.nearest(lat, lon);
    } catch {
      near = undefined; // without the places module: the point alone (distances still work)
    }
    if (this.geoStatus !== 'locating' || !this.options.active()) return; // moved on meanwhile
    const label = near ? this.#tr('myPositionNear', near.place.name) : this.#tr('myPosition');
    this.suggest.clear(label);
    this.#set({
      geoStatus: '',
      draft: near ? { lat, lon, label, cog: { ...near.cog } } : { lat, lon, label },
    });
    this.options.onChosen();
  }

  render(invalid: boolean): TemplateResult {
    const geo = this.geoStatus ? this.#tr(GEO_KEYS[this.geoStatus]) : '';
    const text = {
      label: this.#tr('placeLabel'),
      hint: this.#tr('placeHint'),
      loading: this.#tr('placesLoading'),
      error: this.#tr('placesError'),
      none: this.#tr('placesNone'),
      count: (n: number) => this.#tr('placesCount', n),
    };
    return html`<div class="place">
      ${this.suggest.render(text, { invalid })}
      <button type="button" class="locate" @click=${() => this.locate()}>${this.#tr('locate')}</button>
      <p class="geo-status" role="status">
        ${geo || (this.draft ? this.#tr('placeChosen', this.draft.label) : '')}
      </p>
    </div>`;
  }
}

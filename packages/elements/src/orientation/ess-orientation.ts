import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  type AnswerValue,
  createLazyOrientation,
  decodeOrientationUrl,
  encodeOrientationUrl,
  type Feed,
  type FeedStore,
  type OrientationConnector,
  type OrientationResult,
  type OrientationState,
  type Parcours,
  type ParcoursStep,
  readUrlState,
  syncUrlState,
  URL_NAMESPACES,
} from '@essaim/sdk';
import { typeset } from '../i18n/dictionary.ts';
import { EssElement } from '../internal/ess-element.ts';
import { heading } from '../internal/heading.ts';
import { Announcer, LazyPart } from '../internal/controllers.ts';
import { type QuestionHost, renderQuestion } from './parts/question.ts';
import { renderTerritoryProfile, sameParcours } from './parts/territory-profile.ts';
import { baseStyles } from '../internal/styles.ts';
import { orientationMessages as M } from './ess-orientation.i18n.ts';
import type { PlaceStep } from './parts/place-step.ts';
import type { ResultsContext } from './parts/results.ts';
import { orientationStyles } from './ess-orientation.styles.ts';
import type { EssOrientationEvents } from '../events/events.ts';

type Text = { fr: string; en?: string | undefined };

const PAGE = 10;
const TEXT_DEBOUNCE_MS = 150;

/** Detail of `ess-select` (the same for every element). */
export type { EssSelectDetail as EssOrientationSelectDetail } from '../events/events.ts';

/**
 * @tagname ess-orientation
 * @summary Guides a person, one question per screen, to the structures and services of the social and
 * solidarity economy that fit their situation, and says why each result is there.
 *
 * The journey (« parcours ») comes from the feed (`parcours` attribute: its id; default the first one).
 * The answers never leave the page; with `sync-url` they are kept in the page URL (`ess-parcours`
 * parameter) so that the page can be shared or reloaded — like any address, a reload or a shared link
 * then sends them to the site's server (a place as its name, codes and a point rounded to about 1 km).
 *
 * @fires ess-select - The person asked to see a result in the directory or on the map; `detail: { id }`
 * (the structure's id). Also selects it in the page's store. The « Voir dans l’annuaire / sur la carte »
 * button is there when the page's store has such a view (`store.views`: an `<ess-directory>` or an
 * `<ess-map>` in the same `<ess-feed>`, or an app's own).
 *
 * @csspart base - The whole element.
 * @csspart heading - The title.
 * @csspart progress - The step counter (« Étape 2 sur 4 »).
 * @csspart question - The question's fieldset.
 * @csspart error-summary - The error summary.
 * @csspart actions - The navigation buttons.
 * @csspart results - The results.
 * @csspart answers - The summary of the answers.
 * @csspart notice - The widening notice.
 * @csspart list - The result list.
 * @csspart card - One result.
 * @csspart next-events - A result's next events (heading, dates, a link to the agenda or an .ics).
 * @csspart empty - The honest empty state and its alternatives.
 * @csspart loading - The loading notice.
 * @csspart error - The error notice (no feed, or the feed could not be loaded).
 * @csspart stale - The notice shown over stale or offline data.
 *
 * @cssprop --ess-color-scheme - `light dark` (default) follows the visitor's `prefers-color-scheme`; `light` or `dark` pins the scheme.
 * @cssprop --ess-color-primary - Links, buttons, selected states and accents (default `light-dark(#000091, #8585f6)`).
 * @cssprop --ess-color-on-primary - Text on a primary background (default `light-dark(#ffffff, #000091)`).
 * @cssprop --ess-color-text - Body text (default `light-dark(#1e1e1e, #e5e5e5)`).
 * @cssprop --ess-color-text-muted - Secondary text: hints, counts, metadata (default `light-dark(#555555, #a6a6a6)`).
 * @cssprop --ess-color-surface - Background of the widget, fields and menus (default `light-dark(#ffffff, #161616)`).
 * @cssprop --ess-color-surface-alt - Background of cards and panels (default `light-dark(#f5f5fe, #1e1e1e)`).
 * @cssprop --ess-color-border - Borders of fields and lists (default `light-dark(#929292, #7b7b7b)`).
 * @cssprop --ess-color-error - Errors (default `light-dark(#ce0500, #ff5655)`).
 * @cssprop --ess-color-success - Positive states, e.g. open now, free (default `light-dark(#18753c, #27a658)`).
 * @cssprop --ess-color-warning - Warning text and borders (default `light-dark(#6e4b00, #ffc46b)`).
 * @cssprop --ess-color-warning-surface - Background of warnings (default `light-dark(#fff4d6, #3b2a00)`).
 * @cssprop --ess-color-focus - Focus ring colour (default `#0a76f6`).
 * @cssprop --ess-focus-width - Focus ring width (default `2px`).
 * @cssprop --ess-focus-offset - Focus ring offset (default `2px`).
 * @cssprop --ess-font-family - Font family (default: the page's).
 * @cssprop --ess-font-size - Base font size (default `16px`; sizes inside follow it, not the page's `rem`).
 * @cssprop --ess-line-height - Base line height (default `1.5`).
 * @cssprop --ess-radius - Corner radius (default `4px`).
 * @cssprop --ess-space - Base spacing between blocks (default `16px`).
 */
export class EssOrientation extends EssElement<EssOrientationEvents> {
  static override styles = [baseStyles, orientationStyles];

  /** Id of the parcours of the feed to follow (default: the feed's first). */
  @property() parcours?: string;
  /** Title (default: the parcours' title). */
  @property() heading?: string;
  /** Heading level of the title (2 to 5; the questions and results use the next level). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Opt-in: read the answers from the page URL (`ess-parcours` parameter) and keep them there. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /**
   * Options of the journey (ids, space-separated) whose results open on the chosen place's profile
   * (`<ess-territoire>`), the structures listed below it. Default `collectivite`: the « Élu ou élue »
   * persona of Essaim's journey. Empty: never.
   */
  @property({ attribute: 'territoire-for' }) territoireFor = 'collectivite';

  /** The place step (autocomplete, « Me localiser »), once its module is loaded. */
  protected placeStep?: PlaceStep;
  /** The results view and the place step: loaded on the first answer, not before the first question. */
  protected readonly announcer = new Announcer(this);
  protected readonly resultsPart = new LazyPart(this, () => import('./parts/results.ts'));
  protected readonly placePart = new LazyPart(
    this,
    () => import('./parts/place-step.ts'),
    (m) => {
      this.placeStep = new m.PlaceStep(this, {
        lang: () => this.l10n.lang,
        onChosen: () => {
          this.invalid = false;
        },
        active: () => this.journey?.step?.kind === 'place',
        delay: TEXT_DEBOUNCE_MS,
      });
      const s = this.journey;
      if (s?.step?.kind === 'place') this.placeStep.reset(s.place);
    },
  );
  @state() protected journey?: OrientationState;
  /** The selection on the current question, before Continuer. */
  @state() protected draft: readonly string[] = [];
  /** Set when Continuer was pressed without a required answer. */
  @state() protected invalid = false;
  @state() protected shown = PAGE;
  @state() protected selectedId?: string;

  #connector?: OrientationConnector;
  #builtFor?: { feed: Feed; id: string | undefined };
  #off?: () => void;
  #urlRead = false;
  #focusNext: 'question' | 'results' | 'errors' | undefined;
  #stepKey?: string;
  #onBeforePrint = () => this.#openAllDetails();

  protected override get feedParts() {
    return ['parcours', 'structures'] as const;
  }

  protected override bindStore(store: FeedStore): () => void {
    // « Voir dans l'annuaire / sur la carte » follows the views of the page's store.
    const offViews = store.views.subscribe(() => this.requestUpdate());
    return () => {
      offViews();
      this.#dropConnector();
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#onBeforePrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.#onBeforePrint);
    this.#dropConnector();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#ensureConnector();
    if (changed.has('syncUrl')) this.#readUrl();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.#focusNext;
    if (!target) return;
    this.#focusNext = undefined;
    const selector =
      target === 'errors' ? '.error-summary' : target === 'results' ? '#results-heading' : '#question';
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // --- The connector --------------------------------------------------------------------------------

  /** The parcours to follow, from the loaded feed. */
  #parcoursOf(feed: Feed): Parcours | undefined {
    const all = feed.parcours ?? [];
    return this.parcours ? all.find((p) => p.id === this.parcours) : all[0];
  }

  #ensureConnector(): void {
    const feed = this.feedState.feed;
    if (!feed || !this.store) return;
    const built = this.#builtFor;
    if (built?.feed === feed && built.id === this.parcours) return;
    const parcours = this.#parcoursOf(feed);
    const data = { structures: feed.structures, services: feed.services, taxonomy: feed.taxonomy };
    const previous = this.#connector;
    const sameJourney = !!built && !!previous && !!parcours && built.id === this.parcours;
    if (sameJourney && sameParcours(previous.parcours, parcours)) {
      this.#builtFor = { feed, id: this.parcours };
      previous.setData(data); // a revalidated feed: same journey, new records, the person stays where they are
      return;
    }
    // The same journey in a new version keeps the answers it can still read (the others are reported).
    const initialAnswers = sameJourney ? previous.getState().answers : undefined;
    this.#dropConnector();
    this.#builtFor = { feed, id: this.parcours };
    if (!parcours) return;
    let connector: OrientationConnector;
    try {
      connector = createLazyOrientation(parcours, initialAnswers ? { ...data, initialAnswers } : data);
    } catch (error) {
      console.error('[essaim] <ess-orientation>: invalid parcours', error);
      return;
    }
    this.#connector = connector;
    if (!this.store.orientation.get()) this.store.orientation.set({ connector }); // the page's store shares it
    this.#readUrl();
    this.#onState(connector.getState());
    this.#off = connector.subscribe((s) => this.#onState(s));
  }

  /** With `sync-url`, once: the answers of the page URL. */
  #readUrl(): void {
    if (!this.syncUrl || this.#urlRead || !this.#connector) return;
    this.#urlRead = true;
    const text = decodeOrientationUrl(readUrlState(location.search, URL_NAMESPACES.orientation));
    if (text) this.#connector.parseAnswers(text);
  }

  #dropConnector(): void {
    const shared = this.store?.orientation;
    if (this.#connector && shared?.get()?.connector === this.#connector) shared.set(undefined);
    this.#off?.();
    this.#off = undefined;
    this.#connector = undefined;
    this.#builtFor = undefined;
    this.journey = undefined;
  }

  #onState(s: OrientationState): void {
    this.journey = s;
    const key = s.step ? `q:${s.step.id}` : 'results';
    if (key !== this.#stepKey) {
      this.#stepKey = key;
      this.invalid = false;
      this.shown = PAGE;
      this.#resetDraft(s);
    }
    if (s.errors.some((e) => e.code === 'required')) this.invalid = true;
    if (s.done) this.#loadParts(); // e.g. a shared link that answers everything
    if (this.syncUrl) this.#writeUrl();
  }

  /** The selection shown on a question: its current answer. */
  #resetDraft(s: OrientationState): void {
    const step = s.step;
    const value = step ? s.answers[step.id] : undefined;
    this.draft = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
    if (step?.kind === 'place') {
      if (this.placeStep) this.placeStep.reset(s.place);
      else this.#loadParts(); // a journey that starts with its place step, or a shared link
    }
  }

  /** Loads the results view and the place step (once); the element re-renders when they are there. */
  #loadParts(): void {
    void this.placePart.load();
    void this.resultsPart.load();
  }

  /** A part of the element (results, place step) could not be loaded (offline): say so, offer to retry. */
  get #viewError(): boolean {
    return this.placePart.failed || this.resultsPart.failed;
  }

  #retry(): void {
    this.#connector?.preload();
    this.#loadParts();
  }

  #writeUrl(): void {
    const connector = this.#connector;
    if (!connector) return;
    syncUrlState(URL_NAMESPACES.orientation, encodeOrientationUrl(connector.serializeAnswers()));
  }

  // --- Actions (user only) ----------------------------------------------------------------------------

  #continue(e?: Event): void {
    e?.preventDefault();
    const connector = this.#connector;
    const step = this.journey?.step;
    if (!connector || !step) return;
    let value: AnswerValue;
    if (step.kind === 'place') value = this.placeStep?.draft ?? null;
    else if (step.kind === 'multiple') value = this.draft.length ? [...this.draft] : null;
    else value = this.draft[0] ?? null;
    if (value === null && (step.required || (step.kind === 'place' && this.placeStep?.typed))) {
      // A required question, or a place typed but not chosen: say so, move nothing.
      this.invalid = true;
      this.#focusNext = 'errors';
      return;
    }
    this.#focusNext = 'question';
    this.#loadParts(); // the person is on their way: the place step and the results will be wanted soon
    connector.answer(step.id, value);
    if (this.journey?.errors.length) this.#focusNext = 'errors';
    else if (this.journey?.done) this.#focusNext = 'results';
  }

  #skip(): void {
    const step = this.journey?.step;
    if (!this.#connector || !step) return;
    this.#focusNext = 'question';
    this.#connector.answer(step.id, null);
    if (this.journey?.done) this.#focusNext = 'results';
  }

  #back(): void {
    this.#focusNext = 'question';
    this.#connector?.back();
  }

  #restart(): void {
    this.#focusNext = 'question';
    this.selectedId = undefined;
    this.#connector?.restart();
  }

  #goTo(stepId: string): void {
    this.#focusNext = 'question';
    this.#connector?.goTo(stepId);
  }

  #alternative(answers: Readonly<Record<string, string | readonly string[]>>): void {
    this.#focusNext = 'results';
    this.#connector?.setAnswers(answers as Record<string, AnswerValue>);
    if (!this.journey?.done) this.#focusNext = 'question';
  }

  #choose(step: ParcoursStep, optionId: string, checked: boolean): void {
    if (step.kind === 'multiple')
      this.draft = checked
        ? [...this.draft.filter((id) => id !== optionId), optionId]
        : this.draft.filter((id) => id !== optionId);
    else this.draft = [optionId];
    if (this.draft.length) this.invalid = false;
  }

  #show(result: OrientationResult): void {
    const id = result.structure.id;
    this.selectedId = id;
    this.store?.select(id);
    this.emit('ess-select', { id });
  }

  #print(): void {
    this.#openAllDetails();
    window.print();
  }

  #openAllDetails(): void {
    for (const d of this.renderRoot.querySelectorAll('details')) d.open = true;
  }

  // --- Rendering ------------------------------------------------------------------------------------

  /** A text of the feed (question, option, help) in the page's language, French typography applied. */
  #t(text: Text | undefined): string {
    if (!text) return '';
    const lang = this.l10n.lang;
    const en = lang === 'en' ? text.en : undefined;
    return en ?? typeset(text.fr, 'fr');
  }

  override render(): TemplateResult {
    const level = Math.min(5, Math.max(2, Math.floor(this.headingLevel) || 2));
    const feed = this.feedState.feed;
    const parcours = this.#connector?.parcours;
    const title = this.heading || (parcours ? this.#t(parcours.title) : this.tr(M, 'title'));
    let body: unknown = nothing;
    // A failed parcours or structures part is named in the status notice, never as "no parcours".
    if (this.feedUsable && feed) {
      if (!parcours)
        body = html`<p class="notice error" part="error" role="alert">
          ${this.parcours && feed.parcours?.length ? this.tr(M, 'unknownParcours', this.parcours) : this.tr(M, 'noParcours')}
        </p>`;
      else if (this.journey?.step)
        body = renderQuestion(this.#questionHost(), this.journey, this.journey.step, level + 1);
      else if (this.journey?.done) body = this.#renderResults(this.journey, level + 1);
    }
    return html`<section part="base" class="base" aria-labelledby="title">
      ${heading(level, title, { id: 'title', part: 'heading' })} ${this.renderFeedStatus()} ${body}
      ${this.announcer.render()}
    </section>`;
  }

  #questionHost(): QuestionHost {
    return {
      t: (key, ...args) => this.tr(M, key, ...args),
      text: (text) => this.#t(text),
      invalid: this.invalid,
      draft: this.draft,
      placeStep: this.placeStep,
      placeFailed: this.#viewError,
      retry: () => this.#renderRetry(),
      focus: (selector) => this.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
      continue: (e) => this.#continue(e),
      skip: () => this.#skip(),
      back: () => this.#back(),
      restart: () => this.#restart(),
      choose: (step, optionId, checked) => this.#choose(step, optionId, checked),
    };
  }

  /** Where a result can be shown: the directory and the map of the page's store. */
  #showIn(): ResultsContext['showIn'] {
    const directory = !!this.store?.views.has('directory');
    const map = !!this.store?.views.has('map');
    return directory && map ? 'both' : directory ? 'directory' : map ? 'map' : undefined;
  }

  #renderRetry(): TemplateResult {
    return html`<p class="notice error" part="error" role="alert">
      ${this.tr(M, 'loadError')}
      <button type="button" class="retry" @click=${this.#retry}>${this.tr(M, 'retry')}</button>
    </p>`;
  }

  #resultsContext(level: number): ResultsContext {
    return {
      lang: this.l10n.lang,
      level,
      steps: new Map((this.#connector?.parcours.steps ?? []).map((x) => [x.id, x])),
      shown: this.shown,
      page: PAGE,
      selectedId: this.selectedId,
      showIn: this.#showIn(),
      distance: (km) => this.l10n.distance(km),
      more: () => {
        this.shown += PAGE;
      },
      goTo: (id) => this.#goTo(id),
      alternative: (answers) => this.#alternative(answers),
      show: (item) => this.#show(item),
      links: this.store?.links(),
      inAgenda: !!this.store?.agenda.get()?.openEvent,
      openEvent: (event) =>
        void this.resultsPart.value
          ?.openEvent(this.store, event, this.l10n.lang)
          .then((note) => note && this.announcer.say(note)),
      print: () => this.#print(),
      back: () => this.#back(),
      restart: () => this.#restart(),
    };
  }

  #renderResults(s: OrientationState, level: number): TemplateResult {
    const view = this.resultsPart.value;
    let body: unknown;
    if (view && s.results) {
      // The results' next events: the links are computed once per feed, when the first results show.
      const store = this.store;
      if (store && !store.links())
        void store.loadLinks().then(
          (links) => links && this.requestUpdate(),
          () => {},
        );
      body = view.renderResults(s, s.results, this.#resultsContext(level + 1));
    } else if (this.#viewError || s.errors.some((e) => e.code === 'unavailable'))
      body = html`${this.#renderRetry()}
        <div class="actions" part="actions">
          <button type="button" class="back" @click=${this.#back}>${this.tr(M, 'back')}</button>
        </div>`;
    else body = html`<p class="notice" part="loading" role="status">${this.tr(M, 'resultsLoading')}</p>`;
    return html`<div class="results" part="results">
      ${heading(level, this.tr(M, 'results'), { id: 'results-heading', focusable: true })}
      ${renderTerritoryProfile(s, this.territoireFor, level + 1, this.feed)} ${body}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ess-orientation': EssOrientation;
  }
}

/**
 * The base of every Essaim element: it finds the page's feed store (from an enclosing `<ess-feed>`
 * through @lit/context, or its own from the `feed` attribute), follows the store's state, knows its
 * language, and renders the states every widget shares (loading, error, stale data) the same way.
 * Components render SDK state and translate DOM events into SDK actions; they hold no query logic.
 */
import { consume } from '@lit/context';
import { isServer, LitElement, type nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createFeedStore, type FeedStore, type FeedStoreState, type PartName } from '@essaim/sdk';
import { type Args, type Dictionaries, type Messages, translate } from '../i18n/dictionary.ts';
import { adoptLowercaseAttributes } from './attributes.ts';
import { ensureContextRoot, storeContext } from './context.ts';
import { DEFAULT_FEED } from './default-feed.ts';
import { feedStatus, reportFeed } from './feed-status.ts';
import { LocalizeController } from './localize.ts';

type FeedPartName = PartName | 'taxonomy';
import { baseStyles } from './styles.ts';
import type {} from '../events/events.ts';

/**
 * Fires a widget event (bubbling, composed; cancelable only when asked). Outside the class so that the
 * manifest analyzer does not list a bogus event named after the parameter: each element documents its
 * events with @fires.
 */
function dispatch(target: EventTarget, type: string, detail: unknown, cancelable: boolean): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** `E`: the element's events (name → detail), from `events/events.ts`. */
export abstract class EssElement<E extends object = Record<never, never>> extends LitElement {
  static override styles = [baseStyles];

  /**
   * URL of the feed manifest, for an element used alone. Inside an `<ess-feed>`, the element uses the
   * page's shared feed and this attribute is ignored. Without either, the one-script-tag build shows the
   * embedded default feed it ships.
   */
  @property({ reflect: true }) feed?: string;

  constructor() {
    super();
    // Server rendering (Lit SSR, in Node): no page, no children, no feed. The element renders its first
    // state only, the loading notice; what reads the page (the element's children, the document, the
    // URL) and binds the feed runs in the browser, where hydration updates it as usual.
    if (isServer) this.willUpdate = () => {};
  }

  /** The store of the enclosing `<ess-feed>`, when there is one. */
  @consume({ context: storeContext, subscribe: true })
  @state()
  protected contextStore?: FeedStore;

  /** The feed state (loading, ready, error, stale), re-rendered on each change. */
  @state() protected feedState: FeedStoreState = { status: 'idle', stale: false };

  protected readonly l10n = new LocalizeController(this);

  #ownStore: FeedStore | undefined;
  #ownStoreUrl: string | undefined;
  #bound: FeedStore | undefined;
  #cleanups: Array<() => void> = [];

  /** The store the element renders: the page's, or its own. */
  get store(): FeedStore | undefined {
    return this.#bound;
  }

  override connectedCallback(): void {
    ensureContextRoot();
    if (!this.hasUpdated) adoptLowercaseAttributes(this); // server-rendered by React: pagesize="10"
    super.connectedCallback();
    if (this.hasUpdated && !this.#bound) this.requestUpdate(); // moved in the page: bind again
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unbind();
    this.#ownStore?.dispose();
    this.#ownStore = undefined;
    this.#ownStoreUrl = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A pending update may run after disconnection: never bind (subscribe) while disconnected.
    if (!this.isConnected) return;
    if (changed.has('contextStore' as keyof EssElement) || changed.has('feed') || !this.#bound)
      this.#rebind();
  }

  #rebind(): void {
    let next = this.contextStore;
    const feed = this.feed ?? DEFAULT_FEED;
    if (!next && feed) {
      if (this.#ownStoreUrl !== feed) {
        this.#ownStore?.dispose();
        this.#ownStore = createFeedStore({
          feed: new URL(feed, document.baseURI).href,
          searchOnDemand: true,
          autoRetry: true,
        });
        this.#ownStoreUrl = feed;
      }
      next = this.#ownStore;
    }
    if (next === this.#bound) return;
    this.#unbind();
    this.#bound = next;
    if (!next) return;
    this.feedState = next.getState();
    // An element with its own store tells the page what its feed rejected (an <ess-feed> does it for its children).
    const own = next === this.#ownStore;
    this.#cleanups.push(
      next.subscribe((s) => {
        this.feedState = s;
        if (own) reportFeed(this, s);
      }),
    );
    const cleanup = this.bindStore(next);
    if (cleanup) this.#cleanups.push(cleanup);
    void next.load();
  }

  #unbind(): void {
    for (const c of this.#cleanups.splice(0)) c();
    this.#bound = undefined;
  }

  /**
   * Called when the element gets a store: subscribe to what the element renders (the search connector,
   * the agenda…) and return the cleanup.
   */
  protected bindStore(_store: FeedStore): (() => void) | undefined {
    return undefined;
  }

  /** Translates a key of the element's own dictionary. */
  protected tr<T extends Messages, K extends keyof T>(
    dicts: Dictionaries<T>,
    key: K,
    ...args: Args<T[K]>
  ): string {
    return translate(dicts, this.l10n.lang, key, ...args);
  }

  /**
   * Fires one of the element's events (user actions only, never programmatic changes). `cancelable`
   * only where `preventDefault()` has an effect, which the caller then honours (the return is false).
   */
  protected emit<K extends keyof E & string>(type: K, detail: E[K], cancelable = false): boolean {
    return dispatch(this, type, detail, cancelable);
  }

  /**
   * The parts of the feed the element shows: their failures are its failures (named, never shown as an
   * empty result) and their rejected records are counted in its notice.
   */
  protected get feedParts(): readonly FeedPartName[] {
    return ['structures'];
  }

  /** The feed is there and the parts the element needs loaded (from the server or a good copy). */
  protected get feedUsable(): boolean {
    const s = this.feedState;
    const parts = this.feedParts;
    return s.status === 'ready' && !s.result?.partErrors.some((e) => parts.includes(e.part));
  }

  /**
   * The states every widget shares: no feed configured, loading, failure (with retry), stale data,
   * rejected records. Returns `nothing` when the feed is ready, fresh and whole.
   */
  protected renderFeedStatus(): TemplateResult | typeof nothing {
    return feedStatus(this, this.store, this.feedState, this.feedParts, this.l10n.lang);
  }
}

import { provide } from '@lit/context';
import { css, html, isServer, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { COG_PATTERNS, createFeedStore, type FeedStore } from '@essaim/sdk';
import { adoptLowercaseAttributes, parseList } from '../internal/attributes.ts';
import { ensureContextRoot, storeContext } from '../internal/context.ts';
import { DEFAULT_FEED } from '../internal/default-feed.ts';
import { reportFeed } from '../internal/feed-status.ts';

/**
 * @tagname ess-feed
 * @summary Loads one feed and shares it, with one query state, with every Essaim element inside it.
 *
 * @fires ess-feed-report - Once per load of the feed: what was loaded and what was left out
 * (`detail.report`: the validation report with every rejected record and why; `detail.partErrors`,
 * `detail.staleParts`: the parts that failed or are shown from an old copy). Not a user action: for
 * the site's webmaster (the same is written to the console when something was left out).
 *
 * @slot - The widgets that share the feed (`<ess-directory>`, `<ess-map>`, `<ess-agenda>`…) and any
 * other content of the page.
 *
 * @example
 * <ess-feed src="https://example.org/essaim/manifest.json">
 *   <ess-directory></ess-directory>
 *   <ess-map></ess-map>
 * </ess-feed>
 */
export class EssFeed extends LitElement {
  static override styles = css`
    @layer essaim {
      :host {
        display: contents;
      }
      /* The slotted elements inherit through this slot: pass on what the page gives <ess-feed> (its
         parent's box-sizing under a page's *{box-sizing:inherit}, as DSFR has), not content-box. */
      slot {
        box-sizing: inherit;
      }
    }
  `;

  /**
   * URL of the feed manifest (relative URLs resolve against the page). Without it, the one-script-tag
   * build uses the embedded default feed it ships.
   */
  @property({ reflect: true }) src?: string;

  /**
   * Only the shards of these départements (COG codes separated by spaces, commas or semicolons, e.g. "75 93"), for sharded feeds:
   * a widget scoped to a territory downloads only its shards.
   */
  @property({ attribute: 'shard-departements' }) shardDepartements?: string;

  /** The shared store (set it directly to share a store you created, e.g. from another framework). */
  @provide({ context: storeContext })
  @property({ attribute: false })
  store?: FeedStore;

  #owned = false;
  #watched: FeedStore | undefined;
  #unwatch: (() => void) | undefined;

  override connectedCallback(): void {
    ensureContextRoot();
    if (!this.hasUpdated) adoptLowercaseAttributes(this); // server-rendered by React: sharddepartements
    super.connectedCallback();
    if (this.hasUpdated) this.#watch(); // moved in the page
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return; // server rendering: no page, no feed (the browser binds it on hydration)
    const src = this.src ?? DEFAULT_FEED;
    const first = !this.#owned && !this.store;
    if (
      (first || changed.has('src') || changed.has('shardDepartements')) &&
      src &&
      (this.#owned || !this.store)
    ) {
      if (this.#owned) this.store?.dispose();
      const departements = parseList(this, 'shard-departements', this.shardDepartements, (v) =>
        COG_PATTERNS.departement.test(v),
      );
      this.store = createFeedStore({
        feed: new URL(src, document.baseURI).href,
        clientOptions: departements?.length ? { scope: { departements } } : {},
        // The search engine loads only if a directory or a map uses it (an agenda or orientation does not).
        searchOnDemand: true,
        // After a failure, retry with backoff while the page is open (and on `online`, visibility).
        autoRetry: true,
      });
      this.#owned = true;
      void this.store.load();
    }
    this.#watch();
  }

  /** Reports each load of the store (its own or one given) to the page. */
  #watch(): void {
    if (this.#watched === this.store) return;
    this.#unwatch?.();
    this.#watched = this.store;
    const store = this.store;
    this.#unwatch = store?.subscribe((s) => reportFeed(this, s));
    if (store) reportFeed(this, store.getState());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#watched = undefined;
    if (this.#owned) {
      this.store?.dispose();
      this.store = undefined;
      this.#owned = false;
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ess-feed': EssFeed;
  }
}

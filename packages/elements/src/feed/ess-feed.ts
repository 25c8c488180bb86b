import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createFeedStore, type FeedStore } from '@essaim/sdk';
import { ensureContextRoot, storeContext } from '../internal/context.ts';
import { DEFAULT_FEED } from '../internal/default-feed.ts';

/**
 * @tagname ess-feed
 * @summary Loads one feed and shares it, with one query state, with every Essaim element inside it.
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
   * Only the shards of these départements (space-separated COG codes, e.g. "75 93"), for sharded feeds:
   * a widget scoped to a territory downloads only its shards.
   */
  @property({ attribute: 'shard-departements' }) shardDepartements?: string;

  /** The shared store (set it directly to share a store you created, e.g. from another framework). */
  @provide({ context: storeContext })
  @property({ attribute: false })
  store?: FeedStore;

  #owned = false;

  override connectedCallback(): void {
    ensureContextRoot();
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const src = this.src ?? DEFAULT_FEED;
    const first = !this.#owned && !this.store;
    if (
      (first || changed.has('src') || changed.has('shardDepartements')) &&
      src &&
      (this.#owned || !this.store)
    ) {
      if (this.#owned) this.store?.dispose();
      const departements = this.shardDepartements?.split(/[\s,]+/).filter(Boolean);
      this.store = createFeedStore({
        feed: new URL(src, document.baseURI).href,
        clientOptions: departements?.length ? { scope: { departements } } : {},
        // The search engine loads only if a directory or a map uses it (an agenda or orientation does not).
        searchOnDemand: true,
      });
      this.#owned = true;
      void this.store.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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

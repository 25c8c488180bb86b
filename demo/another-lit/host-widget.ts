/**
 * A widget of the host site built with its own, older Lit (2.8, aliased `lit2` in our dev dependencies):
 * the page demo/another-lit.html puts it beside Essaim's elements (Lit 3, bundled in essaim.js) to check
 * that two Lit versions live on one page. scripts/check-cdn.mjs builds and opens it.
 */
import { css, html, LitElement } from 'lit2';

class HostWidget extends LitElement {
  static override properties = { clicks: { type: Number } };
  static override styles = css`
    button {
      font: inherit;
    }
  `;
  declare clicks: number;

  constructor() {
    super();
    this.clicks = 0; // not a class field: it would shadow Lit's reactive accessor
  }

  override render() {
    return html`<p>Widget du site hôte (Lit 2)</p>
      <button type="button" @click=${() => this.clicks++}>Cliqué ${this.clicks} fois</button>`;
  }
}
customElements.define('host-widget', HostWidget);

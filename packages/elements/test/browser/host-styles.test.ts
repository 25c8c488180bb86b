/**
 * Host styles cannot reach inside (issue 13): under a careless page theme (`* { color: red !important;
 * text-transform: uppercase; letter-spacing: 3px … }`, `html { font-size: 62.5% }`), every element of
 * the four widgets that holds text has the same computed text styles as without it: only the
 * documented tokens and parts cross the shadow boundary. On the real embedded feed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-orientation.ts';
import '../../src/define/ess-map.ts';
import { realFeed } from './helpers.ts';

const HOSTILE = `
  html { font-size: 62.5%; }
  * {
    color: red !important;
    text-transform: uppercase;
    letter-spacing: 3px;
    word-spacing: 7px;
    white-space: nowrap;
    font-style: italic;
    font-weight: 900;
    line-height: 3;
    text-align: right;
    text-indent: 20px;
    text-shadow: 1px 1px red;
    font-variant: small-caps;
  }
`;
const PROPS = [
  'color',
  'font-size',
  'text-transform',
  'letter-spacing',
  'word-spacing',
  'white-space',
  'font-style',
  'font-weight',
  'line-height',
  'text-align',
  'text-indent',
  'text-shadow',
  'font-variant-caps',
] as const;

/** Every element of the shadow roots under `root` with a text node of its own, with its text styles. */
function textStyles(root: Element): string[] {
  const out: string[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || !(el.getRootNode() instanceof ShadowRoot)) continue;
      const style = getComputedStyle(el);
      out.push(
        `${el.localName}.${el.className}: ${PROPS.map((p) => `${p}=${style.getPropertyValue(p)}`).join('; ')}`,
      );
    }
  };
  walk(root);
  return out;
}

describe('host styles cannot reach inside the widgets (issue 13)', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('a hostile page theme changes no text style inside any widget', async () => {
    const store = await realFeed();
    const page = await fixture<HTMLElement>(html`<div>
      <ess-feed .store=${store}>
        <ess-directory></ess-directory>
        <ess-agenda></ess-agenda>
        <ess-orientation></ess-orientation>
        <ess-map></ess-map>
      </ess-feed>
    </div>`);
    // Every widget has drawn its content (cards, events, the first question, the map's list).
    await waitUntil(() => textStyles(page).length > 150, 'widgets drawn', { timeout: 30000 });
    let count = 0;
    await waitUntil(
      async () => {
        const n = textStyles(page).length;
        const stable = n === count;
        count = n;
        await new Promise((r) => setTimeout(r, 500));
        return stable;
      },
      'widgets settled',
      { timeout: 30000, interval: 50 },
    );
    const before = textStyles(page);
    const style = document.createElement('style');
    style.textContent = HOSTILE;
    document.head.append(style);
    try {
      const after = textStyles(page);
      expect(after.length).to.equal(before.length);
      const changed = after.filter((s, i) => s !== before[i]);
      expect(changed, `${changed.length} of ${after.length} text elements changed`).to.deep.equal([]);
      // The hostile rule does reach the host element itself (page styles apply to it).
      expect(getComputedStyle(page.querySelector('ess-directory')!).color).to.equal('rgb(255, 0, 0)');
    } finally {
      style.remove();
    }
  });
});

/**
 * The shared controllers of `internal/` that the directory, the orientation and the agenda use: a lazily
 * loaded part whose load fails (offline) is reported as `failed`, loads on retry and adopts its styles
 * once; the debounced text query runs only the last text; the announcer says only the last text.
 * The host element below is a test fixture, not a component of the library.
 */
import { expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import { css, html, LitElement } from 'lit';
import { Announcer, LazyPart } from '../../src/internal/controllers.ts';
import { TextQuery } from '../../src/internal/text-query.ts';

const partStyles = css`
  .from-part {
    outline-style: dashed;
  }
`;
let attempts = 0;
let failNext = true;
const applied: string[] = [];

class LazyPartFixture extends LitElement {
  readonly lazy = new LazyPart(this, async () => {
    attempts++;
    if (failNext) throw new TypeError('Failed to fetch (fixture)');
    return { styles: partStyles, label: 'loaded' };
  });
  readonly query = new TextQuery(this, {
    delay: 20,
    current: () => applied.at(-1),
    apply: (text) => applied.push(text.trim()),
  });
  readonly announcer = new Announcer(this);
  override render() {
    return html`<p class="from-part">${this.lazy.value?.label ?? (this.lazy.failed ? 'failed' : 'waiting')}</p>
      <input @input=${this.query.onInput} .value=${this.query.text} />${this.announcer.render()}`;
  }
}
customElements.define('lazy-part-fixture', LazyPartFixture);

describe('internal controllers: LazyPart, TextQuery, Announcer', () => {
  it('reports a failed load, loads on retry and adopts the part’s styles once', async () => {
    const el = await fixture<LazyPartFixture>(testHtml`<lazy-part-fixture></lazy-part-fixture>`);
    const consoleError = console.error;
    console.error = () => {};
    try {
      expect(await el.lazy.load()).to.equal(undefined);
    } finally {
      console.error = consoleError;
    }
    await el.updateComplete;
    expect(el.lazy.failed).to.equal(true);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('failed');
    failNext = false;
    const m = await el.lazy.load();
    expect(m?.label).to.equal('loaded');
    await el.lazy.load();
    expect(attempts).to.equal(2);
    await el.updateComplete;
    expect(el.lazy.failed).to.equal(false);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('loaded');
    const sheets = el.shadowRoot!.adoptedStyleSheets.filter((s) => s === partStyles.styleSheet);
    expect(sheets).to.have.length(1);
    expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).outlineStyle).to.equal('dashed');
  });

  it('runs only the last text typed, and announces only the last text', async () => {
    const el = await fixture<LazyPartFixture>(testHtml`<lazy-part-fixture></lazy-part-fixture>`);
    const input = el.shadowRoot!.querySelector('input')!;
    for (const value of ['j', 'ja', 'jar ']) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    expect(el.query.pending).to.equal(true);
    el.query.follow('something else'); // the state's text does not overwrite a text being typed
    expect(el.query.text).to.equal('jar ');
    await waitUntil(() => !el.query.pending);
    expect(applied).to.deep.equal(['jar']);
    el.announcer.later(() => 'first', 10);
    el.announcer.later(() => 'second', 10);
    await waitUntil(() => el.announcer.text !== '');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('second');
  });
});

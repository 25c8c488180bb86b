import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { EssDirectory } from '../../src/directory/ess-directory.ts';
import { startAutoloader } from '../../src/internal/autoloader.ts';
import { define } from '../../src/internal/define.ts';
import { REAL_FEED } from './helpers.ts';

describe('one script tag: the autoloader', function (this: Mocha.Suite) {
  this.timeout(30000);

  it('loads only the tags present, now and later, each once', async () => {
    const calls: string[] = [];
    const loaders = {
      'ess-t-one': async () => void calls.push('one'),
      'ess-t-two': async () => void calls.push('two'),
      'ess-t-three': async () => void calls.push('three'),
    };
    const root = await fixture<HTMLElement>(html`<div><ess-t-one></ess-t-one><ess-t-one></ess-t-one></div>`);
    const stop = startAutoloader({ loaders, root });
    expect(calls).to.deep.equal(['one']);
    root.append(document.createElement('ess-t-two'));
    await waitUntil(() => calls.includes('two'));
    expect(calls).to.deep.equal(['one', 'two']);
    stop();
  });

  it('loads a lazy tag (the map) only when it nears the viewport', async () => {
    const calls: string[] = [];
    const root = await fixture<HTMLElement>(
      html`<div><div style="height: 5000px"></div><ess-t-lazy style="display:block;height:10px"></ess-t-lazy></div>`,
    );
    const stop = startAutoloader({
      loaders: { 'ess-t-lazy': async () => void calls.push('lazy') },
      lazy: ['ess-t-lazy'],
      root,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(calls, 'not while far below the viewport').to.deep.equal([]);
    root.querySelector('ess-t-lazy')!.scrollIntoView();
    await waitUntil(() => calls.length === 1, 'loaded when near');
    window.scrollTo(0, 0);
    stop();
  });

  it('survives double inclusion: the autoloader twice, define twice, a second copy of a define module', async () => {
    await import('../../src/essaim.ts');
    await import('../../src/essaim.ts?copy=2' as string);
    await import('../../src/define/ess-directory.ts?copy=3' as string);
    expect(() => define('ess-directory', class extends EssDirectory {})).to.not.throw();
    const page = await fixture<HTMLElement>(
      html`<div><ess-feed src=${REAL_FEED}><ess-directory departements="75"></ess-directory></ess-feed></div>`,
    );
    await waitUntil(() => customElements.get('ess-directory') && customElements.get('ess-feed'), 'defined');
    const dir = page.querySelector('ess-directory')!;
    await waitUntil(() => dir.shadowRoot?.querySelectorAll('.card-button').length === 20, 'works', {
      timeout: 20000,
    });
    expect(customElements.get('ess-directory')).to.equal(EssDirectory);
  });
});

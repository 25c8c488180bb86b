/**
 * Server rendering (Node, no DOM): every element rendered by Lit SSR (`@lit-labs/ssr`, with its DOM shim)
 * without throwing, into a declarative shadow root that shows the element's loading state — never a
 * "no feed" error, which the server cannot know. And `essaim.js` (the autoloader) imported in Node does
 * nothing.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { expect } from 'chai';
import { html } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';

const TAGS = ['ess-feed', 'ess-directory', 'ess-map', 'ess-agenda', 'ess-orientation', 'ess-territoire'];

describe('server rendering (Lit SSR)', () => {
  before(async () => {
    // After @lit-labs/ssr has installed its DOM shim (customElements, HTMLElement), as in a server.
    for (const tag of TAGS) await import(`../src/define/${tag}.ts`);
  });

  for (const tag of TAGS) {
    it(`<${tag}> renders its shadow root and its loading state`, async () => {
      const t = unsafeStatic(tag);
      // <ess-territoire> needs a territory (without one it rightly says so, server-side too).
      const territory = unsafeStatic(tag === 'ess-territoire' ? ' departements="93"' : '');
      const out = await collectResult(
        render(staticHtml`<${t} feed="https://example.org/feed/manifest.json" lang="fr"${territory}></${t}>`),
      );
      expect(out, tag).to.match(new RegExp(`<${tag}[^>]*>\\s*<template shadowroot(mode)?="open"`));
      if (tag === 'ess-feed') return; // a container: its children render, it shows nothing of its own
      expect(out, tag).to.include('part="loading"');
      expect(out, tag).not.to.include('part="error"');
    });
  }

  it('inside <ess-feed>, the children render their loading state too', async () => {
    const out = await collectResult(
      render(html`<ess-feed src="https://example.org/feed/manifest.json"
        ><ess-directory page-size="5"></ess-directory><ess-agenda></ess-agenda
      ></ess-feed>`),
    );
    expect(out.match(/part="loading"/g)?.length).to.equal(2);
    expect(out).not.to.include('part="error"');
  });

  it('essaim.js (the autoloader) imported in Node is a no-op', async () => {
    const before = Object.keys(globalThis).length;
    await import('../src/essaim.ts');
    expect(Object.keys(globalThis).length).to.equal(before);
  });
});

import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import { renderDetail } from '../../src/directory/parts/detail.ts';
import type { Structure } from '../../src/directory/types.ts';
import { LocalizeController } from '../../src/internal/localize.ts';
import { safeHref } from '../../src/internal/safe-url.ts';
import { $, $$, assertInert, cards, inlineStore, shadow, structure } from './helpers.ts';

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const hostile = (id: string) =>
  structure(id, `${XSS} Structure ${id}`, {
    description: `<svg onload="window.__pwned=3"></svg><a href="javascript:window.__pwned=4">clic</a>`,
    keywords: ['<iframe src="javascript:window.__pwned=5">'],
    networks: ['" onmouseover="window.__pwned=6'],
    address: {
      street: '<b onclick="window.__pwned=7">rue</b>',
      commune: '<script>window.__pwned=8</script>',
      postcode: '93100',
    },
    openingHours: '<script>window.__pwned=9</script>',
    openingHoursText: '<img src=x onerror="window.__pwned=10">',
    contacts: { website: 'https://example.org/?q="><script>window.__pwned=11</script>' },
    provenance: [
      {
        source: 'test',
        name: `${XSS} source`,
        localId: id,
        url: 'https://example.org/"><img src=x onerror="window.__pwned=12">',
        editUrl: 'https://example.org/edit?x=" onclick="window.__pwned=13',
      },
    ],
  });

describe('hostile feed content renders inert', function (this: Mocha.Suite) {
  this.timeout(20000);
  let store: FeedStore;
  before(async () => {
    store = await inlineStore([hostile('a'), hostile('b'), structure('c', 'Sain')], {
      reportErrorUrl: 'https://example.org/report?name={name}&url={url}',
    });
  });

  it('safeHref keeps only http(s), mailto and tel', () => {
    expect(safeHref('javascript:alert(1)')).to.equal(undefined);
    expect(safeHref(' JaVaScRiPt:alert(1)', ['http', 'mailto', 'tel'])).to.equal(undefined);
    expect(safeHref('java\u0000script:alert(1)', ['http', 'mailto', 'tel'])).to.equal(undefined);
    expect(safeHref('data:text/html,<script>alert(1)</script>', ['http', 'mailto', 'tel'])).to.equal(
      undefined,
    );
    expect(safeHref('vbscript:msgbox', ['http', 'mailto', 'tel'])).to.equal(undefined);
    expect(safeHref('//evil.example/x')).to.equal(undefined);
    expect(safeHref('/relative')).to.equal(undefined);
    expect(safeHref('https://example.org/a b')).to.equal('https://example.org/a%20b');
    expect(safeHref('mailto:contact@example.org')).to.equal(undefined); // http only by default
    expect(safeHref('contact@example.org', ['mailto'])).to.equal('mailto:contact@example.org');
    expect(safeHref('javascript:alert(1)//@example.org', ['mailto'])).to.equal(undefined);
    expect(safeHref('+33 (0)1 23-45.67.89', ['tel'])).to.equal('tel:+330123456789');
    expect(safeHref('tel:javascript:alert(1)', ['tel'])).to.equal(undefined);
  });

  it('cards, facets and the detail view of hostile records contain no markup, handler or script URL', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory jsonld></ess-directory></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-directory')!;
    const list = await cards(el, 1);
    assertInert(shadow(el));
    const names = list.map((b) => b.textContent!.trim());
    expect(names.some((n) => n.includes('<img src=x onerror='))).to.equal(true); // shown as text
    for (const b of list) {
      b.click();
      await waitUntil(() => $(el, '#detail-heading'));
      await new Promise((r) => setTimeout(r, 300)); // the detail's late parts too
      assertInert(shadow(el));
      $<HTMLButtonElement>(el, '.back')!.click();
      await waitUntil(() => $$(el, '.card-button').length);
    }
    // JSON-LD: one inert script of data, nothing else in the light DOM.
    await waitUntil(() => el.querySelector('script[type="application/ld+json"]'));
    const ld = el.querySelector('script[type="application/ld+json"]')!;
    expect(ld.textContent).to.not.contain('<');
    expect(JSON.parse(ld.textContent!).itemListElement[0].item.name).to.contain('<img');
    expect(el.querySelectorAll('*').length).to.equal(1);
  });

  it('the detail renderer is inert even on unvalidated records', async () => {
    const raw = hostile('z') as unknown as Structure;
    (raw as unknown as { contacts: Record<string, string> }).contacts = {
      website: 'javascript:window.__pwned=20',
      email: 'javascript:alert(1)//@example.org',
      phone: 'javascript:alert(1)',
    };
    raw.provenance[0]!.editUrl = 'javascript:window.__pwned=21';
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    try {
      const l10n = new LocalizeController({ addController() {}, requestUpdate() {} } as never);
      render(
        renderDetail(raw, {
          lang: 'fr',
          l10n,
          label: (_n, v) => v,
          reportErrorUrl: 'javascript:window.__pwned={id}',
          heading: (c) => html`<h3 id="detail-heading">${c}</h3>`,
          subheading: (c) => html`<h4>${c}</h4>`,
          hours: {
            status: 'open',
            week: [{ day: '<b onclick=x>lundi</b>', ranges: ['<script>x</script>'] }],
          },
        }),
        root,
      );
      assertInert(root);
      expect(root.textContent).to.contain('<script>window.__pwned=8</script>');
      expect(root.querySelector('a.report')).to.equal(null); // javascript: template and editUrl refused
    } finally {
      host.remove();
    }
  });
});

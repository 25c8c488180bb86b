/**
 * The feed worker on a page that enforces Trusted Types (`require-trusted-types-for 'script'`) and whose
 * policy refuses the worker's script URL: the store loads the feed on the page, said once with
 * `console.info`, and shows the same feed.
 */
import { expect } from 'chai';
import { captureInfo, loadedStore, summary } from './worker-helpers.ts';

describe('feed worker refused by Trusted Types', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('loads on the page, said once to developers', async () => {
    const tt = (globalThis as unknown as { trustedTypes: { createPolicy(n: string, p: object): unknown } })
      .trustedTypes;
    // The test runner writes HTML and loads scripts: let those through, refuse the feed worker.
    tt.createPolicy('default', {
      createHTML: (s: string) => s,
      createScript: (s: string) => s,
      createScriptURL: (s: string) => (s.includes('feed-worker') ? null : s),
    });
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "require-trusted-types-for 'script'";
    document.head.append(meta);
    const info = captureInfo();
    try {
      const a = await loadedStore('always');
      expect(info.calls.length, 'said once').to.equal(1);
      expect(info.calls[0]).to.match(/could not start/);
      const onPage = await loadedStore('never');
      expect(summary(a).structures?.length).to.equal(4192);
      expect(summary(a)).to.deep.equal(summary(onPage));
      a.dispose();
      onPage.dispose();
    } finally {
      info.restore();
    }
  });
});

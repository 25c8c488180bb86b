/**
 * The feed worker under a Content Security Policy that forbids workers (`worker-src 'none'`): the
 * store loads the feed on the page instead, says so once with `console.info`, and shows the same feed.
 */
import { expect } from 'chai';
import { captureInfo, loadedStore, summary } from './worker-helpers.ts';

describe('feed worker forbidden by CSP', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('loads on the page, said once to developers', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "worker-src 'none'";
    document.head.append(meta);
    const info = captureInfo();
    try {
      const a = await loadedStore('always');
      const b = await loadedStore('always');
      expect(info.calls.length, 'said once').to.equal(1);
      expect(info.calls[0]).to.match(/main thread, not in a worker/);
      const onPage = await loadedStore('never');
      expect(summary(a).structures?.length).to.equal(4192);
      expect(summary(a)).to.deep.equal(summary(onPage));
      expect(summary(b)).to.deep.equal(summary(onPage));
      for (const s of [a, b, onPage]) s.dispose();
    } finally {
      info.restore();
    }
  });
});

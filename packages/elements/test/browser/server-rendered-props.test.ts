/**
 * Properties that reach an element before it runs its first update. React's server rendering (Next.js)
 * writes a custom element's props as attributes named as the props (`pageSize={10}` →
 * `pagesize="10"`, lowercased by the HTML parser), and React 19.3 sets no property when it hydrates that
 * markup: the elements read those spellings as their kebab-case attributes. A property set on the element
 * before its definition loads (a framework that renders first) is kept through the upgrade.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect } from '@open-wc/testing';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-feed.ts';
import { EssDirectory } from '../../src/directory/ess-directory.ts';
import { EssFeed } from '../../src/feed/ess-feed.ts';
import { realFeed } from './helpers.ts';

/** Parses `markup` into the page (the elements upgrade as the parser creates them) and returns its root. */
async function parsed<T extends Element>(markup: string): Promise<T> {
  const box = document.createElement('div');
  box.innerHTML = markup;
  document.body.append(box);
  const el = box.firstElementChild as T;
  await (el as unknown as EssDirectory).updateComplete;
  return el;
}

describe('properties before the first update', () => {
  afterEach(() => {
    for (const box of document.body.querySelectorAll(':scope > div')) box.remove();
  });

  it('pagesize="10" and headinglevel="3", as React server-renders pageSize={10} and headingLevel={3}, are the properties', async () => {
    const el = await parsed<EssDirectory>('<ess-directory pagesize="10" headinglevel="3"></ess-directory>');
    expect(el.pageSize).to.equal(10);
    expect(el.headingLevel).to.equal(3);
  });

  it('the kebab-case attribute wins over the lowercased spelling', async () => {
    const el = await parsed<EssDirectory>('<ess-directory page-size="5" pagesize="10"></ess-directory>');
    expect(el.pageSize).to.equal(5);
  });

  it('<ess-feed sharddepartements="75"> is shardDepartements (as React server-renders it)', async () => {
    const el = await parsed<EssFeed>(
      '<ess-feed src="/data/feed/manifest.json" sharddepartements="75"></ess-feed>',
    );
    expect(el.shardDepartements).to.equal('75');
  });

  it('properties set before the element is defined (store, pageSize) are kept when it upgrades', async () => {
    const store: FeedStore = await realFeed();
    const feed = document.createElement('ess-feed-late') as unknown as EssFeed;
    const dir = document.createElement('ess-directory-late') as unknown as EssDirectory;
    feed.store = store;
    dir.pageSize = 10;
    const box = document.createElement('div');
    feed.append(dir);
    box.append(feed);
    document.body.append(box);
    customElements.define('ess-feed-late', class extends EssFeed {});
    customElements.define('ess-directory-late', class extends EssDirectory {});
    await feed.updateComplete;
    await dir.updateComplete;
    expect(feed.store).to.equal(store);
    expect(dir.pageSize).to.equal(10);
    expect(dir.store, 'the directory uses the feed given to <ess-feed>').to.equal(store);
  });
});

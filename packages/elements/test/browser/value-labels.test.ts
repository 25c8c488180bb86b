import { expect } from '@open-wc/testing';
import type { Feed } from '@essaim/sdk';
import { communesOf } from '../../src/directory/parts/value-labels.ts';

/** A feed of two structures (fixture, made up for this test) with their commune codes and names. */
function feed(ids: string[]): Feed {
  return {
    structures: ids.map((id) => ({ id, address: { commune: 'Montreuil', cog: { commune: '93048' } } })),
  } as unknown as Feed;
}

describe('directory: commune names of a feed', () => {
  it('reads them from the structures, once per feed', () => {
    const a = feed(['x--1', 'x--2']);
    expect(communesOf(a).get('93048')).to.equal('Montreuil');
    expect(communesOf(a)).to.equal(communesOf(a));
  });

  it('the validated feed after a preview with the same records reuses its names (one pass over a big feed, not two)', () => {
    const preview = feed(['x--1', 'x--2']);
    const validated = feed(['x--1', 'x--2']);
    expect(communesOf(validated)).to.equal(communesOf(preview));
  });

  it('a feed with other records is read again', () => {
    const one = feed(['x--1', 'x--2']);
    const other = feed(['x--1', 'x--3']);
    const names = communesOf(one);
    expect(communesOf(other)).to.not.equal(names);
    expect(communesOf(other).get('93048')).to.equal('Montreuil');
  });
});

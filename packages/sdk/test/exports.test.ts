import { expect } from 'chai';
import * as sdk from '../src/index.ts';
import { readRepoText } from './helpers/files.ts';

/** The names `src/index.ts` exports (values and types), read from its explicit lists. */
function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1]!.split(',')) {
      const name = part.replace(/^\s*type\s+/, '').trim();
      if (name) names.push(name);
    }
  return names;
}

describe('@essaim/sdk exports', () => {
  let index = '';
  before(async () => {
    index = await readRepoText('packages/sdk/src/index.ts');
  });

  it('lists its exports by name: no export *, internal helpers stay internal', () => {
    expect(index).not.to.match(/export \*/);
    for (const internal of [
      'name',
      'text',
      'described',
      'frenchOf',
      'setSchemaCompiler',
      'foldLine',
      'tokenize',
    ])
      expect(sdk, internal).not.to.have.property(internal);
    expect(sdk).to.have.property('createFeedStore');
  });

  it('documents every exported name in the package README', async () => {
    const readme = await readRepoText('packages/sdk/README.md');
    const names = exportedNames(index);
    expect(names.length).to.be.greaterThan(100);
    const missing = names.filter((n) => !readme.includes(`\`${n}\``));
    expect(missing).to.deep.equal([]);
    // Every runtime export is in the list (the list is the whole of the entry point).
    expect(Object.keys(sdk).filter((n) => !names.includes(n))).to.deep.equal([]);
  });
});

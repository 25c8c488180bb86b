// Node only: Ajv is CommonJS (the browser test server serves ES modules only).
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { feedJsonSchema, feedJsonSchemaText } from '../src/index.ts';
import { manifest, realEvent, realStructure, variant } from './fixtures.ts';
import { readRepoText } from './helpers/files.ts';

describe('feed JSON Schema', () => {
  it('is committed and matches the zod source (run `pnpm schema:build` after changing the schema)', async () => {
    const committed = await readRepoText('packages/sdk/feed.schema.json');
    expect(
      committed === feedJsonSchemaText(),
      'packages/sdk/feed.schema.json is out of date: run `pnpm schema:build`',
    ).to.equal(true);
  });

  it('validates the same records as zod with an independent validator (Ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(feedJsonSchema());
    const check = (def: string, data: unknown) =>
      ajv.validate(`urn:essaim:schema:feed:1#/$defs/${def}`, data);
    expect(check('Structure', realStructure)).to.equal(true);
    expect(check('Event', realEvent)).to.equal(true);
    expect(check('Feed', manifest({ structures: [realStructure] }))).to.equal(true);
    expect(
      check(
        'Structure',
        variant(realStructure, (s) => (s.id = 'nope')),
      ),
    ).to.equal(false);
    expect(
      check(
        'Structure',
        variant(realStructure, (s) => (s.contacts = { website: 'javascript:alert(1)' })),
      ),
    ).to.equal(false);
    expect(check('Feed', { ...manifest({}), schemaVersion: '2.0' })).to.equal(false);
  });
});

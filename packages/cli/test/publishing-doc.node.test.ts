/**
 * docs/publishing.md cannot drift from the code: its lists of ids are the SDK's and the taxonomy's, every
 * mapping option and feed field is documented, and its example mappings pass the mapping checks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'chai';
import { BEGIN, DOC, END, idsMarkdown } from '../scripts/publishing-ids.ts';
import { checkMapping } from '../src/mapping/check.ts';
import {
  Condition,
  FieldSpecObject,
  MAPPABLE_FIELDS,
  mappingJsonSchema,
  TabularMapping,
} from '../src/mapping/schema.ts';
import { context, fakePlaces, ROOT } from './helpers/context.ts';

const doc = readFileSync(DOC, 'utf8');

describe('docs/publishing.md', () => {
  it('lists exactly the families, legal forms, themes and publics ids (regenerate: scripts/publishing-ids.ts --write)', () => {
    const block = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
    expect(block).to.equal(idsMarkdown());
  });

  it('documents every mapping key, option, condition and feed field', () => {
    const keys = [
      ...Object.keys(TabularMapping.shape),
      ...Object.keys(FieldSpecObject.shape),
      ...Object.keys(Condition.shape),
      ...MAPPABLE_FIELDS,
    ];
    for (const k of keys) expect(doc, k).to.include(`\`${k}\``);
  });

  it('its example mappings pass the checks', () => {
    const ctx = context({ type: 'csv', id: 'doc', name: 'Doc', path: 'x.csv' }, fakePlaces, ROOT);
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((t) => t.startsWith('{') && t.includes('"fields"'));
    expect(examples.length).to.be.greaterThan(0);
    const fs = JSON.parse(
      readFileSync(resolve(ROOT, 'data/sources/france-services/france-services.mapping.json'), 'utf8'),
    );
    // The same mappings pass the published JSON Schema (what an editor checks), and a mistake does not.
    const validate = new Ajv2020({ strict: false }).compile(mappingJsonSchema());
    for (const m of [...examples.map((t) => JSON.parse(t)), fs]) {
      checkMapping(m, ctx, 'docs/publishing.md');
      expect(validate(m), JSON.stringify(validate.errors)).to.equal(true);
    }
    expect(validate({ ...fs, fields: { ...fs.fields, nom: 'lib_fs' } })).to.equal(false);
  });
});

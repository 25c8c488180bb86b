/**
 * Our taxonomy (data/taxonomy/essaim.taxonomy.json) against the SDK's Taxonomy schema and the enums of the
 * feed schema.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FAMILIES, LEGAL_FORMS, SCHEMES, SERVICE_TYPES, Taxonomy } from '@essaim/sdk';
import { expect } from 'chai';
import { ROOT } from './helpers/context.ts';

const raw = JSON.parse(readFileSync(resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'), 'utf8'));
const tax = Taxonomy.parse(raw);
const of = (scheme: string) => tax.concepts.filter((c) => c.scheme === scheme);
const PREFIX: Record<string, string> = {
  themes: 'theme',
  publics: 'public',
  families: 'family',
  'legal-forms': 'legal-form',
  'service-types': 'service-type',
  'event-categories': 'event-category',
};

describe('taxonomy: essaim.taxonomy.json', () => {
  it('is a valid Taxonomy, version 2026.1, with every scheme', () => {
    expect(Taxonomy.safeParse(raw).success).to.equal(true);
    expect(tax).to.deep.include({ id: 'essaim', version: '2026.1' });
    for (const s of SCHEMES) expect(of(s), s).to.not.be.empty;
  });

  it('names concepts "<scheme>--<slug>", uniquely, with French and English labels and definitions', () => {
    expect(new Set(tax.concepts.map((c) => c.id)).size).to.equal(tax.concepts.length);
    for (const c of tax.concepts) {
      expect(c.id).to.equal(`${PREFIX[c.scheme]}--${c.slug}`);
      expect(c.label.en, c.id).to.be.a('string').and.not.empty;
      expect(c.definition?.fr, c.id).to.be.a('string').and.not.empty;
      expect(c.definition?.en, c.id).to.be.a('string').and.not.empty;
      if (c.parent) expect(tax.concepts.find((p) => p.id === c.parent)?.scheme, c.id).to.equal(c.scheme);
    }
  });

  it('covers the schema enums: families, legal forms, service types', () => {
    expect(of('families').map((c) => c.slug)).to.have.members([...FAMILIES]);
    expect(of('legal-forms').map((c) => c.slug)).to.have.members([...LEGAL_FORMS]);
    expect(of('service-types').map((c) => c.slug)).to.have.members([...SERVICE_TYPES]);
  });

  it('spells acronyms out in legal-form labels', () => {
    const scop = tax.concepts.find((c) => c.id === 'legal-form--scop')!;
    expect(scop.label.fr).to.equal('SCOP — société coopérative et participative');
    for (const c of of('legal-forms')) {
      const acronym = /^([A-Z]{2,})\b/.exec(c.label.fr)?.[1];
      if (acronym) expect(c.label.fr, c.id).to.match(new RegExp(`^${acronym} — `));
    }
  });

  it('has the 13 data·inclusion publics and links themes to data·inclusion thématiques', () => {
    expect(of('publics')).to.have.length(13);
    for (const c of of('publics')) expect(c.sameAs).to.deep.equal([`data-inclusion:public/${c.slug}`]);
    const linked = of('themes').filter((c) =>
      c.sameAs?.some((s) => s.startsWith('data-inclusion:thematique/')),
    );
    expect(linked.map((c) => c.slug)).to.include.members([
      'numerique',
      'mobilite',
      'sante',
      'logement',
      'creation-activite',
      'famille',
    ]);
  });
});

/**
 * The importer registry and the shared final check (invalid fields dropped with a warning, records
 * rejected only when unusable).
 */
import { Structure } from '@essaim/sdk';
import { expect } from 'chai';
import { getImporter, importers } from '../src/importers/index.ts';
import { dropPath, finalize, normalizeLocation, recordId, Warnings } from '../src/importers/shared.ts';
import { fakePlaces } from './helpers/context.ts';

describe('importer registry', () => {
  it('lists every importer by type', () => {
    expect(Object.keys(importers).sort()).to.deep.equal([
      'csv',
      'data-inclusion',
      'geojson',
      'gogocarto',
      'gogocarto-search',
      'ics',
      'json',
      'openagenda-export',
      'openagenda-v2',
    ]);
    for (const [type, imp] of Object.entries(importers)) {
      expect(imp.type).to.equal(type);
      expect(imp.expects).to.be.a('string').and.not.empty;
    }
    expect(getImporter('gogocarto')).to.equal(importers.gogocarto);
  });
  it('says which types exist when asked for an unknown one', () => {
    expect(() => getImporter('ical')).to.throw(
      /Unknown source type "ical": known types are csv, data-inclusion, geojson/,
    );
  });
});

describe('shared: finalize and locations', () => {
  const base = {
    id: recordId('transiscope', '3vu5'),
    name: 'POUSSE Marie-Thérèse',
    family: 'autre',
    provenance: [{ source: 'transiscope', localId: '3vu5' }],
    updatedAt: '2017-12-29',
  };

  it('drops an invalid optional field with a warning and keeps the record', () => {
    const w = new Warnings();
    const r = finalize(
      Structure,
      { ...base, siret: '123', contacts: { phones: ['01 23 45 67 89', 'x'], email: 'pas-une-adresse' } },
      w,
      ['id', 'name', 'family', 'provenance', 'updatedAt'],
    );
    expect(r.ok).to.equal(true);
    if (r.ok) expect(r.record.contacts).to.deep.equal({ phones: ['01 23 45 67 89'] });
    expect(w.list.map((x) => x.field).sort()).to.deep.equal(['contacts.email', 'contacts.phones.1', 'siret']);
    expect(w.list.every((x) => x.code === 'schema-invalid-dropped' && x.fr && x.en)).to.equal(true);
  });

  it('rejects a record whose required field is invalid, with bilingual reasons', () => {
    const r = finalize(Structure, { ...base, id: 'pas un identifiant' }, new Warnings(), [
      'id',
      'name',
      'family',
      'provenance',
      'updatedAt',
    ]);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.reasons[0]).to.include({ code: 'schema' }).and.have.keys('code', 'fr', 'en');
  });

  it('removes list items by marker, so that several removals keep their indices', () => {
    const rec: Record<string, unknown> = { a: [1, 2, 3, 4], b: { c: [] as unknown[] } };
    expect(dropPath(rec, ['a', 1])).to.equal(true);
    expect(rec).to.deep.equal({ a: [1, 3, 4] });
  });

  it('builds an address from a street line holding the postcode', () => {
    const w = new Warnings();
    const loc = normalizeLocation(
      fakePlaces,
      { street: '6 rue Jean-Rostand 28300 JOUY', lat: '48.4474', lon: '1.44885' },
      w,
    );
    expect(loc.address).to.deep.equal({
      street: '6 rue Jean-Rostand',
      postcode: '28300',
      commune: 'Jouy',
      cog: { commune: '28201', epci: '200033181', departement: '28', region: '24' },
    });
    expect(w.list.map((x) => x.code)).to.deep.equal(['postcode-from-street']);
  });

  it('drops commune fields that are not commune names, and flags names the postcode does not confirm', () => {
    const w = new Warnings();
    const loc = normalizeLocation(fakePlaces, { postcode: '75010', commune: 'crl10.net' }, w);
    expect(loc.address).to.deep.include({ postcode: '75010', commune: 'Paris' });
    expect(w.list.map((x) => x.code)).to.deep.equal(['commune-invalid', 'geo-commune-centre']);
    const w2 = new Warnings();
    const loc2 = normalizeLocation(fakePlaces, { postcode: '75014', commune: 'Rue riquet' }, w2);
    expect(loc2.address?.cog?.commune).to.equal('75056');
    // The commune of the code is shown; what the source wrote stays in provenance.
    expect(loc2.address?.commune).to.equal('Paris');
    expect(w2.asWritten).to.deep.equal({ 'address.commune': 'Rue riquet' });
    expect(w2.list.map((x) => x.code)).to.deep.equal([
      'commune-mismatch',
      'commune-official-name',
      'geo-commune-centre',
    ]);
  });
});

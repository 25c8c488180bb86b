/**
 * The data·inclusion importer, on fixtures whose structures are real Transiscope records re-expressed in the
 * data·inclusion schema (see test/fixtures/README.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Service, Structure } from '@essaim/sdk';
import { expect } from 'chai';
import { dataInclusionImporter } from '../src/importers/data-inclusion.ts';
import type { ImportOutcome } from '../src/importers/types.ts';
import { collect, context, FIXTURES, fakePlaces, removeTempDirs, tempDir } from './helpers/context.ts';

type S = Extract<ImportOutcome, { kind: 'structure' }>;
type V = Extract<ImportOutcome, { kind: 'service' }>;

const source = (path: string, options: Record<string, unknown> = {}) =>
  context({ type: 'data-inclusion', id: 'di', name: 'data·inclusion', path, options }, fakePlaces, FIXTURES);

after(removeTempDirs);
describe('data-inclusion importer', () => {
  let outcomes: ImportOutcome[];
  let structures: S[];
  let services: V[];
  before(async () => {
    outcomes = await collect(
      dataInclusionImporter.run(
        source('data-inclusion-structures.json', { services: 'data-inclusion-services.json' }),
      ),
    );
    structures = outcomes.filter((o): o is S => o.kind === 'structure');
    services = outcomes.filter((o): o is V => o.kind === 'service');
  });

  it('gives one outcome per structure and per service, all valid', () => {
    expect(outcomes).to.have.length(9);
    expect(structures).to.have.length(4);
    expect(services).to.have.length(5);
    expect(structures.map((o) => o.index)).to.deep.equal([0, 1, 2, 3]);
    // Services are numbered after the structures: one index per outcome in the source.
    expect(services.map((o) => o.index)).to.deep.equal([4, 5, 6, 7, 8]);
    for (const o of structures) expect(Structure.safeParse(o.record).success).to.equal(true);
    for (const o of services) expect(Service.safeParse(o.record).success).to.equal(true);
  });

  it('maps a structure: ids, address, COG codes, contacts, hours, provenance', () => {
    const r = structures[0]!.record;
    expect(r).to.deep.include({
      id: 'di--transiscope--3xTU',
      name: 'Boutique Rejoué',
      family: 'autre',
      updatedAt: '2018-04-03',
    });
    expect(r.address).to.deep.include({ street: '80 avenue du Maine', postcode: '75014', commune: 'Paris' });
    expect(r.address?.cog).to.deep.equal({
      commune: '75056',
      epci: '200054781',
      departement: '75',
      region: '11',
    });
    expect(r.contacts).to.deep.equal({ phone: '01 72 38 88 76', website: 'http://www.rejoue.asso.fr/' });
    expect(r.openingHours).to.equal('We-Sa 11:00-14:30,15:00-18:00');
    expect(r.provenance[0]).to.deep.include({
      source: 'di',
      name: 'data·inclusion (transiscope)',
      localId: 'transiscope--3xTU',
      url: 'https://www.capoupascap.info/capalts_alt/boutique-rejoue/',
    });
  });

  it('derives codes from a name without postcode, and keeps free-text hours apart', () => {
    const ulis = structures[3]!.record;
    expect(ulis.address).to.deep.include({ commune: 'Les Ulis' });
    expect(ulis.address?.cog?.commune).to.equal('91692');
    expect(ulis.openingHours).to.equal(undefined);
    expect(ulis.openingHoursText).to.match(/^Ouverture : mercredi/);
    // The real "28300 JOUY" of a Mainvilliers grocery: kept as written, codes of Jouy.
    expect(structures[2]!.record.address?.cog?.commune).to.equal('28201');
  });

  it('maps services: structure link, thematiques, publics, types, fees, zones, modes', () => {
    const insertion = services[0]!.record;
    expect(insertion).to.deep.include({
      id: 'di--transiscope--3xTU--insertion',
      structureId: 'di--transiscope--3xTU',
      types: ['accompagnement'],
    });
    expect(insertion.themes).to.deep.equal(['theme--emploi-insertion']);
    expect(insertion.publics).to.deep.equal(['public--demandeurs-emploi']);
    expect(insertion.eligibility).to.deep.equal([{ kind: 'departement', code: '75' }]);
    const depot = services[1]!.record;
    expect(depot).to.deep.include({ fees: 'gratuit', openingHours: '09:30-12:30,13:30-17:30' });
    expect(depot.mobilisationModes).to.deep.equal(['se-presenter']);
    expect(depot.mobilisableBy).to.deep.equal(['usagers']);
    const numerique = services[2]!.record;
    expect(numerique.themes).to.deep.equal(['theme--numerique']);
    expect(numerique.publics).to.equal(undefined); // "tous-publics": no restriction
    expect(numerique.eligibility).to.deep.equal([{ kind: 'commune', code: '75056' }]);
    const epicerie = services[3]!.record;
    expect(epicerie).to.deep.include({
      fees: 'payant',
      feesDetails: '10 % du prix réel des denrées',
      types: ['aide-materielle'],
    });
    expect(epicerie.themes).to.deep.equal(['theme--alimentation']);
    expect(services[4]!.record.themes).to.deep.equal(['theme--mobilite']);
  });

  it('keeps thematiques and publics without a concept in provenance, and rejects unusable records', async () => {
    const dir = tempDir('essaim-di-');
    const real = JSON.parse(readFileSync(resolve(FIXTURES, 'data-inclusion-services.json'), 'utf8'));
    const variants = [
      {
        ...real[2],
        id: 'v1',
        thematiques: [
          'numerique--acceder-a-une-connexion-internet',
          'equipement-et-alimentation--habillement',
        ],
        publics: ['seniors', 'inconnus'],
      },
      { ...real[2], id: 'v2', nom: '  ' },
      { ...real[2], id: 'v3', date_maj: '31/02/2019' },
      { ...real[2], id: 'v4', structure_id: 'transiscope--absent' },
      { ...real[2], id: 'v1' },
    ];
    writeFileSync(join(dir, 'services.json'), JSON.stringify(variants));
    const out = await collect(
      dataInclusionImporter.run(
        context(
          { type: 'data-inclusion', id: 'di', name: 'DI', path: join(dir, 'services.json') },
          fakePlaces,
        ),
      ),
    );
    expect(out.map((o) => o.kind)).to.deep.equal(['service', 'rejected', 'service', 'service', 'rejected']);
    const v1 = (out[0] as V).record;
    expect(v1.themes).to.deep.equal(['theme--numerique']);
    expect(v1.publics).to.deep.equal(['public--seniors']);
    expect(v1.provenance[0]?.unmappedCategories).to.deep.equal([
      'thematique:equipement-et-alimentation--habillement',
      'public:inconnus',
    ]);
    const reasons = out.flatMap((o) => (o.kind === 'rejected' ? o.reasons.map((r) => r.code) : []));
    expect(reasons).to.deep.equal(['no-name', 'duplicate-id']);
    // An impossible date: the service is kept, its update date unknown (never the build day).
    const v3 = out[2] as V;
    expect(v3.record.updatedAt).to.equal(undefined);
    expect(v3.warnings?.map((w) => w.code)).to.include.members(['date-invalid', 'updated-at-unknown']);
  });

  it('reads the same structures from CSV', async () => {
    const out = await collect(dataInclusionImporter.run(source('data-inclusion-structures.csv')));
    expect(out).to.have.length(4);
    const fromCsv = out.map((o) => (o as S).record);
    const strip = (r: S['record']) => ({ ...r, networks: undefined });
    expect(fromCsv.map(strip)).to.deep.equal(structures.map((o) => strip(o.record)));
  });
});

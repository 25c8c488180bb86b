import { expect } from 'chai';
import { Structure as StructureSchema, type Structure } from '@essaim/sdk';
import {
  clustersOf,
  findDuplicateLinks,
  haversineMeters,
  houseNumber,
  jaroWinkler,
  matchByNameAndDistance,
  mergeKeyOf,
  mergeStructures,
  normalizeName,
  type MergeKey,
} from '../src/merge.ts';

function structure(id: string, name: string, change: Partial<Structure> = {}): Structure {
  return {
    id,
    name,
    family: 'autre',
    provenance: [{ source: id.split('--')[0]!, localId: id.split('--')[1]! }],
    updatedAt: '2019-01-01',
    ...change,
  };
}

// The three "Planète Lilas" of the real Transiscope file (data/sources/transiscope-idf/transiscope.json),
// with their real coordinates: MES-BDIS 3z0W, Cap ou pas cap 3xXk, Près de chez nous 3utG.
const lilasBdis = structure('transiscope--3z0W', 'Planète Lilas', {
  geo: { lat: 48.77609, lon: 2.38903 },
  address: { commune: 'Vitry sur Seine', postcode: '94400' },
  themes: ['theme--alimentation'],
  updatedAt: '2019-03-17T15:47:00+01:00',
  url: 'http://modulebdis.exemole.fr/bdf/_bdis/fr/corpus_structure/complet-1883.html',
});
const lilasCap = structure('transiscope--3xXk', 'Planète Lilas', {
  geo: { lat: 48.77616, lon: 2.38946 },
  address: { street: '78 rue Lemerle Vetter', postcode: '94400', commune: 'Vitry-sur-Seine' },
  description: "Ce jardin partagé dispose d'une cabane de vente de légumes au détail.",
  contacts: { phone: '09 65 31 74 25', website: 'http://planetelilas.wixsite.com/lilas/home' },
  keywords: ['jardin partagé'],
  themes: ['theme--alimentation', 'theme--jardins'],
  updatedAt: '2018-04-04T12:01:26+02:00',
});
const lilasPdcn = structure('transiscope--3utG', 'Planète Lilas', {
  geo: { lat: 48.77541, lon: 2.38976 },
  address: {
    street: '78 rue Lemerle Vetter',
    postcode: '94400',
    commune: 'Vitry-sur-Seine',
    cog: { commune: '94081', departement: '94', region: '11' },
    country: 'FR',
  },
  description:
    'Potager participatif - Paniers. 2 ha de maraîchage dans le parc départemental des Lilas à Vitry/Seine. Vente de légumes au détail et abonnement paniers hebdomadaires.',
  contacts: { website: 'http://planete-lilas.ouvaton.org' },
  updatedAt: '2018-04-04T12:01:26+02:00',
});

describe('merge: names and distances', () => {
  it('normalises names: case, accents, punctuation, stop words; word order kept', () => {
    expect(normalizeName('FERME  de la MÉTAIRIE')).to.equal('ferme metairie');
    expect(normalizeName('La Métairie, ferme')).to.equal('metairie ferme');
    expect(normalizeName('Cœur & Âme')).to.equal('coeur ame');
    expect(normalizeName("L'Association Planète-Lilas (SCOP)")).to.equal('association planete lilas scop');
    expect(normalizeName('Brixton Housing Co-operative')).to.equal('brixton housing cooperative');
    expect(normalizeName('SEL Ovillois et Voisin(e)s')).to.equal('sel ovillois voisins');
    expect(normalizeName('Amap St-Blaise')).to.equal('amap saint blaise');
    expect(normalizeName('La SA')).to.equal('la sa'); // only stop words: kept
  });

  it('Jaro-Winkler: 1 for equal strings, high for typos, lower for other names', () => {
    expect(jaroWinkler('martha', 'marhta')).to.be.closeTo(0.961, 0.001); // the textbook example
    expect(jaroWinkler('abc', 'abc')).to.equal(1);
    expect(jaroWinkler('', 'abc')).to.equal(0);
    expect(
      jaroWinkler(normalizeName('La clef des champs'), normalizeName('La Clé des Champs')),
    ).to.be.greaterThan(0.92);
    expect(jaroWinkler(normalizeName('Biocoop Lilas'), normalizeName('Boulangerie Lilas'))).to.be.lessThan(
      0.92,
    );
  });

  it('haversine: the real Planète Lilas points are 32 m and 86 m apart', () => {
    expect(haversineMeters(48.77609, 2.38903, 48.77616, 2.38946)).to.be.closeTo(32.3, 1);
    expect(haversineMeters(48.77616, 2.38946, 48.77541, 2.38976)).to.be.closeTo(86.3, 1);
    expect(haversineMeters(48.8566, 2.3522, 45.764, 4.8357)).to.be.closeTo(391_500, 1500); // Paris–Lyon
  });

  it('reads the house number of a street address', () => {
    expect(houseNumber('78 rue Lemerle Vetter')).to.equal('78');
    expect(houseNumber("127 bis rue d'Avron")).to.equal('127bis');
    expect(houseNumber('Place de la Fontaine')).to.equal(undefined);
    expect(houseNumber(undefined)).to.equal(undefined);
  });
});

describe('merge: finding duplicates', () => {
  it('merges the three Planète Lilas of one source (identical names up to 150 m)', () => {
    const keys = [lilasBdis, lilasCap, lilasPdcn].map(mergeKeyOf);
    const links = findDuplicateLinks(keys);
    expect(links).to.have.length(2);
    expect(clustersOf(3, links)).to.deep.equal([[0, 1, 2]]);
    const far = links.find((l) => l.b === 2)!;
    expect(far.reason).to.include({ rule: 'name-distance', name: 'identical' });
    // 86 m to Cap ou pas cap's point, 93 m to MES-BDIS's: beyond 50 m, within 150 m.
    expect((far.reason as { distanceMeters: number }).distanceMeters).to.be.within(86, 93);
  });

  it('merges the same SIRET wherever the records are', () => {
    const a = mergeKeyOf(
      structure('a--1', 'Emmaüs Défi', { siret: '41234567800017', geo: { lat: 48.89, lon: 2.37 } }),
    );
    const b = mergeKeyOf(
      structure('b--9', 'Boutique solidaire', { siret: '41234567800017', geo: { lat: 48.6, lon: 2.1 } }),
    );
    const c = mergeKeyOf(structure('c--3', 'Autre', { siret: '41234567800099' }));
    const links = findDuplicateLinks([a, b, c]);
    expect(links).to.deep.equal([{ a: 0, b: 1, reason: { rule: 'siret', siret: '41234567800017' } }]);
  });

  it('does not merge two different shops at the same address', () => {
    const at = { lat: 48.85, lon: 2.38 };
    const street = { street: '12 rue de la Roquette', postcode: '75011' };
    const keys = [
      structure('a--1', 'Biocoop Lilas', { geo: at, address: street }),
      structure('a--2', 'Boulangerie Lilas', { geo: at, address: street }),
      structure('a--3', 'Les Amis de la Terre', { geo: at, address: street }),
      structure('a--4', 'Les Amis du Vélo', { geo: at, address: street }),
      structure('a--5', 'Entraide Scolaire - L’Usine à Chapeaux', { geo: at }),
      structure('a--6', 'Foyer de l’Usine à Chapeaux', { geo: at }),
    ].map(mergeKeyOf);
    expect(findDuplicateLinks(keys)).to.deep.equal([]);
  });

  it('merges spelling variants and names that contain the other nearby, not far away', () => {
    const k = (id: string, name: string, lat: number, lon: number): MergeKey =>
      mergeKeyOf(structure(id, name, { geo: { lat, lon } }));
    const near = [
      [k('a--1', 'AMAP Coeurs d’artichaut', 48.8, 2.3), k('b--1', "AMAP Coeur d'artichaut", 48.8, 2.3)],
      [
        k('a--2', 'La Petite Rockette (ressourcerie)', 48.86, 2.37),
        k('b--2', 'La petite Rockette', 48.8601, 2.3701),
      ],
    ];
    for (const [a, b] of near)
      expect(matchByNameAndDistance(a!, b!), `${a!.name} / ${b!.name}`).to.not.equal(undefined);
    // 60 m apart: similar (not identical) names need to be within 50 m.
    expect(
      matchByNameAndDistance(
        k('a--3', 'La clef des champs', 48.8, 2.3),
        k('b--3', 'La Clé des Champs', 48.80054, 2.3),
      ),
    ).to.equal(undefined);
    // A generic word alone is not enough to match by containment.
    expect(
      matchByNameAndDistance(k('a--4', 'AMAP', 48.8, 2.3), k('b--4', 'AMAP des Lilas', 48.8, 2.3)),
    ).to.equal(undefined);
  });

  it('keeps apart two points of one network with the same name and different house numbers', () => {
    const a = mergeKeyOf(
      structure('a--1', "Circul'Livre", {
        geo: { lat: 48.84175, lon: 2.39292 },
        address: { street: '82-94 rue de Reuilly' },
      }),
    );
    const b = mergeKeyOf(
      structure('a--2', "Circul'Livre", {
        geo: { lat: 48.84273, lon: 2.3933 },
        address: { street: '107 rue de Reuilly' },
      }),
    );
    expect(haversineMeters(a.lat!, a.lon!, b.lat!, b.lon!)).to.be.within(100, 150);
    expect(findDuplicateLinks([a, b])).to.deep.equal([]);
  });

  it('uses a grid: 20,000 records spread over France in well under a second, same result in any order', () => {
    const keys: MergeKey[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Pairs of twins 10 m apart, pairs 2 km apart from each other.
      const lat = 43 + ((i >> 1) % 200) * 0.02;
      const lon = 0 + Math.floor((i >> 1) / 200) * 0.03 + (i & 1) * 0.0001;
      keys.push({ id: `s--${i}`, name: normalizeName(`Structure ${i >> 1}`), lat, lon });
    }
    const t0 = performance.now();
    const links = findDuplicateLinks(keys);
    expect(performance.now() - t0).to.be.lessThan(1500);
    expect(links).to.have.length(10_000);
    expect(links.every((l) => l.b === l.a + 1 && l.a % 2 === 0)).to.equal(true);
  });
});

describe('merge: merging records', () => {
  it('keeps every source, the richest values, the union of themes and keywords, the latest date', () => {
    const merged = mergeStructures([lilasBdis, lilasCap, lilasPdcn]);
    expect(StructureSchema.safeParse(merged).success).to.equal(true);
    expect(merged.id).to.equal('transiscope--3z0W');
    expect(merged.name).to.equal('Planète Lilas');
    expect(merged.provenance.map((p) => p.localId)).to.deep.equal(['3z0W', '3xXk', '3utG']);
    expect(merged.description).to.equal(lilasPdcn.description); // the longest
    expect(merged.address).to.deep.equal(lilasPdcn.address); // the most complete, whole
    expect(merged.geo).to.deep.equal(lilasPdcn.geo); // the point that goes with that address
    expect(merged.themes).to.deep.equal(['theme--alimentation', 'theme--jardins']);
    expect(merged.keywords).to.deep.equal(['jardin partagé']);
    expect(merged.contacts).to.deep.equal({
      phone: '09 65 31 74 25',
      website: 'http://planetelilas.wixsite.com/lilas/home',
    });
    expect(merged.updatedAt).to.equal('2019-03-17T15:47:00+01:00');
    expect(merged.url).to.equal(lilasBdis.url);
  });

  it('keeps the other names as alternate names and the other phones in phones', () => {
    const a = structure('a--1', 'Emmaüs Défi', { contacts: { phone: '01 02 03 04 05' }, family: 'autre' });
    const b = structure('b--1', 'EMMAUS DEFI Riquet', {
      contacts: { phone: '06 07 08 09 10', email: 'contact@example.org' },
      family: 'association',
      createdAt: '2015-01-01',
    });
    const merged = mergeStructures([a, b]);
    expect(merged.alternateNames).to.deep.equal(['EMMAUS DEFI Riquet']);
    expect(merged.contacts).to.deep.equal({
      phone: '01 02 03 04 05',
      phones: ['06 07 08 09 10'],
      email: 'contact@example.org',
    });
    expect(merged.family).to.equal('association'); // "autre" gives way to a known family
    expect(merged.createdAt).to.equal('2015-01-01');
  });

  it('a single record is returned as it is', () => {
    expect(mergeStructures([lilasCap])).to.equal(lilasCap);
  });
});

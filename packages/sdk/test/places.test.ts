// @essaim/sdk/places and the text normaliser, on the real embedded data (COG + La Poste).
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import type * as Places from '../src/places/index.ts';
import { loadPlaces } from '../src/places/load.ts';
import { CogCodes } from '../src/schema/common.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { distanceKm } from '../src/core/geo.ts';

describe('normalizeText', () => {
  it('lower-cases and strips diacritics', () => {
    expect(normalizeText('Saint-Étienne')).to.equal('saint etienne');
    expect(normalizeText('ÇA GÈLE À L’ÎLE D’YEU')).to.equal('ca gele a l ile d yeu');
    expect(normalizeText('L’Haÿ-les-Roses')).to.equal('l hay les roses');
  });

  it('spells out œ and æ (either case)', () => {
    expect(normalizeText('Œuvre cœur')).to.equal('oeuvre coeur');
    expect(normalizeText('Lætitia ÆSOPE')).to.equal('laetitia aesope');
  });

  it('turns every apostrophe and quote into a space, splitting elisions', () => {
    const variants = [
      "L'Île-d'Yeu",
      'L’Île-d’Yeu',
      'Lʼîle dʼYeu',
      'L‘ILE D‘YEU',
      'L`Île d´Yeu',
      '«L"Île-d-Yeu»',
    ];
    for (const v of variants) expect(normalizeText(v), v).to.equal('l ile d yeu');
    expect(normalizeText("aujourd'hui")).to.equal('aujourd hui');
  });

  it('treats hyphens, dashes, slashes and punctuation as spaces, and collapses spaces', () => {
    expect(normalizeText('Vitry-sur-Seine')).to.equal('vitry sur seine');
    expect(normalizeText('  VITRY   SUR—SEINE ')).to.equal('vitry sur seine');
    expect(normalizeText('Vitry/Seine, (94)…')).to.equal('vitry seine 94');
    expect(normalizeText('a_b.c;d:e!f?g')).to.equal('a b c d e f g');
  });

  it('folds compatibility forms and keeps digits and other scripts', () => {
    expect(normalizeText('ﬁlature 1ᵉʳ')).to.equal('filature 1er');
    expect(normalizeText('Straße')).to.equal('strasse');
    expect(normalizeText('Ελλάδα')).to.equal('ελλαδα');
    expect(normalizeText('')).to.equal('');
    expect(normalizeText(' - ’ ')).to.equal('');
  });
});

describe('@essaim/sdk/places', function () {
  // First use decodes the data and builds the index (slower in a cold browser tab).
  this.timeout(30_000);
  let P: typeof Places;

  before(async () => {
    P = await loadPlaces();
  });

  it('is loaded on demand, once', async () => {
    expect(await loadPlaces()).to.equal(P);
    expect(P.searchPlaces).to.be.a('function');
    const info = P.placesInfo();
    expect(info.communes).to.be.within(34_000, 36_000);
    expect(info.arrondissements).to.equal(45);
    expect(info.withCoordinates / (info.communes + info.arrondissements)).to.be.greaterThan(0.99);
  });

  describe('searchPlaces', () => {
    it('finds Saint-Étienne first, written any way', () => {
      for (const q of [
        'saint etienne',
        'st etienne',
        'St-Étienne',
        'ST ETIENNE',
        'saint-étienne',
        'Saint Etienne ',
      ]) {
        const [first] = P.searchPlaces(q);
        expect(first?.place.code, q).to.equal('42218');
        expect(first?.label, q).to.equal('Saint-Étienne (42000)');
      }
      const matches = P.searchPlaces('saint etienne', { limit: 5 });
      expect(matches).to.have.length(5);
      for (const m of matches) expect(m.place.name).to.match(/^Saint-Étienne/);
    });

    it('completes partial words ("st eti", "saint et")', () => {
      expect(P.searchPlaces('st eti')[0]?.place.code).to.equal('42218');
      expect(P.searchPlaces('saint et')[0]?.place.code).to.equal('42218');
      expect(P.searchPlaces('vitry sur s')[0]?.place.code).to.equal('94081');
    });

    it('"st" alone also completes words starting with "st"', () => {
      const names = P.searchPlaces('st', { limit: 20 }).map((m) => m.place.name);
      expect(names).to.include('Strasbourg');
      expect(names).to.include('Saint-Étienne');
    });

    it('lists postcodes starting with "310", each match saying which postcode matched', () => {
      const matches = P.searchPlaces('310');
      expect(matches.length).to.be.greaterThan(0);
      for (const m of matches) {
        expect(m.postcode).to.match(/^310/);
        expect(m.place.postcodes).to.include(m.postcode);
        expect(m.label).to.equal(`${m.place.name} (${m.postcode})`);
      }
      expect(matches.map((m) => m.place.code)).to.include('31555'); // Toulouse, 31000
    });

    it('orders postcode matches by postcode ("013")', () => {
      const matches = P.searchPlaces('013', { limit: 30 });
      expect(matches).to.have.length(30);
      const pcs = matches.map((m) => m.postcode!);
      for (const pc of pcs) expect(pc.startsWith('013')).to.equal(true);
      expect([...pcs].sort()).to.deep.equal(pcs);
      expect(new Set(matches.map((m) => m.place.departement.code))).to.deep.equal(new Set(['01']));
    });

    it('"75011" gives Paris 11e arrondissement first', () => {
      const [first, second] = P.searchPlaces('75011');
      expect(first?.place.code).to.equal('75111');
      expect(first?.place.kind).to.equal('arrondissement');
      expect(first?.postcode).to.equal('75011');
      expect(first?.label).to.equal('Paris 11e Arrondissement (75011)');
      expect(second?.place.code).to.equal('75056');
    });

    it('lists Paris arrondissements for "750", without repeating Paris itself', () => {
      const matches = P.searchPlaces('750', { limit: 25 });
      expect(matches.map((m) => m.place.code)).to.not.include('75056');
      expect(matches[0]?.place.code).to.equal('75101');
      expect(matches.every((m) => m.place.kind === 'arrondissement')).to.equal(true);
    });

    it('"paris" gives Paris first, then its arrondissements by population', () => {
      const matches = P.searchPlaces('paris');
      expect(matches[0]?.place.code).to.equal('75056');
      expect(matches[0]?.place.kind).to.equal('commune');
      expect(matches[1]?.place.commune?.code).to.equal('75056');
      const pops = matches.slice(1).map((m) => m.place.population ?? 0);
      expect([...pops].sort((a, b) => b - a)).to.deep.equal(pops);
    });

    it('matches arrondissement numbers ("lyon 3e", "paris 11", "Marseille 1er")', () => {
      expect(P.searchPlaces('lyon 3e')[0]?.place.code).to.equal('69383');
      expect(P.searchPlaces('Lyon 3ème')[0]?.place.code).to.equal('69383');
      expect(P.searchPlaces('paris 11')[0]?.place.code).to.equal('75111');
      expect(P.searchPlaces('Marseille 1er')[0]?.place.code).to.equal('13201');
    });

    it('filters with a number: postcode prefix or département ("saint denis 93", "st etienne 42100")', () => {
      expect(P.searchPlaces('saint denis 93')[0]?.place.code).to.equal('93066');
      const [m] = P.searchPlaces('st etienne 42100');
      expect(m?.place.code).to.equal('42218');
      expect(m?.postcode).to.equal('42100');
      expect(m?.label).to.equal('Saint-Étienne (42100)');
    });

    it('finds former communes and La Poste localities, saying so', () => {
      const [pb] = P.searchPlaces('Pierre-Bénite');
      expect(pb?.place.code).to.equal('69149'); // merged into Oullins-Pierre-Bénite in 2024
      expect(pb?.alias).to.equal('Pierre-Bénite');
      expect(P.searchPlaces('cherbourg octeville')[0]?.place.code).to.equal('50129');
      const [plaine] = P.searchPlaces('la plaine saint denis');
      expect(plaine?.place.code).to.equal('93066');
      expect(plaine?.postcode).to.equal('93210');
    });

    it('finds current INSEE codes', () => {
      expect(P.searchPlaces('42218')[0]?.place.name).to.equal('Saint-Étienne');
      expect(P.searchPlaces('2A004')[0]?.place.name).to.equal('Ajaccio');
    });

    it('honours limit, departement and arrondissements options', () => {
      expect(P.searchPlaces('saint', { limit: 3 })).to.have.length(3);
      expect(P.searchPlaces('saint', { limit: 0 })).to.deep.equal([]);
      const in42 = P.searchPlaces('saint', { departement: '42', limit: 50 });
      expect(in42).to.have.length(50);
      for (const m of in42) expect(m.place.departement.code).to.equal('42');
      const noArr = P.searchPlaces('paris', { arrondissements: false });
      expect(noArr.every((m) => m.place.kind === 'commune')).to.equal(true);
      expect(P.searchPlaces('', {})).to.deep.equal([]);
      expect(P.searchPlaces('zzqxw')).to.deep.equal([]);
    });
  });

  describe('codes and areas', () => {
    it('gives the COG codes of Vitry-sur-Seine: département 94, région 11, EPCI and EPT', () => {
      const v = P.getCommune('94081')!;
      expect(v.name).to.equal('Vitry-sur-Seine');
      expect(v.kind).to.equal('commune');
      expect(v.postcodes).to.deep.equal(['94400']);
      expect(v.departement).to.deep.equal({ code: '94', name: 'Val-de-Marne' });
      expect(v.region).to.deep.equal({ code: '11', name: 'Île-de-France' });
      expect(v.epci).to.deep.equal({ code: '200054781', name: 'Métropole du Grand Paris', type: 'METRO' });
      expect(v.ept).to.deep.equal({ code: '200058014', name: 'Grand-Orly Seine Bièvre' });
      expect(v.lat).to.be.closeTo(48.788, 0.01);
      expect(v.lon).to.be.closeTo(2.394, 0.01);
      expect(v.population).to.be.within(80_000, 110_000);
      expect(Object.isFrozen(v)).to.equal(true);
      expect(P.getCommune('94081')).to.equal(v);

      expect(P.departementOfCommune('94081')?.code).to.equal('94');
      expect(P.departementOfCommune('94081')?.region.code).to.equal('11');
      expect(P.regionOfCommune('94081')?.code).to.equal('11');
      expect(P.epciOfCommune('94081')?.code).to.equal('200054781');
    });

    it('describes municipal arrondissements with their commune', () => {
      const a = P.getCommune('75111')!;
      expect(a.kind).to.equal('arrondissement');
      expect(a.name).to.equal('Paris 11e Arrondissement');
      expect(a.commune).to.deep.equal({ code: '75056', name: 'Paris' });
      expect(a.epci?.code).to.equal('200054781');
      expect(a.lat).to.be.closeTo(48.859, 0.01);
      expect(P.getCommune('69383')?.commune?.name).to.equal('Lyon');
      expect(P.getCommune('13201')?.postcodes).to.deep.equal(['13001']);
      const paris = P.getCommune('75056')!;
      expect(paris.postcodes).to.have.length(21);
      // Paris has no La Poste row of its own: centre derived from its arrondissements.
      expect(paris.lat).to.be.closeTo(48.86, 0.03);
      expect(paris.lon).to.be.closeTo(2.34, 0.03);
    });

    it('resolves communes merged after 2020, with coordinates', () => {
      // Oullins-Pierre-Bénite (2024) keeps the code of Oullins; Pierre-Bénite (69152) resolves to it.
      const opb = P.getCommune('69149')!;
      expect(opb.name).to.equal('Oullins-Pierre-Bénite');
      expect(opb.postcodes).to.deep.equal(['69310', '69600']);
      expect(opb.lat).to.be.closeTo(45.71, 0.05);
      expect(opb.lon).to.be.closeTo(4.8, 0.05);
      expect(P.getCommune('69152')).to.equal(opb);
      expect(P.isCurrentCommuneCode('69152')).to.equal(false);
      expect(P.isCurrentCommuneCode('69149')).to.equal(true);
      // Conques-en-Rouergue took a code La Poste (2020) did not know: centre from the former communes.
      const conques = P.getCommune('12218')!;
      expect(conques.name).to.equal('Conques-en-Rouergue');
      expect(conques.lat).to.be.closeTo(44.6, 0.1);
      expect(conques.lon).to.be.closeTo(2.4, 0.1);
      expect(P.getCommune('12076')?.code).to.equal('12218');
    });

    it('looks up départements, régions and EPCI', () => {
      expect(P.getDepartement('2a')).to.deep.equal({
        code: '2A',
        name: 'Corse-du-Sud',
        region: { code: '94', name: 'Corse' },
      });
      expect(P.getDepartement('1')?.name).to.equal('Ain');
      expect(P.getDepartement('974')?.region.name).to.equal('La Réunion');
      expect(P.getRegion('11')?.name).to.equal('Île-de-France');
      expect(P.listRegions().map((r) => r.code)).to.include.members(['11', '84', '94', '01']);
      expect(P.listDepartements()).to.have.length(109);
      expect(P.getEpci('200054781')?.type).to.equal('METRO');
      expect(P.getEpci('000000000')).to.equal(undefined);
      const members = P.epciMembers('200054781');
      expect(members.length).to.be.within(120, 140);
      expect(members.map((m) => m.code)).to.include.members(['75056', '94081', '93066']);
      expect(P.listEpcis().length).to.be.within(1200, 1300);
    });

    it('finds the communes of a postcode', () => {
      expect(P.communesByPostcode('75011').map((p) => p.code)).to.deep.equal(['75111', '75056']);
      const ain = P.communesByPostcode(1300); // a number: leading zero restored
      expect(ain.length).to.be.greaterThan(10);
      for (const p of ain) expect(p.postcodes).to.include('01300');
      const pops = ain.map((p) => p.population ?? 0);
      expect([...pops].sort((a, b) => b - a)).to.deep.equal(pops);
      expect(P.communesByPostcode('99999')).to.deep.equal([]);
      expect(P.communesByPostcode('abc')).to.deep.equal([]);
      expect(P.departementOfPostcode('94400')?.code).to.equal('94');
      expect(P.departementOfPostcode('20000')?.code).to.equal('2A');
      expect(P.departementOfPostcode('20200')?.code).to.equal('2B');
      expect(P.departementOfPostcode('77711')?.code).to.equal('77'); // CEDEX: from its digits
    });

    it('gives unknown codes as undefined', () => {
      expect(P.getCommune('00000')).to.equal(undefined);
      expect(P.getCommune('')).to.equal(undefined);
      expect(P.departementOfCommune('nope')).to.equal(undefined);
      expect(P.getDepartement('00')).to.equal(undefined);
    });
  });

  describe('lookupCommune', () => {
    // addressLocality / postalCode pairs as they appear in data/sources/transiscope-idf/transiscope.json.
    const transiscope: [string | null, string | number | null, string][] = [
      ['VITRY-SUR-SEINE', '94400', '94081'],
      ['Vitry sur Seine', '94400', '94081'],
      ['Vitry sur seine', '94400', '94081'],
      ['Vitry-sur-Seine', '94400', '94081'],
      ['Vitry s/Seine', '94400', '94081'],
      ['IVRY-SUR-SEINE', '94200', '94041'],
      ['Ivry', '94200', '94041'],
      ['PARIS-11E-ARRONDISSEMENT', '75011', '75111'],
      ['Paris', '75013', '75113'],
      ['Paris', 75018, '75118'],
      [null, 75011, '75111'],
      ['Montreuil-sous-bois', '93100', '93048'],
      ['Brie-Cte-Robert', '77170', '77053'],
      ['La Plaine Saint-Denis', '93210', '93066'],
      ['Saint Denis', '93200', '93066'],
      ['Saint ouen', '93400', '93070'],
      ["Saint Cyr l'Ecole", '78210', '78545'],
      ['Viry-Chatillon', '91170', '91687'],
      ['Evry', '91000', '91228'], // Évry merged into Évry-Courcouronnes (2019)
      ['Evry', '91', '91228'], // département only
      ['Roissy cdg cedex', '95716', '95527'], // CEDEX postcode
      ['Montereau', '77871', '77305'],
    ];
    for (const [name, postcode, code] of transiscope) {
      it(`${JSON.stringify(name)} ${JSON.stringify(postcode)} → ${code}`, () => {
        const m = P.lookupCommune({ name, postcode });
        expect(m?.place.code).to.equal(code);
      });
    }

    it('says how sure it is', () => {
      const exact = P.lookupCommune({ name: 'Vitry sur seine', postcode: '94400' })!;
      expect(exact.confidence).to.equal(1);
      expect(exact.matchedBy).to.equal('postcode+name');
      expect(exact.postcode).to.equal('94400');
      const conflict = P.lookupCommune({ name: 'Lyon', postcode: '75011' })!;
      expect(conflict.confidence).to.be.below(0.5);
      const junk = P.lookupCommune({ name: 'Marne la vallée', postcode: '77711' });
      expect(junk === undefined || junk.confidence < 0.5).to.equal(true);
      expect(P.lookupCommune({ name: 'qwxzzy' })).to.equal(undefined);
      expect(P.lookupCommune({})).to.equal(undefined);
      expect(P.lookupCommune({ postcode: '75000' })).to.equal(undefined);
    });

    it('resolves names without postcode, however written', () => {
      for (const name of ['VITRY-SUR-SEINE', 'Vitry/Seine', 'vitry s/ seine', 'Vitry sur Seine (94)']) {
        expect(P.lookupCommune({ name })?.place.code, name).to.equal('94081');
      }
      expect(P.lookupCommune({ name: 'Paris 11ème' })?.place.code).to.equal('75111');
      expect(P.lookupCommune({ name: '75011 Paris' })?.place.code).to.equal('75111');
      expect(P.lookupCommune({ name: 'Paris', postcode: '75000' })?.place.code).to.equal('75056');
      expect(P.lookupCommune({ name: 'Pierre-Bénite' })?.place.code).to.equal('69149');
    });

    it('separates homonyms with the département or a position', () => {
      expect(P.lookupCommune({ name: 'Saint-Denis' })?.confidence).to.be.below(0.7);
      expect(P.lookupCommune({ name: 'Saint-Denis', departement: '974' })?.place.code).to.equal('97411');
      expect(P.lookupCommune({ name: 'Saint-Denis', lat: -20.9, lon: 55.45 })?.place.code).to.equal('97411');
      expect(P.lookupCommune({ name: 'Saint-Denis', lat: 48.93, lon: 2.36 })?.place.code).to.equal('93066');
    });

    it('returns the commune instead of the arrondissement on request', () => {
      expect(P.lookupCommune({ name: 'Lyon', postcode: '69003' })?.place.code).to.equal('69383');
      expect(
        P.lookupCommune({ name: 'Lyon', postcode: '69003' }, { arrondissements: false })?.place.code,
      ).to.equal('69123');
      expect(P.lookupCommune({ postcode: '13001' }, { arrondissements: false })?.place.code).to.equal(
        '13055',
      );
    });
  });

  describe('nearestPlaces', () => {
    it('finds the places whose centre is nearest', () => {
      const [se] = P.nearestPlaces(45.4301, 4.3791);
      expect(se?.place.code).to.equal('42218');
      expect(se?.distanceKm).to.be.below(1);
      const three = P.nearestPlaces(48.8566, 2.3522, { limit: 3 });
      expect(three).to.have.length(3);
      expect(three.every((n) => n.place.kind === 'arrondissement')).to.equal(true);
      expect(three[0]!.distanceKm).to.be.at.most(three[2]!.distanceKm);
      expect(P.nearestPlaces(48.8566, 2.3522, { arrondissements: false })[0]?.place.code).to.equal('75056');
      // One distanceKm: the root's signature (the four-number one gave NaN when called like the root's).
      const paris = { lat: 48.8566, lon: 2.3522 };
      const lyon = { lat: 45.764, lon: 4.8357 };
      expect(P.distanceKm(paris, lyon)).to.be.closeTo(392, 5);
      expect(P.distanceKm(paris, lyon)).to.equal(distanceKm(paris, lyon));
    });
  });

  describe('nearestCommune (reverse lookup of a geolocation)', () => {
    it('gives the commune whose centre is nearest, with the codes its zones are written in', () => {
      // Saint-Étienne's town hall: the commune, its métropole, the Loire, Auvergne-Rhône-Alpes.
      const se = P.nearestCommune(45.4397, 4.3872)!;
      const expected = P.getCommune('42218')!;
      expect(se.place).to.equal(expected);
      expect(se.cog).to.deep.equal({
        commune: '42218',
        epci: expected.epci!.code,
        departement: '42',
        region: '84',
      });
      expect(se.cog.epci).to.match(/^\d{9}$/);
      expect(se.approximate).to.equal(true);
      expect(se.distanceKm).to.be.below(3);
      // In Paris, the arrondissement (with Paris' codes above it), or Paris itself on request.
      const p11 = P.nearestCommune(48.8589, 2.3795)!;
      expect(p11.place.kind).to.equal('arrondissement');
      expect(p11.place.commune?.code).to.equal('75056');
      expect(p11.cog.departement).to.equal('75');
      expect(p11.cog.region).to.equal('11');
      expect(P.nearestCommune(48.8589, 2.3795, { arrondissements: false })!.place.code).to.equal('75056');
    });

    it('gives, for every place with a centre, codes the feed schema accepts (zones can match them)', () => {
      let located = 0;
      for (const place of P.allPlaces()) {
        if (place.lat === undefined) continue;
        located++;
        const cog = P.cogOfPlace(place);
        const parsed = CogCodes.safeParse(cog);
        expect(parsed.success, `${place.code} ${JSON.stringify(cog)}`).to.equal(true);
      }
      expect(located).to.be.greaterThan(34_000);
    });

    it('agrees with nearestPlaces, and gives nothing at sea, abroad or for a non-coordinate', () => {
      for (const [lat, lon] of [
        [43.6045, 1.4442],
        [48.7904, 2.3903],
        [42.6976, 9.4508],
        [-21.1151, 55.5364],
      ] as const) {
        const near = P.nearestPlaces(lat, lon)[0]!;
        const got = P.nearestCommune(lat, lon)!;
        expect(got.place.code, `${lat},${lon}`).to.equal(near.place.code);
        expect(got.distanceKm).to.equal(near.distanceKm);
      }
      expect(P.nearestCommune(45.5, -8), 'Atlantic Ocean').to.equal(undefined);
      expect(P.nearestCommune(52.52, 13.405), 'Berlin').to.equal(undefined);
      expect(P.nearestCommune(Number.NaN, 2)).to.equal(undefined);
      expect(P.nearestCommune(91, 2)).to.equal(undefined);
      // A wider limit reaches farther: the nearest centre to a point off Brittany's coast.
      const offshore = P.nearestCommune(48.3, -5.4, { maxKm: 100 });
      expect(offshore?.place.departement.code).to.equal('29');
      expect(P.nearestCommune(48.3, -5.4, { maxKm: 1 })).to.equal(undefined);
    });
  });
});

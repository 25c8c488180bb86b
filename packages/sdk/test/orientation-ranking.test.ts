// The orientation engine: ranking and “why”, widening the area (packages/sdk/src/orientation), on the real embedded feed and a fixture parcours.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import type { Parcours } from '../src/schema/parcours.ts';
import type { Structure } from '../src/schema/structure.ts';
import { distanceKm as haversineKm } from '../src/core/geo.ts';
import {
  structures,
  P,
  places,
  byId,
  T,
  fixture,
  make,
  ids,
  loadOrientationData,
} from './helpers/orientation.ts';

describe('orientation', () => {
  before(async function () {
    this.timeout(60_000);
    await loadOrientationData();
  });

  describe('orientation: ranking and “why”, on real structures checked by hand', () => {
    // Seven real Transiscope structures of the east of Paris; the founder asks for funding near the centre
    // of the 11th arrondissement (48.859, 2.379). Distances (haversine): CIGALES 1.18 km, NEF 1.33,
    // MonEst 1.42, ADIE 1.43, IDFA 3.24, FINANSOL 3.90, the health centre 0.20.
    const subset = [
      'transiscope--3xDM', // Les CIGALES: theme finance solidaire + keyword « cigales »
      'transiscope--3yvL', // Ile de France Active: theme finance solidaire
      'transiscope--3yxi', // ADIE 75020: theme finance solidaire
      'transiscope--3z1b', // NEF Paris: theme finance solidaire
      'transiscope--3xU7', // Monnaie locale MonEst: theme finance solidaire
      'transiscope--3ylv', // FINANSOL: theme finance solidaire
      'transiscope--3yN9', // Centre de santé Fournier: health only
    ];

    it('ranks by weights met, then distance, and says why', () => {
      const o = make(fixture, { structures: subset.map(byId) });
      o.answer('who', 'founder');
      o.answer('project', 'money');
      o.answer('where', places.paris11);
      const r = o.getState().results!;
      expect(r.radiusKm).to.equal(5);
      expect(r.widened).to.equal(false);
      expect(r.explain).to.deep.equal([
        { fr: 'Financement : la finance solidaire.', en: 'Funding: solidarity finance.' },
      ]);
      // CIGALES meets every criterion: « porteurs de projet » in its description (the founder's, 1),
      // « cigales » (3) and the theme (1); the others only the theme (1), nearest first; the health centre
      // meets none and is not there.
      expect(ids(r)).to.deep.equal([
        'transiscope--3xDM',
        'transiscope--3z1b',
        'transiscope--3xU7',
        'transiscope--3yxi',
        'transiscope--3yvL',
        'transiscope--3ylv',
      ]);
      const [cigales, nef] = r.items;
      const d = haversineKm(places.paris11, byId('transiscope--3xDM').geo!);
      expect(cigales!.distanceKm).to.be.closeTo(1.18, 0.01);
      expect(cigales!.distanceKm).to.equal(d);
      expect(cigales!.reach).to.equal('near');
      expect(cigales!.score).to.be.closeTo(5 + (1 - d / 50), 0.0015);
      expect(nef!.score).to.be.closeTo(1.973, 0.001);
      expect(cigales!.reasons).to.deep.equal([
        {
          criterion: 'text',
          label: { fr: 'Mentionne', en: 'Mentions' },
          values: [
            {
              value: 'porteurs de projet',
              label: { fr: '« porteurs de projet »', en: '“porteurs de projet”' },
            },
          ],
          weight: 1,
          required: false,
          stepId: 'who',
          optionId: 'founder',
        },
        {
          criterion: 'text',
          label: { fr: 'Finance des projets', en: 'Funds projects' },
          values: [{ value: 'cigales', label: { fr: '« cigales »', en: '“cigales”' } }],
          weight: 3,
          required: false,
          stepId: 'project',
          optionId: 'money',
        },
        {
          criterion: 'themes',
          label: { fr: 'Thème', en: 'Theme' },
          values: [
            {
              value: 'theme--finance-solidaire',
              label: { fr: 'Finance solidaire', en: 'Solidarity finance' },
            },
          ],
          weight: 1,
          required: false,
          stepId: 'project',
          optionId: 'money',
        },
        {
          criterion: 'distance',
          label: { fr: 'Distance', en: 'Distance' },
          values: [{ value: '1.2', label: { fr: 'à 1,2 km', en: '1.2 km away' } }],
          weight: Math.round((1 - d / 50) * 1000) / 1000,
          required: false,
        },
      ]);
    });

    it('matches narrower concepts, slugs and prefixes, and filters on required criteria', () => {
      const parcours: Parcours = {
        ...fixture,
        start: 'q',
        steps: [
          {
            id: 'q',
            kind: 'single',
            question: T('Q', 'Q'),
            options: [
              // « finance-solidaire » is a slug; « monnaie locale » concepts are narrower ones.
              { id: 'a', label: T('A', 'A'), criteria: [{ field: 'themes', values: ['finance-solidaire'] }] },
              {
                id: 'b',
                label: T('B', 'B'),
                criteria: [
                  { field: 'text', values: ['épargn*'], weight: 2, required: true },
                  { field: 'themes', values: ['theme--finance-solidaire'] },
                ],
              },
            ],
          },
        ],
      };
      const o = make(parcours);
      o.answer('q', 'a');
      const all = o.getState().results!.items;
      const local = all.filter((i) => i.structure.themes?.includes('theme--echanges-monnaies-locales'));
      expect(local.length).to.be.greaterThan(50);
      for (const i of local)
        expect(i.reasons[0]!.values.map((v) => v.label.fr)).to.include(
          'Monnaies locales et systèmes d’échange',
        );
      o.restart();
      o.answer('q', 'b');
      const items = o.getState().results!.items;
      // CIGALES: « épargne » in its description (required), and the theme.
      const cigales = items.find((i) => i.id === 'transiscope--3xDM')!;
      expect(cigales.reasons[0]!.values[0]).to.deep.equal({
        value: 'epargne',
        label: { fr: '« épargn… »', en: '“épargn…”' },
      });
      expect(cigales.reasons[0]!.required).to.equal(true);
      expect(cigales.reasons[1]!.criterion).to.equal('themes');
      expect(items.every((i) => i.reasons[0]!.criterion === 'text')).to.equal(true);
      expect(items.length).to.be.lessThan(all.length);
    });

    it('breaks ties by distance, then by name (French order)', () => {
      const at = (id: string, name: string, lat: number): Structure => ({
        id: `test--${id}`,
        name,
        family: 'association',
        themes: ['theme--alimentation'],
        geo: { lat, lon: 2.379 },
        provenance: [{ source: 'test', localId: id }],
        updatedAt: '2026-01-01',
      });
      const data = [
        at('1', 'Gamma', 48.87),
        at('2', 'Bêta', 48.87),
        at('3', 'alpha', 48.87),
        at('4', 'Zêta', 48.86),
      ];
      // No distance weight: equal scores, ties by distance then name.
      const o = make({ ...fixture, distance: { weight: 0, radiiKm: [5] } }, { structures: data });
      o.answer('who', 'resident');
      o.answer('need', ['food']);
      o.answer('where', places.paris11);
      const r = o.getState().results!;
      expect(r.items.map((i) => i.structure.name)).to.deep.equal(['Zêta', 'alpha', 'Bêta', 'Gamma']);
      expect(new Set(r.items.map((i) => i.score))).to.deep.equal(new Set([2]));
    });
  });

  describe('orientation: widening the area, the honest empty state', () => {
    it('widens radius after radius until it finds something', () => {
      const o = make();
      o.answer('who', 'resident');
      o.answer('need', ['food']);
      o.answer('where', places.rural77);
      let r = o.getState().results!;
      // The nearest food structure of the feed is La Fromentellerie, 5.6 km from Jouy-le-Châtel.
      expect(r.tried).to.deep.equal([5]);
      expect(r.radiusKm).to.equal(10);
      expect(r.widened).to.equal(true);
      expect(r.notice).to.deep.equal({
        fr: 'Rien à moins de 5 km : la zone a été élargie à 10 km.',
        en: 'Nothing within 5 km: the area was widened to 10 km.',
      });
      expect(r.items.map((i) => [i.structure.name, Math.round(i.distanceKm! * 10) / 10])).to.deep.equal([
        ['La Fromentellerie', 5.6],
      ]);
      expect(r.located).to.equal(1);

      // Three results wanted: one more step (Ph'ann du Jardin 10.1 km, the AMAP of Beautheil 11.9 km…).
      const parcours3 = { ...fixture, distance: { ...fixture.distance, minResults: 3 } };
      const o3 = make(parcours3, {
        initialAnswers: { who: 'resident', need: ['food'], where: places.rural77 },
      });
      r = o3.getState().results!;
      expect(r.tried).to.deep.equal([5, 10]);
      expect(r.radiusKm).to.equal(25);
      expect(r.notice!.fr).to.equal(
        'Trop peu de résultats à moins de 10 km : la zone a été élargie à 25 km.',
      );
      expect(r.items.every((i) => i.reach === 'near' && i.distanceKm! <= 25)).to.equal(true);
      expect(r.located).to.equal(r.items.length);
      expect(r.located).to.be.at.least(3);
      const within = (km: number) =>
        structures.filter(
          (x) => x.themes?.includes('theme--alimentation') && haversineKm(places.rural77, x.geo!) <= km,
        );
      expect(r.items.length).to.equal(within(25).length);
      expect(within(10)).to.have.length(1);
    });

    it('searches the whole feed from a place far from every structure, nearest first', () => {
      const mende = P.getCommune('48095')!; // Mende, Lozère: 500 km from Île-de-France
      const o = make();
      o.setAnswers({
        who: 'resident',
        need: ['repair'],
        where: {
          lat: mende.lat!,
          lon: mende.lon!,
          label: 'Mende',
          cog: { commune: '48095', departement: '48' },
        },
      });
      const r = o.getState().results!;
      expect(r.tried).to.deep.equal([5, 10, 25, 50]);
      expect(r.radiusKm).to.equal(null);
      expect(r.located).to.equal(0);
      expect(r.notice!.fr).to.match(/^Rien à moins de 50 km : voici ce que le flux propose ailleurs/);
      expect(r.items.length).to.be.greaterThan(100);
      expect(r.items.every((i) => i.reach === 'far' && i.distanceKm! > 400)).to.equal(true);
      // Same weights everywhere (theme only): nearest first.
      for (let i = 1; i < r.items.length; i++)
        expect(r.items[i]!.distanceKm!).to.be.at.least(r.items[i - 1]!.distanceKm!);
    });

    it('ends in the honest message and alternatives when the feed has nothing, even everywhere', () => {
      const o = make();
      o.setAnswers({ who: 'founder', project: 'nothing', where: places.paris11 });
      const r = o.getState().results!;
      expect(r.items).to.deep.equal([]);
      expect(r.tried).to.deep.equal([5, 10, 25, 50]);
      expect(r.radiusKm).to.equal(null);
      expect(r.notice).to.equal(undefined);
      expect(r.empty).to.deep.equal({
        message: { fr: 'Le flux n’a rien pour ce besoin.', en: 'The feed has nothing for this need.' },
        alternatives: [
          { label: { fr: 'Voir le financement', en: 'See funding' }, answers: { project: 'money' } },
        ],
      });
      o.setAnswers(r.empty!.alternatives[0]!.answers);
      expect(o.getState().answers.project).to.equal('money');
      expect(o.getState().results!.items.length).to.be.greaterThan(10);
      // Without an empty of its own, the parcours' default message.
      const plain = make({ ...fixture, empty: T('Rien.', 'Nothing.') });
      plain.setAnswers({ who: 'resident', need: ['food'], where: null });
      expect(plain.getState().results!.empty).to.equal(undefined);
      const none = make({ ...fixture, empty: T('Rien.', 'Nothing.') }, { structures: [] });
      none.setAnswers({ who: 'resident', need: ['food'], where: null });
      expect(none.getState().results!.empty).to.deep.equal({
        message: { fr: 'Rien.', en: 'Nothing.' },
        alternatives: [],
      });
    });
  });
});

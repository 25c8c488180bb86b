// The orientation engine: services and eligibility zones, every path of the default parcours (packages/sdk/src/orientation), on the real embedded feed and a fixture parcours.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import {
  type AnswerValue,
  type Answers,
  createOrientation,
  type OrientationConnector,
  type OrientationPlace,
} from '../src/orientation/index.ts';
import type { Parcours } from '../src/schema/parcours.ts';
import type { Service, Structure } from '../src/schema/structure.ts';
import {
  taxonomy,
  defaultParcours,
  places,
  T,
  make,
  ids,
  loadOrientationData,
  placeOf,
} from './helpers/orientation.ts';

describe('orientation', () => {
  before(async function () {
    this.timeout(60_000);
    await loadOrientationData();
  });

  describe('orientation: services, service types and eligibility zones', () => {
    const structure: Structure = {
      id: 'test--s',
      name: 'Maison de l’emploi de test',
      family: 'association',
      geo: { lat: 48.86, lon: 2.38 }, // Paris 11e
      address: { cog: { commune: '75056', departement: '75', region: '11' } },
      provenance: [{ source: 'test', localId: 's' }],
      updatedAt: '2026-01-01',
    };
    const service = (id: string, extra: Partial<Service>): Service => ({
      id: `test--${id}`,
      structureId: 'test--s',
      name: `Service ${id}`,
      provenance: [{ source: 'test', localId: id }],
      updatedAt: '2026-01-01',
      ...extra,
    });
    const services = [
      service('val-de-marne', { types: ['formation'], eligibility: [{ kind: 'departement', code: '94' }] }),
      service('france', { types: ['formation'], eligibility: [{ kind: 'france' }] }),
      service('sur-place', { types: ['accompagnement'] }),
    ];
    const parcours: Parcours = {
      id: 's',
      version: '1',
      title: T('S', 'S'),
      start: 'q',
      steps: [
        {
          id: 'q',
          kind: 'single',
          question: T('Q', 'Q'),
          next: 'o',
          options: [
            {
              id: 'train',
              label: T('Se former', 'Training'),
              criteria: [{ field: 'serviceTypes', values: ['formation'] }],
            },
            {
              id: 'zone',
              label: T('Zone', 'Area'),
              criteria: [{ field: 'eligibility', values: ['departement:94', 'commune:75056'] }],
            },
          ],
        },
        { id: 'o', kind: 'place', question: T('Où ?', 'Where?') },
      ],
      distance: { radiiKm: [5, 10] },
    };

    it('keeps services for the people they are open to, and says so', () => {
      const o = createOrientation(parcours, { structures: [structure], services, taxonomy });
      o.setAnswers({ q: 'train', o: places.vitry });
      let r = o.getState().results!;
      // Same criteria, same distance (at the structure): by name.
      expect(ids(r)).to.deep.equal(['test--france', 'test--val-de-marne']);
      const [fr, vdm] = r.items;
      expect(vdm!.kind).to.equal('service');
      expect(vdm!.structure.id).to.equal('test--s');
      expect(vdm!.reach).to.equal('zone'); // 8 km away, beyond the first radius, but open to Vitry
      expect(vdm!.reasons.map((x) => x.criterion)).to.deep.equal(['serviceTypes', 'eligibility', 'distance']);
      expect(vdm!.reasons[0]!.values).to.deep.equal([
        { value: 'formation', label: { fr: 'Formation', en: 'Training' } },
      ]);
      expect(vdm!.reasons[1]).to.deep.include({
        label: { fr: 'Accessible depuis votre lieu', en: 'Available where you are' },
        values: [{ value: 'departement:94', label: { fr: 'Département 94', en: 'Département 94' } }],
        required: true,
      });
      expect(fr!.reach).to.equal('national');
      expect(r.radiusKm).to.equal(5);

      // From Paris, the Val-de-Marne service is not open: only the national one, given at the structure.
      o.setPlace(places.paris11);
      r = o.getState().results!;
      expect(ids(r)).to.deep.equal(['test--france']);
      expect(r.items[0]!.reach).to.equal('near');
      expect(r.radiusKm).to.equal(5);

      // Eligibility as a criterion: the structure's address (Paris) and the service's zone (94).
      o.setAnswers({ q: 'zone' });
      r = o.getState().results!;
      expect(ids(r).sort()).to.deep.equal(['test--sur-place']);
      expect(r.items[0]!.reasons[0]!.values[0]).to.deep.equal({
        value: 'commune:75056',
        label: { fr: 'Commune 75056', en: 'Commune 75056' },
      });
    });
  });

  // ---------------------------------------------------------------------------------------------------
  // Every path of the default parcours, from three real places, on the embedded feed.

  interface Path {
    who: string;
    need: string;
    sub?: [string, string];
  }

  function paths(parcours: Parcours): Path[] {
    const steps = new Map(parcours.steps.map((s) => [s.id, s]));
    const out: Path[] = [];
    for (const who of steps.get('qui')!.options!) {
      for (const need of steps.get('besoin')!.options!) {
        const sub = need.next ? steps.get(need.next) : undefined;
        if (sub && sub.kind !== 'place')
          for (const o of sub.options!) out.push({ who: who.id, need: need.id, sub: [sub.id, o.id] });
        else out.push({ who: who.id, need: need.id });
      }
    }
    return out;
  }

  const label = (p: Path) => `${p.who} × ${p.need}${p.sub ? `/${p.sub[1]}` : ''}`;

  function run(o: OrientationConnector, p: Path, place: OrientationPlace) {
    o.restart();
    o.answer('qui', p.who);
    o.answer('besoin', p.need);
    if (p.sub) o.answer(p.sub[0], p.sub[1]);
    o.answer('lieu', place);
    return o.getState();
  }

  describe('orientation: every path of the default parcours, on the embedded feed', function () {
    this.timeout(60_000);
    const NEED_STEPS = new Set(['besoin', 'service', 'travail', 'creation', 'achat']);
    let o: OrientationConnector;
    let realFetch: typeof fetch;
    let fetches = 0;

    before(() => {
      o = make(defaultParcours);
      // Nothing the person answers leaves the engine.
      realFetch = globalThis.fetch;
      globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
        fetches++;
        return realFetch(...args);
      }) as typeof fetch;
    });
    after(() => {
      globalThis.fetch = realFetch;
      expect(fetches).to.equal(0);
    });

    it('has 5 persons × 27 needs, each asked in plain French with English', () => {
      const all = paths(defaultParcours);
      expect(all).to.have.length(5 * 27);
      for (const step of defaultParcours.steps) {
        expect(step.question.en, step.id).to.be.a('string');
        for (const option of step.options ?? []) {
          expect(option.label.en, option.id).to.be.a('string');
          // Who you are only ranks; what you need filters (a result meets at least one of its criteria).
          if (step.id === 'qui') expect(option.mustMatch, option.id).to.equal(undefined);
          else if (option.criteria) expect(option.mustMatch, option.id).to.equal('any');
        }
      }
    });

    for (const placeName of ['paris11', 'vitry', 'rural77'] as const) {
      it(`ends every path in results with reasons, or in the honest empty state: ${placeName}`, () => {
        const place = places[placeName];
        const empties: string[] = [];
        for (const p of paths(defaultParcours)) {
          const s = run(o, p, place);
          const name = label(p);
          expect(s.errors, name).to.deep.equal([]);
          expect(s.done, name).to.equal(true);
          expect(s.path.at(-1), name).to.equal('lieu');
          expect(s.stepNumber, name).to.equal(s.totalSteps);
          const r = s.results!;
          expect(r.explain.length, name).to.be.greaterThan(0);
          if (r.items.length === 0) {
            empties.push(`${p.need}/${p.sub?.[1]}`);
            expect(r.radiusKm, name).to.equal(null);
            expect(r.empty!.message.fr, name).to.match(/^Ce flux|^Aucune structure/);
            expect(r.empty!.message.en, name).to.be.a('string').and.not.equal(r.empty!.message.fr);
            expect(r.empty!.alternatives.length, name).to.be.greaterThan(0);
            // Each alternative leads somewhere.
            for (const alt of r.empty!.alternatives) {
              const other = make(defaultParcours, {
                initialAnswers: { ...s.answers, ...alt.answers } as Answers,
              });
              expect(other.getState().done, `${name} → ${alt.label.fr}`).to.equal(true);
              expect(other.getState().results!.items.length, `${name} → ${alt.label.fr}`).to.be.greaterThan(
                0,
              );
            }
            continue;
          }
          expect(r.empty, name).to.equal(undefined);
          // Enough located results in the area, unless the whole feed was searched.
          if (r.radiusKm !== null) expect(r.located, name).to.be.at.least(3);
          // Plain checks (thousands of results): one assertion per path.
          const problems: string[] = [];
          const text = (m: { fr: string; en: string }) =>
            typeof m.fr === 'string' && m.fr !== '' && typeof m.en === 'string' && m.en !== '';
          for (const [i, item] of r.items.entries()) {
            const at = `${name}: ${item.structure.name}`;
            if (!item.reasons.some((x) => x.stepId !== undefined && NEED_STEPS.has(x.stepId)))
              problems.push(`${at}: no reason from the need`);
            if (
              !item.reasons.every(
                (x) => text(x.label) && x.values.length > 0 && x.values.every((v) => text(v.label)),
              )
            )
              problems.push(`${at}: a reason without bilingual labels or values`);
            if (
              item.structure.geo
                ? typeof item.distanceKm !== 'number'
                : !['national', 'zone', 'far'].includes(item.reach!)
            )
              problems.push(`${at}: distance or reach`);
            if (r.radiusKm !== null && item.reach === 'near' && item.distanceKm! > r.radiusKm)
              problems.push(`${at}: outside the radius`);
            const prev = r.items[i - 1];
            if (prev && (prev.reach === 'far') === (item.reach === 'far')) {
              const d = (x: typeof item) => x.distanceKm ?? Number.POSITIVE_INFINITY;
              if (prev.score < item.score || (prev.score === item.score && d(prev) > d(item)))
                problems.push(`${at}: out of order`);
            }
          }
          expect(problems).to.deep.equal([]);
          // The link gives the same answers back.
          const again = make(defaultParcours, { structures: [] });
          expect(again.parseAnswers(o.serializeAnswers()), name).to.deep.equal([]);
          expect(again.getState().answers, name).to.deep.equal({
            ...s.answers,
            lieu: {
              ...place,
              lat: Math.round(place.lat * 100) / 100,
              lon: Math.round(place.lon * 100) / 100,
            } as AnswerValue,
          });
        }
        // What the embedded feed has nothing for, wherever one asks from: home care and VAE.
        expect([...new Set(empties)].sort()).to.deep.equal(['service/aide-domicile', 'travailler/vae']);
        expect(empties).to.have.length(2 * 5);
      });
    }

    it('offers nearby results in Paris 11e for every need the feed covers, and national networks from the seeds', () => {
      const s = run(o, { who: 'porteur', need: 'creer', sub: ['creation', 'financement'] }, places.paris11);
      const r = s.results!;
      expect(r.radiusKm).to.equal(5);
      expect(ids(r)).to.include('seeds--france-active');
      const fa = r.items.find((i) => i.id === 'seeds--france-active')!;
      expect(fa.reach).to.equal('national');
      expect(fa.distanceKm).to.equal(undefined);
      expect(ids(r)).to.not.include('seeds--france-active-mpa-occitanie'); // Occitanie, not Paris
      // An Occitanie network is offered in Occitanie, as a territorial result.
      const toulouse = placeOf('Toulouse', '31555');
      const t = run(o, { who: 'structure', need: 'comprendre' }, toulouse).results!;
      const cress = t.items.find((i) => i.id === 'seeds--cress-occitanie')!;
      expect(cress.reach).to.equal('zone');
      expect(cress.reasons.find((x) => x.criterion === 'eligibility')!.values[0]!.value).to.equal(
        'departement:31',
      );
    });
  });
});

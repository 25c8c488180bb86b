// The orientation engine (packages/sdk/src/orientation) and the default parcours, on the real embedded feed.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import {
  type AnswerValue,
  type Answers,
  createLazyOrientation,
  createOrientation,
  InvalidParcoursError,
  type OrientationConnector,
  type OrientationPlace,
  type OrientationResults,
  parseAnswers,
  serializeAnswers,
} from '../src/orientation/index.ts';
import type * as Places from '../src/places/index.ts';
import { loadPlaces } from '../src/places/load.ts';
import { createJourney } from '../src/orientation/journey.ts';
import { createRanker } from '../src/orientation/ranker.ts';
import { type Parcours, Parcours as ParcoursSchema } from '../src/schema/parcours.ts';
import type { Service, Structure } from '../src/schema/structure.ts';
import type { Taxonomy } from '../src/schema/taxonomy.ts';
import { distanceKm as haversineKm } from '../src/core/geo.ts';
import { readRepoJson, readRepoText } from './helpers/files.ts';

let structures: Structure[];
let taxonomy: Taxonomy;
let defaultParcours: Parcours;
let P: typeof Places;
/** Real centres (La Poste) and COG codes of the three places of the enumeration. */
const places: Record<'paris11' | 'vitry' | 'rural77', OrientationPlace> = {} as never;

function placeOf(name: string, code: string): OrientationPlace {
  const place = P.getCommune(code)!;
  expect(place, code).to.not.equal(undefined);
  expect(place.name).to.equal(name);
  const cog: OrientationPlace['cog'] = {
    commune: place.code,
    departement: place.departement.code,
    region: place.region.code,
  };
  if (place.epci) cog.epci = place.epci.code;
  return { lat: place.lat!, lon: place.lon!, label: `${place.name} (${place.postcodes[0]})`, cog };
}

const byId = (id: string) => {
  const s = structures.find((x) => x.id === id);
  if (!s) throw new Error(`no structure ${id} in data/feed/structures.json`);
  return s;
};

// ---------------------------------------------------------------------------------------------------
// A small parcours with branching, used by most tests.

const T = (fr: string, en: string) => ({ fr, en });
const fixture: Parcours = {
  id: 'test',
  version: '1',
  title: T('Essai', 'Test'),
  start: 'who',
  steps: [
    {
      id: 'who',
      key: 'w',
      kind: 'single',
      required: true,
      question: T('Qui êtes-vous ?', 'Who are you?'),
      next: 'where',
      options: [
        { id: 'resident', key: 'r', label: T('Habitant', 'Resident'), next: 'need' },
        {
          id: 'founder',
          key: 'f',
          label: T('Porteur de projet', 'Founder'),
          next: 'project',
          criteria: [{ field: 'text', values: ['porteurs de projet'], weight: 1 }],
        },
      ],
    },
    {
      id: 'need',
      key: 'n',
      kind: 'multiple',
      required: true,
      question: T('De quoi avez-vous besoin ?', 'What do you need?'),
      next: 'where',
      options: [
        {
          id: 'food',
          key: 'fo',
          label: T('Se nourrir', 'Food'),
          criteria: [{ field: 'themes', values: ['alimentation'], weight: 2 }],
          mustMatch: 'any',
        },
        {
          id: 'repair',
          key: 're',
          label: T('Réparer', 'Repair'),
          criteria: [{ field: 'themes', values: ['theme--reemploi-recyclage'], weight: 2 }],
          mustMatch: 'any',
        },
      ],
    },
    {
      id: 'project',
      key: 'p',
      kind: 'single',
      question: T('Votre projet a besoin de…', 'Your project needs…'),
      next: 'where',
      options: [
        {
          id: 'money',
          key: 'm',
          label: T('Financement', 'Funding'),
          criteria: [
            {
              field: 'text',
              values: ['cigales', 'microcrédit'],
              weight: 3,
              label: T('Finance des projets', 'Funds projects'),
            },
            { field: 'themes', values: ['theme--finance-solidaire'], weight: 1 },
          ],
          mustMatch: 'any',
          explain: T('Financement : la finance solidaire.', 'Funding: solidarity finance.'),
        },
        {
          id: 'nothing',
          key: 'x',
          label: T('Rien', 'Nothing'),
          criteria: [{ field: 'text', values: ['xyzzy'] }],
          mustMatch: 'any',
          empty: {
            message: T('Le flux n’a rien pour ce besoin.', 'The feed has nothing for this need.'),
            alternatives: [{ label: T('Voir le financement', 'See funding'), answers: { project: 'money' } }],
          },
        },
      ],
    },
    { id: 'where', key: 'o', kind: 'place', question: T('Où êtes-vous ?', 'Where are you?') },
  ],
  distance: { weight: 1, radiiKm: [5, 10, 25, 50] },
};

const make = (parcours: Parcours = fixture, data: Partial<Parameters<typeof createOrientation>[1]> = {}) =>
  createOrientation(parcours, { structures, taxonomy, ...data });

const ids = (r: OrientationResults | undefined) => (r?.items ?? []).map((i) => i.id);

describe('orientation', () => {
  before(async function () {
    this.timeout(60_000);
    const [s, t, p, built] = await Promise.all([
      readRepoJson<Structure[]>('data/feed/structures.json'),
      readRepoJson<Taxonomy>('data/feed/taxonomy.json'),
      readRepoJson<unknown>('data/parcours/essaim.parcours.json'),
      readRepoJson<unknown[]>('data/feed/parcours.json'),
    ]);
    structures = s;
    taxonomy = t;
    const parsed = ParcoursSchema.safeParse(p);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    defaultParcours = parsed.data;
    // The build (`pnpm feed:build`) picked it up as is.
    expect(built).to.deep.equal([p]);
    P = await loadPlaces();
    places.paris11 = placeOf('Paris 11e Arrondissement', '75111');
    places.vitry = placeOf('Vitry-sur-Seine', '94081');
    // Jouy-le-Châtel (Seine-et-Marne, 1,600 inhabitants, communauté de communes du Provinois): nothing of
    // the feed within 10 km.
    places.rural77 = placeOf('Jouy-le-Châtel', '77239');
  });

  describe('orientation: the parcours schema', () => {
    it('accepts the fixture and the default parcours, and refuses broken references in both languages', () => {
      expect(ParcoursSchema.safeParse(fixture).success).to.equal(true);
      const broken = structuredClone(fixture) as Parcours;
      broken.steps[0]!.options![0]!.next = 'nowhere';
      broken.steps[1]!.options![1]!.id = 'food';
      broken.steps[2]!.options![1]!.empty!.alternatives![0]!.answers = { project: 'gold' };
      const r = ParcoursSchema.safeParse(broken);
      expect(r.success).to.equal(false);
      const messages = r.error!.issues.map((i) => i.message);
      expect(messages).to.include('Unknown next step "nowhere"');
      expect(messages).to.include('Duplicate option id "food" in step "need"');
      expect(messages.some((m) => m.startsWith('Alternative names an unknown step or option'))).to.equal(
        true,
      );
      expect(() => createOrientation(broken, { structures: [] }))
        .to.throw(InvalidParcoursError)
        .with.property('messages')
        .that.satisfies((m: { fr: string; en: string }) =>
          m.fr.includes('Étape suivante inconnue : « nowhere »'),
        );

      const loop = structuredClone(fixture) as Parcours;
      loop.steps[3]!.next = 'who';
      expect(() => createOrientation(loop, { structures: [] })).to.throw(/loop/);
    });
    it('the complete example of data/parcours/README.md is valid and runs on the embedded feed', async () => {
      const readme = await readRepoText('data/parcours/README.md');
      const block = /## A complete example\s+```json\n([\s\S]*?)\n```/.exec(readme);
      expect(block, 'the example block').to.not.equal(null);
      const parsed = ParcoursSchema.safeParse(JSON.parse(block![1]!));
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
      const o = make(parsed.data);
      o.answer('qui', 'habitant');
      expect(o.getState().step?.kind).to.equal('multiple');
      o.answer('besoins', ['manger', 'reparer']);
      o.answer('lieu', places.vitry);
      const r = o.getState().results!;
      expect(r.items.length).to.be.greaterThan(0);
      expect(r.items[0]!.reasons.some((x) => x.stepId === 'besoins')).to.equal(true);
      expect(r.items[0]!.distanceKm).to.be.a('number');
      // The founder's branch skips the needs, and its `empty` names a real alternative.
      o.restart();
      o.answer('qui', 'porteur');
      expect(o.getState().step?.id).to.equal('lieu');
      expect(o.getState().path).to.deep.equal(['qui', 'lieu']);
    });
  });

  describe('orientation: journey, branching and navigation', () => {
    it('follows the branch of each answer, counts its steps, goes back and restarts', () => {
      const o = make();
      const seen: string[] = [];
      o.subscribe((s) => seen.push(s.step?.id ?? 'results'));
      let s = o.getState();
      expect(s.step?.id).to.equal('who');
      expect([s.stepNumber, s.totalSteps, s.canGoBack, s.done, s.results]).to.deep.equal([
        1,
        2,
        false,
        false,
        undefined,
      ]);

      o.back(); // nothing before the first question: no change, no notification
      expect(o.getState()).to.equal(s);
      expect(seen).to.deep.equal([]);

      o.answer('who', 'resident');
      s = o.getState();
      expect(s.step?.id).to.equal('need');
      expect(s.path).to.deep.equal(['who', 'need', 'where']);
      expect([s.stepNumber, s.totalSteps, s.canGoBack]).to.deep.equal([2, 3, true]);

      o.answer('need', ['repair', 'food']); // kept in the parcours' order
      expect(o.getState().answers.need).to.deep.equal(['food', 'repair']);
      expect(o.getState().step?.id).to.equal('where');

      // Back to the first question, another branch: the answers of the abandoned one are dropped.
      o.goTo('who');
      expect(o.getState().step?.id).to.equal('who');
      expect(o.getState().answers.need).to.deep.equal(['food', 'repair']);
      o.answer('who', 'founder');
      s = o.getState();
      expect(s.path).to.deep.equal(['who', 'project', 'where']);
      expect(s.answers).to.deep.equal({ who: 'founder' });
      expect(s.step?.id).to.equal('project');

      // Not reachable yet: the place comes after the project question.
      o.goTo('where');
      expect(o.getState().errors[0]?.code).to.equal('not-reachable');
      expect(o.getState().step?.id).to.equal('project');

      o.answer('project', null); // not required: left aside
      o.answer('where', null); // not required either
      s = o.getState();
      expect(s.done).to.equal(true);
      expect(s.step).to.equal(undefined);
      expect([s.stepNumber, s.totalSteps, s.canGoBack]).to.deep.equal([3, 3, true]);
      expect(s.answers).to.deep.equal({ who: 'founder', project: null, where: null });
      // Only the founder's criterion is left: no place, so no distance, no radius.
      expect(s.results!.radiusKm).to.equal(null);
      expect(s.results!.items.every((i) => i.distanceKm === undefined && i.reach === undefined)).to.equal(
        true,
      );

      o.back();
      expect(o.getState().step?.id).to.equal('where');
      o.restart();
      s = o.getState();
      expect(s.step?.id).to.equal('who');
      expect(s.answers).to.deep.equal({});
      expect(seen).to.deep.equal([
        'need',
        'where',
        'who',
        'project',
        'project', // the refused goTo (errors changed)
        'where',
        'results',
        'where',
        'who',
      ]);
    });

    it('refuses unknown, missing and impossible answers with bilingual messages, changing nothing else', () => {
      const o = make();
      const before = o.getState();
      o.answer('who', 'martian');
      let e = o.getState().errors;
      expect(e).to.have.length(1);
      expect(e[0]).to.include({ code: 'unknown-option', stepId: 'who', value: 'martian' });
      expect(e[0]!.message.fr).to.equal('« martian » n’est pas une réponse possible à « Qui êtes-vous ? ».');
      expect(e[0]!.message.en).to.equal('“martian” is not a possible answer to “Who are you?”.');
      expect(o.getState().step).to.equal(before.step);
      expect(o.getState().answers).to.deep.equal({});

      o.answer('who', null);
      e = o.getState().errors;
      expect(e[0]!.code).to.equal('required');
      expect(e[0]!.message.fr).to.equal('Cette question demande une réponse : « Qui êtes-vous ? »');
      expect(e[0]!.message.en).to.equal('This question needs an answer: “Who are you?”');

      o.answer('who', ['resident', 'founder']);
      expect(o.getState().errors[0]!.code).to.equal('invalid-value');
      expect(o.getState().errors[0]!.message.fr).to.contain('Une seule réponse');

      o.answer('who', 42 as unknown as string);
      expect(o.getState().errors[0]!.code).to.equal('invalid-value');

      o.answer('nowhere', 'x');
      expect(o.getState().errors[0]).to.include({ code: 'unknown-step', stepId: 'nowhere' });
      expect(o.getState().errors[0]!.message.fr).to.equal('Étape inconnue : « nowhere ».');

      o.answer('need', ['food']); // not on the branch yet
      expect(o.getState().errors[0]!.code).to.equal('not-reachable');

      o.answer('who', 'resident');
      expect(o.getState().errors).to.deep.equal([]);
      o.answer('need', []);
      expect(o.getState().errors[0]!.code).to.equal('required');
      o.answer('need', ['food', 'gold']);
      expect(o.getState().errors[0]).to.include({ code: 'unknown-option', value: 'gold' });
      o.answer('need', 'food'); // one id for a multiple choice is fine
      expect(o.getState().answers.need).to.deep.equal(['food']);

      for (const bad of [
        { lat: 200, lon: 2, label: 'x' },
        { lat: 48, lon: Number.NaN, label: 'x' },
        { lat: 48, lon: 2, label: ' ' },
        { lat: 48, lon: 2, label: 'x', cog: { commune: '123' } },
      ]) {
        o.setPlace(bad);
        expect(o.getState().errors[0]!.code, JSON.stringify(bad)).to.equal('invalid-place');
        expect(o.getState().errors[0]!.message.en).to.contain('Invalid place');
        expect(o.getState().place).to.equal(undefined);
      }
    });

    it('sets the place from outside (geolocation) without skipping the questions before it', () => {
      const o = make();
      o.setPlace(places.vitry);
      expect(o.getState().step?.id).to.equal('who');
      expect(o.getState().place).to.deep.equal(places.vitry);
      o.answer('who', 'resident');
      o.answer('need', ['food']);
      // The place step is already answered: the next question shows it, then the results.
      expect(o.getState().step?.id).to.equal('where');
      expect(o.getState().answers.where).to.deep.equal(places.vitry);
      o.answer('where', o.getState().answers.where!);
      expect(o.getState().done).to.equal(true);
      expect(o.getState().results!.items[0]!.distanceKm).to.be.lessThan(5);
      // Cleared: back to the place question.
      o.setPlace(undefined);
      expect(o.getState().step?.id).to.equal('where');
      expect(o.getState().place).to.equal(undefined);
    });
    it('multiple choice: any chosen option is enough, each adds its criteria, the reasons name it', () => {
      const resultsFor = (need: string[]) => {
        const o = make();
        o.answer('who', 'resident');
        expect(o.getState().step?.kind).to.equal('multiple');
        o.answer('need', need);
        o.answer('where', null);
        return o.getState().results!;
      };
      const food = ids(resultsFor(['food']));
      const repair = ids(resultsFor(['repair']));
      expect(food.length, 'food').to.be.greaterThan(0);
      expect(repair.length, 'repair').to.be.greaterThan(0);
      const both = resultsFor(['repair', 'food']);
      expect([...ids(both)].sort()).to.deep.equal([...new Set([...food, ...repair])].sort());
      for (const item of both.items) {
        const met = item.reasons.filter((r) => r.stepId === 'need').map((r) => r.optionId);
        expect(met.length, item.id).to.be.greaterThan(0);
        expect(met.includes('food'), item.id).to.equal(food.includes(item.id));
        expect(met.includes('repair'), item.id).to.equal(repair.includes(item.id));
        expect(item.score).to.equal(item.reasons.reduce((sum, r) => sum + r.weight, 0));
      }
      // A record that meets both needs outranks one that meets only one.
      const meetsBoth = both.items.filter((i) => food.includes(i.id) && repair.includes(i.id));
      if (meetsBoth.length)
        expect(food.includes(both.items[0]!.id) && repair.includes(both.items[0]!.id)).to.equal(true);
    });

    it('createLazyOrientation: the same journey, the results once the ranking code has arrived', async () => {
      const lazy = createLazyOrientation(fixture, { structures, taxonomy });
      const eager = make();
      expect(lazy.getState().step).to.equal(eager.getState().step);
      for (const o of [lazy, eager]) {
        o.answer('who', 'resident');
        o.answer('need', ['food']);
        o.answer('where', places.vitry);
      }
      const arrived = new Promise<void>((resolve) => {
        const off = lazy.subscribe((s) => {
          if (s.results) {
            off();
            resolve();
          }
        });
      });
      if (!lazy.getState().results) {
        expect(lazy.getState().done).to.equal(true);
        await arrived;
      }
      expect(ids(lazy.getState().results)).to.deep.equal(ids(eager.getState().results));
      expect(lazy.getState().results!.items[0]!.reasons).to.deep.equal(
        eager.getState().results!.items[0]!.reasons,
      );
    });
    it('says so when the ranking code cannot be loaded, and retries on the next answer (or preload())', async () => {
      let attempts = 0;
      const o = createJourney(
        fixture,
        { structures, taxonomy, onListenerError: () => {} },
        {
          load: async () => {
            attempts++;
            if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
            return createRanker();
          },
        },
      );
      const next = () =>
        new Promise<void>((resolve) => {
          const off = o.subscribe(() => {
            off();
            resolve();
          });
        });
      const error = console.error;
      console.error = () => {};
      try {
        const failed = next();
        o.answer('who', 'resident'); // starts the load
        await failed;
      } finally {
        console.error = error;
      }
      expect(attempts).to.equal(1);
      expect(o.getState().errors[0]?.code).to.equal('unavailable');
      expect(o.getState().errors[0]?.message.fr).to.contain('Vérifiez votre connexion');
      o.answer('need', ['food']);
      o.answer('where', null);
      expect(o.getState().done).to.equal(true);
      expect(o.getState().results, 'not retried by itself').to.equal(undefined);
      expect(attempts).to.equal(2); // the next answer retried, and this time it loads
      await next();
      expect(o.getState().results!.items.length).to.be.greaterThan(0);
      expect(o.getState().errors).to.deep.equal([]);
    });
  });

  describe('orientation: answers in a link', () => {
    it('round-trips answers through short, stable keys (coordinates rounded to about 1 km)', () => {
      const o = make();
      o.answer('who', 'resident');
      o.answer('need', ['repair', 'food']);
      o.answer('where', places.vitry);
      const text = o.serializeAnswers();
      expect(text).to.equal(
        `w=r&n=fo,re&o=48.79,2.39,Vitry-sur-Seine%20(94400),c94081,e${places.vitry.cog!.epci},d94,r11`,
      );
      const o2 = make();
      expect(o2.parseAnswers(text)).to.deep.equal([]);
      const s2 = o2.getState();
      expect(s2.done).to.equal(true);
      expect(s2.answers.who).to.equal('resident');
      expect(s2.answers.need).to.deep.equal(['food', 'repair']);
      expect(s2.place).to.deep.equal({ ...places.vitry, lat: 48.79, lon: 2.39 });
      expect(o2.serializeAnswers()).to.equal(text);
      // Same answers, same place: same results.
      const o3 = make(fixture, { initialAnswers: s2.answers });
      expect(ids(o3.getState().results)).to.deep.equal(ids(s2.results));
      expect(s2.results!.items.length).to.be.greaterThan(10);
      // The pure functions agree with the connector.
      expect(serializeAnswers(fixture, s2.answers, s2.path)).to.equal(text);
      expect(parseAnswers(fixture, `?${text}`).answers).to.deep.equal(s2.answers);
    });

    it('skips what it cannot read, says so, and stops at the first open question', () => {
      const o = make();
      const errors = o.parseAnswers('w=r&zz=1&n=fo,gold&o=abc&w=f');
      expect(errors.map((e) => [e.code, e.value])).to.deep.equal([
        ['unreadable', 'zz=1'],
        ['unreadable', 'n=gold'],
        ['unreadable', 'o=abc'],
        ['unreadable', 'w=f'],
      ]);
      expect(errors[0]!.message.fr).to.equal(
        'Une partie du lien n’a pas pu être lue et a été ignorée : « zz=1 ».',
      );
      const s = o.getState();
      expect(s.answers).to.deep.equal({ who: 'resident', need: ['food'] });
      expect(s.step?.id).to.equal('where');
      expect(s.errors).to.deep.equal(errors);
      // A question left aside stays aside; a link never gives more than it holds.
      const o2 = make();
      o2.parseAnswers('w=f&p=&o=');
      expect(o2.getState().answers).to.deep.equal({ who: 'founder', project: null, where: null });
      expect(o2.getState().done).to.equal(true);
    });
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

// The orientation engine: the parcours schema, journeys, answers in a link (packages/sdk/src/orientation), on the real embedded feed and a fixture parcours.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import {
  createLazyOrientation,
  createOrientation,
  InvalidParcoursError,
  parseAnswers,
  serializeAnswers,
} from '../src/orientation/index.ts';
import { createJourney } from '../src/orientation/journey.ts';
import { createRanker } from '../src/orientation/ranker.ts';
import { type Parcours, Parcours as ParcoursSchema } from '../src/schema/parcours.ts';
import { readRepoText } from './helpers/files.ts';
import {
  structures,
  taxonomy,
  places,
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
});

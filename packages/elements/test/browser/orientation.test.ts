import { createFeedStore, type FeedStore, type OrientationState } from '@essaim/sdk';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-orientation.ts';
import type { EssOrientation } from '../../src/orientation/ess-orientation.ts';
import { $, $$, inlineFeed, REAL_FEED, realFeed, shadow, structure, type } from './helpers.ts';

async function mount(store: FeedStore, syncUrl = false, lang = 'fr'): Promise<EssOrientation> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ess-feed .store=${store}><ess-orientation ?sync-url=${syncUrl}></ess-orientation></ess-feed></div>`,
  );
  const el = wrapper.querySelector('ess-orientation')!;
  await question(el);
  return el;
}

/** Waits for a question heading (or the results heading), its lazily loaded parts there, and returns its text. */
async function question(el: EssOrientation): Promise<string> {
  await el.updateComplete;
  await waitUntil(
    () => ($(el, '#question') ?? $(el, '#results-heading')) && !$(el, '[part~="loading"]'),
    'question rendered',
    { timeout: 15000 },
  );
  await el.updateComplete;
  return ($(el, '#question') ?? $(el, '#results-heading'))!.textContent!.replace(/\s+/g, ' ').trim();
}

/** A deep copy with the keys of every object in reverse order. */
const reordered = <T>(value: T): T =>
  JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ),
  ) as T;

/** The accessible name of a link made of text (what is not `aria-hidden`), spaces collapsed. */
function nameOf(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('[aria-hidden="true"], .print-only')) hidden.remove();
  return clone.textContent!.replace(/\s+/g, ' ').trim();
}

/** The element that has focus inside the shadow root. */
const focused = (el: EssOrientation) => shadow(el).activeElement as HTMLElement | null;

/** Picks an option by its label, like a person: click, then Continuer. */
async function answer(el: EssOrientation, label: RegExp): Promise<void> {
  const option = $$<HTMLLabelElement>(el, '.option label').find((l) => label.test(l.textContent!));
  expect(option, `option ${label}`).to.exist;
  option!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
}

/** Tabs until the focused element matches `test` (at most `max` presses). */
async function tabTo(el: EssOrientation, test: (e: HTMLElement) => boolean, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const f = focused(el);
    if (f && test(f)) return;
  }
  throw new Error('not reached by Tab');
}

describe('<ess-orientation> on the real embedded feed', function (this: Mocha.Suite) {
  this.timeout(60000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('completes a journey by keyboard only, focus on each question heading, axe clean at every step', async () => {
    const el = await mount(store);
    expect(await question(el)).to.equal('Qui êtes-vous ?');
    // The feed's « Qui êtes-vous ? » never wraps its « ? » alone (issue 14 item 9): a no-break space.
    expect($(el, '#question')!.textContent).to.contain('vous\u00a0?');
    expect($(el, '.progress')!.textContent).to.equal('Étape 1 sur 3');
    expect($(el, 'legend #question')).to.exist;
    await expect(el).to.be.accessible();

    // Step 1: Tab into the radio group, arrows to the 3rd option, Space, Tab to Continuer, Enter.
    $<HTMLElement>(el, '#question')!.focus();
    await tabTo(el, (f) => f.id === 'option-0');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    expect(focused(el)!.id).to.equal('option-2');
    await tabTo(el, (f) => f.getAttribute('type') === 'submit');
    await sendKeys({ press: 'Enter' });
    expect(await question(el)).to.equal('De quoi avez-vous besoin ?');
    expect(focused(el)!.id, 'focus on the new question heading').to.equal('question');
    expect($(el, '.progress')!.textContent).to.equal('Étape 2 sur 3');
    await expect(el).to.be.accessible();

    // Step 2: « Créer ou reprendre une activité » (4th), which branches to a 4-step journey.
    await tabTo(el, (f) => f.id === 'option-0');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)!.id).to.equal('option-3');
    await tabTo(el, (f) => f.getAttribute('type') === 'submit');
    await sendKeys({ press: 'Enter' });
    expect(await question(el)).to.equal('De quoi votre projet a-t-il besoin ?');
    expect(focused(el)!.id).to.equal('question');
    expect($(el, '.progress')!.textContent).to.equal('Étape 3 sur 4');
    await expect(el).to.be.accessible();

    // Step 3: financement (2nd).
    await tabTo(el, (f) => f.id === 'option-0');
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(el, (f) => f.getAttribute('type') === 'submit');
    await sendKeys({ press: 'Enter' });
    expect(await question(el)).to.match(/^Où êtes-vous \? \(facultatif\)$/);
    expect(focused(el)!.id).to.equal('question');
    expect($(el, '.progress')!.textContent).to.equal('Étape 4 sur 4');
    await expect(el).to.be.accessible();

    // Step 4 (optional place): « Passer cette étape ».
    await tabTo(el, (f) => f.classList.contains('skip'));
    await sendKeys({ press: 'Enter' });
    expect(await question(el)).to.equal('Vos résultats');
    expect(focused(el)!.id).to.equal('results-heading');
    const cards = $$(el, '.card');
    expect(cards.length).to.equal(10);
    expect($(el, '.count')!.textContent).to.match(/\d+ résultats/);
    const answers = $(el, '.answers')!.textContent!.replace(/\s+/g, ' ');
    expect(answers).to.contain('Porteur ou porteuse de projet').and.contain('Trouver un financement');
    const why = cards[0]!.querySelector('details.why')!;
    expect(why.querySelector('summary')!.textContent).to.equal('Pourquoi ce résultat\u00a0?');
    expect(why.querySelectorAll('li').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('goes back and restarts, and announces a missing required answer', async () => {
    const el = await mount(store);
    // Continuer without an answer: an error summary (role=alert), focused, the group marked invalid.
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await el.updateComplete;
    const summary = $(el, '.error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summary.textContent).to.contain('Il y a un problème');
    expect(focused(el)).to.equal(summary);
    const group = $(el, 'fieldset')!;
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    expect(group.getAttribute('aria-describedby')).to.contain('question-error');
    expect($(el, '#question-error')!.textContent).to.contain('Erreur');
    await expect(el).to.be.accessible();
    // The summary's link goes to the first option.
    summary.querySelector('a')!.click();
    expect(focused(el)!.id).to.equal('option-0');

    await answer(el, /^Jeune/);
    expect(await question(el)).to.equal('De quoi avez-vous besoin ?');
    expect($(el, '.error-summary')).to.equal(null);
    $<HTMLButtonElement>(el, 'button.back')!.click();
    expect(await question(el)).to.equal('Qui êtes-vous ?');
    expect(focused(el)!.id).to.equal('question');
    expect($<HTMLInputElement>(el, '#option-1')!.checked, 'the answer is kept').to.equal(true);
    await answer(el, /^Jeune/);
    await answer(el, /^Travailler/);
    expect(await question(el)).to.equal('Que cherchez-vous ?');
    $<HTMLButtonElement>(el, 'button.restart')!.click();
    expect(await question(el)).to.equal('Qui êtes-vous ?');
    expect(focused(el)!.id).to.equal('question');
    expect($$<HTMLInputElement>(el, 'input[type="radio"]').some((r) => r.checked)).to.equal(false);
  });

  it('keeps the person where they are when the feed is loaded again (a new copy of the same journey)', async () => {
    const el = await mount(store);
    await answer(el, /^Habitant/);
    await answer(el, /^Trouver un service/);
    expect(await question(el)).to.equal('Quel service cherchez-vous ?');
    // Back to the second question (answered), and another choice ticked but not confirmed yet.
    $<HTMLButtonElement>(el, 'button.back')!.click();
    expect(await question(el)).to.equal('De quoi avez-vous besoin ?');
    $$<HTMLLabelElement>(el, '.option label')[2]!.click();
    await el.updateComplete;
    // What the store does when the validated feed replaces its preview, or a revalidation brings new
    // objects: the element gets a new feed whose parcours is a copy with the same content.
    const host = el as unknown as { feedState: ReturnType<FeedStore['getState']> };
    const feed = host.feedState.feed!;
    host.feedState = {
      ...host.feedState,
      // A deep copy whose objects list their keys in another order (as a validated copy may).
      feed: { ...feed, parcours: reordered(feed.parcours), structures: [...feed.structures] },
    };
    await el.updateComplete;
    expect(await question(el), 'the same question, not the first one nor the next open one').to.equal(
      'De quoi avez-vous besoin ?',
    );
    expect($(el, '.progress')!.textContent).to.equal('Étape 2 sur 4');
    expect($<HTMLInputElement>(el, '#option-2')!.checked, 'the pending choice too').to.equal(true);
    $<HTMLButtonElement>(el, 'button.back')!.click();
    expect(await question(el)).to.equal('Qui êtes-vous ?');
    expect($<HTMLInputElement>(el, '#option-0')!.checked, 'the first answer is kept').to.equal(true);
  });

  it('shows the honest empty state with alternatives as buttons, accessible', async () => {
    const el = await mount(store);
    await answer(el, /^Habitant/);
    await answer(el, /^Trouver un service/);
    await answer(el, /^Aide à domicile/);
    await question(el);
    $<HTMLButtonElement>(el, 'button.skip')!.click();
    expect(await question(el)).to.equal('Vos résultats');
    const empty = $(el, '.empty')!;
    expect(empty.textContent).to.contain('aide à domicile');
    const alternatives = $$<HTMLButtonElement>(el, 'button.alternative');
    expect(alternatives.length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    alternatives[0]!.click();
    await el.updateComplete;
    await question(el);
    expect($(el, '.empty'), 'the alternative gives results').to.equal(null);
  });

  it('ranks with a place: distance, contact links, and « Voir dans l’annuaire » for the directory beside it', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-feed .store=${store}><ess-orientation></ess-orientation><ess-directory></ess-directory></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-orientation')!;
    await question(el);
    await answer(el, /^Habitant/);
    await answer(el, /^Trouver un service/);
    await answer(el, /^Se nourrir/);
    await question(el);
    const input = $<HTMLInputElement>(el, '#place')!;
    input.focus();
    type(input, '75011');
    await waitUntil(() => $$(el, '[role="option"]').length > 0, 'suggestions', { timeout: 30000 });
    // The place step's styles came with it (a constructable sheet added to the shadow root).
    expect(getComputedStyle($(el, '.listbox')!).position).to.equal('absolute');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('place-0');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await el.updateComplete;
    expect($(el, '.geo-status')!.textContent).to.contain('Paris');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    expect(await question(el)).to.equal('Vos résultats');
    const first = $(el, '.card')!;
    // So did the results' styles.
    expect(getComputedStyle($(el, '.cards')!).listStyleType).to.equal('none');
    expect(getComputedStyle($(el, '.cards')!).display).to.equal('grid');
    expect(first.querySelector('.meta')!.textContent).to.match(/\d\s?(m|km)/);
    for (const a of $$<HTMLAnchorElement>(el, '.contact a'))
      expect(a.href).to.match(/^(https?:|mailto:|tel:)/);
    expect(
      $$<HTMLAnchorElement>(el, '.contact a').some((a) => a.href.includes('openstreetmap.org/directions')),
    ).to.be.true;
    const show = first.querySelector<HTMLButtonElement>('button.show')!;
    expect(show.textContent!.trim()).to.equal('Voir dans l’annuaire');
    const directory = wrapper.querySelector('ess-directory')!;
    const listed = () => $$(directory, '.card-button').map((b) => b.dataset.id);
    const name = first.querySelector('h4, h5, h6, [id^="result-"]')!.textContent!.trim();
    const event = oneEvent(el, 'ess-select');
    show.focus();
    show.click();
    const { detail } = await event;
    expect(store.getState().selectedId).to.equal(detail.id);
    // Issue 14 item 7: the directory was on its first page, without this result (1 of 209 pages): it must
    // really show it (its detail) before the orientation says it is selected there.
    expect(listed(), 'not on the directory’s page').not.to.include(detail.id);
    await waitUntil(() => $(directory, '#detail-heading'), 'the directory opens its detail', {
      timeout: 5000,
    });
    expect($(directory, '#detail-heading')!.textContent!.trim()).to.equal(name);
    expect(shadow(el).activeElement === show, 'the focus stays on the orientation’s button').to.equal(true);
    await el.updateComplete;
    expect(first.querySelector('[role="status"]')!.textContent).to.equal('Sélectionnée dans l’annuaire.');
    await expect(el).to.be.accessible();
    await expect(directory).to.be.accessible();
    // Each card's links have their own names, and those that open a new window say so (issue 14 item 9).
    const names = $$(el, '.contact a').map((a) => nameOf(a));
    expect(new Set(names).size).to.equal(names.length);
    for (const a of $$<HTMLAnchorElement>(el, '.contact a[target="_blank"]'))
      expect(nameOf(a)).to.match(/ \(nouvelle fenêtre\)$/);
    const website = [...first.querySelectorAll<HTMLElement>('.contact a')].find((a) =>
      /^Site web/.test(nameOf(a)),
    );
    if (website)
      expect(nameOf(website)).to.match(
        new RegExp(`^Site web d(e |’)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `),
      );
    const directions = [...first.querySelectorAll<HTMLElement>('.contact a')].find((a) =>
      /^Itinéraire/.test(nameOf(a)),
    )!;
    expect(nameOf(directions)).to.equal(`Itinéraire jusqu’à ${name} (nouvelle fenêtre)`);
  });

  it('locates only on click (« Me localiser »), and prints with the reasons shown', async () => {
    let calls = 0;
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation');
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition(ok: PositionCallback) {
          calls++;
          ok({ coords: { latitude: 48.8566, longitude: 2.3522 } } as GeolocationPosition);
        },
      },
    });
    const print = window.print;
    let printed = 0;
    window.print = () => void printed++;
    try {
      const el = await mount(store);
      await answer(el, /^Habitant/);
      await answer(el, /^Comprendre/);
      expect(await question(el)).to.match(/^Où êtes-vous/);
      expect(calls, 'never without a click').to.equal(0);
      $<HTMLButtonElement>(el, 'button.locate')!.click();
      expect(calls).to.equal(1);
      // The nearest commune centre gives the codes zones of eligibility are written in (Paris 4e here).
      await waitUntil(() => /Ma position/.test($(el, '.geo-status')!.textContent!), 'located', {
        timeout: 30000,
      });
      expect($(el, '.geo-status')!.textContent).to.contain('commune la plus proche\u00a0: Paris 4e');
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      expect(await question(el)).to.equal('Vos résultats');
      const journey = (el as unknown as { journey: OrientationState }).journey;
      expect(journey.place).to.deep.include({ lat: 48.8566, lon: 2.3522 });
      expect(journey.place!.cog).to.deep.include({ commune: '75104', departement: '75', region: '11' });
      expect(store.getState().selectedId).to.equal(undefined);
      expect($(el, '.answers')!.textContent).to.contain('Ma position');
      // No directory or map on the page: no button that would promise one.
      expect($(el, '.card')).to.exist;
      expect($(el, 'button.show')).to.equal(null);
      $<HTMLButtonElement>(el, 'button.print')!.click();
      expect(printed).to.equal(1);
      expect($$<HTMLDetailsElement>(el, 'details.why').every((d) => d.open)).to.equal(true);
    } finally {
      window.print = print;
      delete (navigator as unknown as Record<string, unknown>).geolocation;
      if (original) Object.defineProperty(Navigator.prototype, 'geolocation', original);
    }
  });

  it('widens the area and says so', async () => {
    const el = await mount(store);
    await answer(el, /^Porteur/);
    await answer(el, /^Créer/);
    await answer(el, /^Choisir un statut/);
    await question(el);
    const input = $<HTMLInputElement>(el, '#place')!;
    input.focus();
    type(input, 'Aurillac');
    await waitUntil(() => $$(el, '[role="option"]').length > 0, 'suggestions', { timeout: 30000 });
    $<HTMLElement>(el, '[role="option"]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    expect(await question(el)).to.equal('Vos résultats');
    const notice = $(el, '.notice.widened');
    expect(notice, 'widening notice').to.exist;
    expect(notice!.textContent).to.match(/km/);
    await expect(el).to.be.accessible();
  });

  it('syncs the answers with ess-parcours only with sync-url, and no request carries them', async () => {
    const before = location.href;
    const fetches: string[] = [];
    const originalFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      fetches.push(String(input instanceof Request ? input.url : input));
      return originalFetch(input, init);
    };
    const resources = performance.getEntriesByType('resource').length;
    try {
      history.replaceState(null, '', '?page=accueil&ess-parcours=qui%3Dprojet%26besoin%3Dcreer#top');
      const el = await mount(store, true);
      expect(await question(el)).to.equal('De quoi votre projet a-t-il besoin ?');
      await answer(el, /^Trouver un financement/);
      await question(el);
      $<HTMLButtonElement>(el, 'button.skip')!.click();
      expect(await question(el)).to.equal('Vos résultats');
      const url = new URL(location.href);
      expect(url.searchParams.get('page')).to.equal('accueil');
      expect(url.searchParams.get('ess-parcours')).to.equal('qui=projet&besoin=creer&projet=finance&ou=');
      expect(url.hash).to.equal('#top');
      // A reload with that URL gives the same results.
      el.closest('div')!.remove();
      const again = await mount(store, true);
      expect(await question(again)).to.equal('Vos résultats');
      // Nothing the person answered left the page.
      expect(fetches, 'no fetch after the feed loaded').to.deep.equal([]);
      const later = performance
        .getEntriesByType('resource')
        .slice(resources)
        .map((e) => e.name);
      expect(later.filter((u) => /projet|finance|ess-parcours/.test(u))).to.deep.equal([]);
      // Without the attribute, the URL is never touched.
      again.closest('div')!.remove();
      history.replaceState(null, '', '?page=accueil');
      const plain = await mount(store);
      await answer(plain, /^Jeune/);
      expect(location.search).to.equal('?page=accueil');
    } finally {
      window.fetch = originalFetch;
      history.replaceState(null, '', before);
    }
  });

  it('speaks English with lang=en (labels from the parcours)', async () => {
    const el = await mount(store, false, 'en');
    expect(await question(el)).to.equal('Who are you?');
    expect($(el, '.progress')!.textContent).to.equal('Step 1 of 3');
    expect($(el, '.option label')!.textContent).to.equal('Resident or service user');
    expect($(el, 'button[type="submit"]')!.textContent!.trim()).to.equal('Continue');
    await answer(el, /^Project founder/);
    expect(await question(el)).to.equal('What do you need?');
    await expect(el).to.be.accessible();
    // Through to the results: the place step and the results (loaded later) speak English too.
    await answer(el, /^Start or take over/);
    await answer(el, /^Find funding/);
    expect(await question(el)).to.equal('Where are you? (optional)');
    expect($(el, '#place-label')!.textContent).to.equal('Town or postcode');
    expect($(el, 'button.locate')!.textContent).to.equal('Locate me');
    $<HTMLButtonElement>(el, 'button.skip')!.click();
    expect(await question(el)).to.equal('Your results');
    const text = shadow(el).textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Your answers').and.contain('Why this result?').and.contain('Print');
    expect(text).to.match(/\d+ results, most relevant first/);
    expect(text).to.not.match(/Vos réponses|Pourquoi ce résultat|Imprimer|Recommencer/);
    await expect(el).to.be.accessible();
  });

  it('works alone with the feed attribute', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-orientation feed=${REAL_FEED}></ess-orientation></div>`,
    );
    const el = wrapper.querySelector('ess-orientation')!;
    expect(await question(el)).to.equal('Qui êtes-vous ?');
  });
});

/** A parcours with one multiple-choice question (test fixture, not real data). */
const MULTIPLE = {
  id: 'choix-multiples',
  version: '1',
  title: { fr: 'Essai à choix multiples', en: 'Multiple-choice test' },
  start: 'besoins',
  steps: [
    {
      id: 'besoins',
      key: 'b',
      kind: 'multiple',
      required: true,
      question: { fr: 'De quoi avez-vous besoin ?', en: 'What do you need?' },
      help: { fr: 'Cochez tout ce qui vous concerne.', en: 'Tick all that apply.' },
      options: [
        {
          id: 'manger',
          key: 'm',
          label: { fr: 'Se nourrir', en: 'Food' },
          criteria: [
            { field: 'text', values: ['épicerie'], weight: 2, label: { fr: 'Épicerie', en: 'Grocery' } },
          ],
          mustMatch: 'any',
        },
        {
          id: 'reparer',
          key: 'r',
          label: { fr: 'Réparer un objet', en: 'Repair something' },
          criteria: [
            { field: 'text', values: ['réparation'], weight: 2, label: { fr: 'Réparation', en: 'Repair' } },
          ],
          mustMatch: 'any',
        },
        { id: 'rien', key: 'x', label: { fr: 'Autre chose', en: 'Something else' } },
      ],
    },
  ],
};

describe('<ess-orientation>: a multiple-choice question (test parcours)', function (this: Mocha.Suite) {
  this.timeout(60000);

  async function mountMultiple(parcours: unknown = MULTIPLE): Promise<EssOrientation> {
    const feed = inlineFeed([
      structure('epicerie', 'Épicerie solidaire de test'),
      structure('atelier', 'Atelier de réparation de test'),
      structure('les-deux', 'Épicerie et atelier de réparation de test'),
      structure('autre', 'Association sans rapport de test'),
    ]);
    (feed.parts as Record<string, unknown>).parcours = [parcours];
    const store = createFeedStore({ feed, clientOptions: { cache: false } });
    await store.load();
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-feed .store=${store}><ess-orientation></ess-orientation></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-orientation')!;
    await question(el);
    return el;
  }

  it('is a fieldset of checkboxes with its legend, says what is missing, and works by keyboard', async () => {
    const el = await mountMultiple();
    expect(await question(el)).to.equal('De quoi avez-vous besoin ?');
    expect($(el, '.progress')!.textContent).to.equal('Étape 1 sur 1');
    const group = $(el, 'fieldset')!;
    expect(group.querySelector('legend #question')).to.exist;
    expect(group.getAttribute('aria-describedby')).to.equal('question-help');
    const boxes = $$<HTMLInputElement>(el, 'fieldset input');
    expect(boxes.map((b) => b.type)).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
    expect(boxes.map((b) => b.labels?.[0]?.textContent)).to.deep.equal([
      'Se nourrir',
      'Réparer un objet',
      'Autre chose',
    ]);
    await expect(el).to.be.accessible();

    // Continuer with nothing ticked: the error summary (role=alert) takes the focus, the group says why.
    $<HTMLElement>(el, '#question')!.focus();
    await tabTo(el, (f) => f.getAttribute('type') === 'submit');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const summary = $(el, '.error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(focused(el)).to.equal(summary);
    expect(summary.textContent).to.contain('Choisissez une ou plusieurs réponses.');
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    expect(group.getAttribute('aria-describedby')).to.equal('question-help question-error');
    expect($(el, '#question-error')!.textContent).to.contain('Choisissez une ou plusieurs réponses.');
    expect(await question(el), 'still the same question').to.equal('De quoi avez-vous besoin ?');
    await expect(el).to.be.accessible();

    // Keyboard only: Tab to each box, Space ticks it; the error goes once something is chosen.
    $<HTMLElement>(el, '#question')!.focus();
    await tabTo(el, (f) => f.id === 'option-0');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect($(el, '.error-summary'), 'error cleared').to.equal(null);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.id).to.equal('option-1');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, true, false]);
    await tabTo(el, (f) => f.getAttribute('type') === 'submit');
    await sendKeys({ press: 'Enter' });
    expect(await question(el)).to.equal('Vos résultats');
    expect(focused(el)!.id).to.equal('results-heading');

    // Either need is enough; the record that meets both comes first and says so.
    const names = $$(el, '.card h3, .card h4, .card h5, .card h6').map((h) => h.textContent!.trim());
    expect(names[0]).to.equal('Épicerie et atelier de réparation de test');
    expect([...names].sort()).to.deep.equal([
      'Atelier de réparation de test',
      'Épicerie et atelier de réparation de test',
      'Épicerie solidaire de test',
    ]);
    const why = $(el, '.card details.why')!.textContent!;
    expect(why).to.contain('Épicerie').and.contain('Réparation');
    expect($(el, '.answers dd')!.textContent).to.contain('Se nourrir, Réparer un objet');
    await expect(el).to.be.accessible();

    // Back: the two boxes are still ticked.
    $<HTMLButtonElement>(el, '.results button.back')!.click();
    expect(await question(el)).to.equal('De quoi avez-vous besoin ?');
    expect(focused(el)!.id).to.equal('question');
    expect($$<HTMLInputElement>(el, 'fieldset input').map((b) => b.checked)).to.deep.equal([
      true,
      true,
      false,
    ]);
  });

  it('starts with a place step when the parcours does, once the place field has loaded', async () => {
    const placeFirst = {
      ...MULTIPLE,
      id: 'lieu-dabord',
      start: 'ou',
      steps: [
        {
          id: 'ou',
          key: 'o',
          kind: 'place',
          question: { fr: 'Où êtes-vous ?', en: 'Where are you?' },
          next: 'besoins',
        },
        ...MULTIPLE.steps,
      ],
    };
    const el = await mountMultiple(placeFirst);
    expect(await question(el)).to.equal('Où êtes-vous ? (facultatif)');
    expect($(el, '.progress')!.textContent).to.equal('Étape 1 sur 2');
    expect($(el, '#place')!.getAttribute('role')).to.equal('combobox');
    expect($(el, 'button.locate')).to.exist;
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'button.skip')!.click();
    expect(await question(el)).to.equal('De quoi avez-vous besoin ?');
  });
});

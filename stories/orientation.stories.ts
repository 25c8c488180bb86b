import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../packages/elements/src/define/ess-feed.ts';
import '../packages/elements/src/define/ess-orientation.ts';
import type { EssOrientation } from '../packages/elements/src/orientation/ess-orientation.ts';
import type { FeedStore, Parcours } from '@essaim/sdk';
import { createFeedStore, loadPlaces } from '@essaim/sdk';
import { FEED, loadedStore, shadowOf } from './support.ts';

/** Loading the whole embedded feed and indexing it takes a moment on a slow machine. */
const LOAD = { timeout: 15000 };

const meta: Meta = {
  title: 'Elements/ess-orientation',
  component: 'ess-orientation',
  render: () => html`<ess-orientation feed=${FEED}></ess-orientation>`,
};
export default meta;
type Story = StoryObj;

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element and its shadow root, once its first question (or its results) is rendered. */
async function mounted(canvas: HTMLElement): Promise<{ el: EssOrientation; root: ShadowRoot }> {
  const el = canvas.querySelector<EssOrientation>('ess-orientation')!;
  const root = shadowOf(canvas, 'ess-orientation');
  await waitFor(() => expect(root.querySelector('#question, #results-heading')).not.toBeNull(), LOAD);
  await el.updateComplete;
  return { el, root };
}

/** The current question (or results) heading, once it reads `expected` (and the results are there). */
async function heading(root: ShadowRoot, expected: string | RegExp): Promise<void> {
  await waitFor(() => {
    const h = root.querySelector('#question') ?? root.querySelector('#results-heading');
    if (typeof expected === 'string') expect(text(h)).toBe(expected);
    else expect(text(h)).toMatch(expected);
    // The results view and the ranking arrive a moment after the first answer.
    expect(root.querySelector('[part~="loading"]')).toBeNull();
  }, LOAD);
}

/** Picks an option by its label, like a person: click the label, then Continuer. */
async function answer(el: EssOrientation, root: ShadowRoot, label: RegExp): Promise<void> {
  const option = [...root.querySelectorAll<HTMLLabelElement>('.option label')].find((l) =>
    label.test(text(l)),
  );
  if (!option) throw new Error(`no option ${label}`);
  option.click();
  await el.updateComplete;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await el.updateComplete;
}

/** The first question of the default parcours: progress, the fieldset and its legend, a focusable heading. */
export const FirstQuestion: Story = {
  name: 'First question',
  play: async ({ canvasElement }) => {
    const { root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    expect(text(root.querySelector('.progress'))).toMatch(/^Étape 1 sur \d+$/);
    const legendHeading = root.querySelector('fieldset legend #question');
    expect(legendHeading).not.toBeNull();
    expect(legendHeading).toHaveAttribute('tabindex', '-1');
    expect(root.querySelectorAll('input[type="radio"]').length).toBeGreaterThan(1);
    expect(root.querySelector('button[type="submit"]')).toHaveTextContent('Continuer');
    expect(root.querySelector('.error-summary, button.back')).toBeNull();
  },
};

/** One answer given (« Jeune »): the second step, focus moved to its heading, a way back. */
export const SecondStep: Story = {
  name: 'Second step',
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    await answer(el, root, /^Jeune/);
    await heading(root, 'De quoi avez-vous besoin ?');
    expect(text(root.querySelector('.progress'))).toMatch(/^Étape 2 sur \d+$/);
    await waitFor(() => expect(root.activeElement?.id).toBe('question'));
    expect(root.querySelector('button.back')).not.toBeNull();
    expect(root.querySelector('button.restart')).not.toBeNull();
  },
};

/** Continuer without an answer: an error summary (role=alert), focused, and the group marked invalid. */
export const RequiredAnswer: Story = {
  name: 'Required answer missing',
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    const summary = root.querySelector('.error-summary');
    expect(summary).toHaveAttribute('role', 'alert');
    expect(summary).toHaveTextContent('Il y a un problème');
    await waitFor(() => expect(root.activeElement).toBe(summary));
    const group = root.querySelector('fieldset');
    expect(group).toHaveAttribute('aria-invalid', 'true');
    expect(group?.getAttribute('aria-describedby')).toContain('question-error');
    expect(root.querySelector('#question-error')).toHaveTextContent('Erreur');
    expect(text(root.querySelector('.progress'))).toMatch(/^Étape 1 sur/);
  },
};

/** A whole journey (project founder → create → funding, place skipped): ranked results with their reasons. */
export const Results: Story = {
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    await answer(el, root, /^Porteur/);
    await heading(root, 'De quoi avez-vous besoin ?');
    await answer(el, root, /^Créer/);
    await heading(root, 'De quoi votre projet a-t-il besoin ?');
    await answer(el, root, /^Trouver un financement/);
    await heading(root, /^Où êtes-vous \?/);
    root.querySelector<HTMLButtonElement>('button.skip')!.click();
    await heading(root, 'Vos résultats');
    const cards = root.querySelectorAll('.card');
    expect(cards.length).toBeGreaterThan(0);
    expect(text(root.querySelector('.count'))).toMatch(/\d+ résultats?/);
    const answers = text(root.querySelector('.answers'));
    expect(answers).toContain('Porteur ou porteuse de projet');
    expect(answers).toContain('Trouver un financement');
    const why = cards[0]!.querySelector('details.why');
    expect(why?.querySelector('summary')).toHaveTextContent('Pourquoi ce résultat ?');
    expect(why?.querySelectorAll('li').length).toBeGreaterThan(0);
    expect(root.querySelector('[part="empty"]')).toBeNull();
  },
};

/** A need the embedded data has nothing for (« aide à domicile »): said plainly, with alternatives as buttons. */
export const HonestEmpty: Story = {
  name: 'Nothing found (honest empty state)',
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    await answer(el, root, /^Habitant/);
    await heading(root, 'De quoi avez-vous besoin ?');
    await answer(el, root, /^Trouver un service/);
    await waitFor(() => expect(root.querySelector('.option label')).not.toBeNull(), LOAD);
    await answer(el, root, /^Aide à domicile/);
    await heading(root, /^Où êtes-vous \?/);
    root.querySelector<HTMLButtonElement>('button.skip')!.click();
    await heading(root, 'Vos résultats');
    const empty = root.querySelector('[part="empty"]');
    expect(empty).toHaveTextContent('aide à domicile');
    expect(root.querySelectorAll('.card')).toHaveLength(0);
    const alternatives = root.querySelectorAll('button.alternative');
    expect(alternatives.length).toBeGreaterThan(0);
    for (const b of alternatives) expect(text(b)).not.toBe('');
  },
};

/** The same first question in English (a `lang="en"` wrapper), labels from the parcours. */
export const English: Story = {
  render: () => html`<div lang="en"><ess-orientation feed=${FEED}></ess-orientation></div>`,
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Who are you?');
    expect(text(root.querySelector('.progress'))).toBe('Step 1 of 3');
    expect(text(root.querySelector('.option label'))).toBe('Resident or service user');
    expect(text(root.querySelector('button[type="submit"]'))).toBe('Continue');
    await answer(el, root, /^Project founder/);
    await heading(root, 'What do you need?');
    expect(text(root.querySelector('.progress'))).toMatch(/^Step 2 of \d+$/);
  },
};

/** Types into the place field like a person, then picks the first suggestion with the keyboard. */
async function pickPlace(el: EssOrientation, root: ShadowRoot, query: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('#place')!;
  input.focus();
  for (let i = 1; i <= query.length; i++) {
    input.value = query.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  await waitFor(() => expect(root.querySelectorAll('[role="option"]').length).toBeGreaterThan(0), {
    timeout: 30000,
  });
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
  await el.updateComplete;
}

/** The place step: the communes / postcodes combobox (the directory's), « Me localiser », then results by distance. */
export const PlaceStep: Story = {
  name: 'Place step (commune or postcode)',
  // The communes list (a lazy chunk) is fetched and indexed before the story: its first transform by the
  // dev server is slow, and the story is about the step, not the download.
  loaders: [async () => ({ places: await loadPlaces() })],
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    await answer(el, root, /^Habitant/);
    await heading(root, 'De quoi avez-vous besoin ?');
    await answer(el, root, /^Trouver un service/);
    await waitFor(() => expect(root.querySelector('.option label')).not.toBeNull(), LOAD);
    await answer(el, root, /^Se nourrir/);
    await heading(root, /^Où êtes-vous \? \(facultatif\)$/);
    expect(root.querySelector('#place')).toHaveAttribute('role', 'combobox');
    expect(root.querySelector('button.locate')).toHaveTextContent('Me localiser');
    expect(root.querySelector('button.skip')).not.toBeNull();
    await pickPlace(el, root, '75011');
    expect(text(root.querySelector('.geo-status'))).toMatch(/^Lieu choisi : Paris 11e/);
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await heading(root, 'Vos résultats');
    await waitFor(() => expect(root.querySelector('.card')).not.toBeNull(), LOAD);
    expect(text(root.querySelector('.card .meta'))).toMatch(/\d\s?(m|km)/);
  },
};

/** Nothing near Aurillac for « choisir un statut »: the area widens radius after radius, and says so. */
export const WidenedArea: Story = {
  name: 'Area widened (nothing near)',
  loaders: [async () => ({ places: await loadPlaces() })],
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Qui êtes-vous ?');
    await answer(el, root, /^Porteur/);
    await heading(root, 'De quoi avez-vous besoin ?');
    await answer(el, root, /^Créer/);
    await heading(root, 'De quoi votre projet a-t-il besoin ?');
    await answer(el, root, /^Choisir un statut/);
    await heading(root, /^Où êtes-vous \?/);
    await pickPlace(el, root, 'Aurillac');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await heading(root, 'Vos résultats');
    await waitFor(() => expect(root.querySelector('.notice.widened')).not.toBeNull(), LOAD);
    expect(text(root.querySelector('.notice.widened'))).toMatch(/km/);
  },
};

/**
 * A multiple-choice question: the default parcours' « Quel service cherchez-vous ? » asked as checkboxes
 * (a variant a publisher could write), then the place, over the real embedded records.
 */
async function multipleChoiceStore(): Promise<FeedStore> {
  const real = await loadedStore();
  const feed = real.getState().feed!;
  const base = feed.parcours![0]!;
  const service = base.steps.find((s) => s.id === 'service')!;
  const place = base.steps.find((s) => s.kind === 'place')!;
  const parcours: Parcours = {
    id: 'services-multiples',
    version: '1',
    title: { fr: 'Trouver des services près de chez soi', en: 'Find services near you' },
    start: service.id,
    steps: [{ ...service, kind: 'multiple', next: place.id }, place],
    distance: base.distance,
  };
  const store = createFeedStore({
    feed: {
      schemaVersion: '1.0',
      id: 'essaim-services-multiples',
      title: 'Flux embarqué, parcours à choix multiples',
      publisher: { name: 'Essaim' },
      licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
      attribution: 'Données : voir le flux embarqué',
      updated: '2026-01-01',
      parts: {
        structures: [...feed.structures],
        services: [...(feed.services ?? [])],
        taxonomy: { id: 'essaim', version: '1', concepts: [...(feed.taxonomy?.concepts ?? [])] },
        parcours: [parcours],
      },
    },
    clientOptions: { cache: false },
  });
  await store.load();
  return store;
}

export const MultipleChoice: Story = {
  name: 'Multiple choice (checkboxes)',
  loaders: [async () => ({ store: await multipleChoiceStore() })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${(loaded as { store: FeedStore }).store}><ess-orientation></ess-orientation></ess-feed>`,
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await heading(root, 'Quel service cherchez-vous ?');
    const boxes = [...root.querySelectorAll<HTMLInputElement>('fieldset input')];
    expect(boxes.length).toBeGreaterThan(2);
    for (const b of boxes) expect(b.type).toBe('checkbox');
    // Nothing ticked: the error says « une ou plusieurs ».
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(root.querySelector('#question-error')).toHaveTextContent('Choisissez une ou plusieurs réponses.');
    for (const label of [/^Se nourrir/, /^Réparer/]) {
      const l = [...root.querySelectorAll<HTMLLabelElement>('.option label')].find((x) =>
        label.test(text(x)),
      )!;
      l.click();
      await el.updateComplete;
    }
    expect(boxes.filter((b) => b.checked)).toHaveLength(2);
    expect(root.querySelector('.error-summary')).toBeNull();
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await heading(root, /^Où êtes-vous \?/);
    root.querySelector<HTMLButtonElement>('button.skip')!.click();
    await heading(root, 'Vos résultats');
    await waitFor(() => expect(root.querySelector('.card')).not.toBeNull(), LOAD);
    expect(text(root.querySelector('.answers'))).toMatch(/Se nourrir.*, Réparer/);
  },
};

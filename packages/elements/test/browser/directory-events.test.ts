/**
 * Issue 15 deliver 4 (directory and orientation): a structure's detail shows its next events (as
 * organiser, or at its address), each opening in the page's agenda when one shares the page, or as an
 * .ics otherwise. On the real embedded feed (its linked events are all past: said so) and on a fixture
 * of our own (labelled: a structure with 3 upcoming events, one past, one of another organiser).
 */
import { createFeedStore, type FeedStore, upcomingEventsOf } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import { $, $$, inlineFeed, interceptDownload, realFeed, structure } from './helpers.ts';

const DAY = 86_400_000;
const at = (days: number) =>
  new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + 14 * 3_600_000).toISOString();

/** FIXTURE (not real data): « Atelier fixture » organises 3 events to come and 1 past; another one, 1. */
function fixtureEvent(id: string, title: string, start: string, organizer: string) {
  return {
    id: `fixture--${id}`,
    title,
    timeZone: 'Europe/Paris',
    start,
    end: new Date(Date.parse(start) + 2 * 3_600_000).toISOString(),
    organizerIds: [organizer],
    provenance: [{ source: 'test', localId: id }],
  };
}

async function fixtureStore(): Promise<FeedStore> {
  const feed = inlineFeed([
    structure('atelier', 'Atelier fixture'),
    structure('autre', 'Autre structure fixture'),
  ]);
  const parts = feed.parts as Record<string, unknown>;
  parts.events = [
    fixtureEvent('c', 'Troisième rendez-vous', at(20), 'test--atelier'),
    fixtureEvent('a', 'Premier rendez-vous', at(2), 'test--atelier'),
    fixtureEvent('past', 'Rendez-vous passé', at(-30), 'test--atelier'),
    fixtureEvent('b', 'Deuxième rendez-vous', at(9), 'test--atelier'),
    fixtureEvent('other', 'Rendez-vous d’une autre', at(3), 'test--autre'),
  ];
  const store = createFeedStore({ feed, clientOptions: { cache: false } });
  await store.load();
  return store;
}

async function openDetail(el: EssDirectory, store: FeedStore, id: string): Promise<HTMLElement> {
  await waitUntil(() => $(el, '.card-button'), 'cards', { timeout: 15000 });
  const card = $$<HTMLButtonElement>(el, '.card-button').find((b) => b.dataset.id === id);
  // Its card when this page lists it; else as the orientation or the map would: the directory opens it.
  if (card) card.click();
  else store.select(id);
  await waitUntil(() => $(el, '.next-events'), 'next events shown', { timeout: 15000 });
  return $(el, '.next-events')!;
}

describe('<ess-directory>: a structure’s next events (issue 15)', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('real feed: a structure whose linked events are all past says so, with how many', async () => {
    const store = await realFeed();
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory></ess-directory></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-directory')!;
    const links = (await store.loadLinks())!;
    const feed = store.getState().feed!;
    const organiser = feed.structures.find((s) => links.eventsOf(s.id).length >= 2)!;
    expect(organiser, 'the embedded feed links events to a structure').to.exist;
    const linked = links.eventsOf(organiser.id).length;
    expect(upcomingEventsOf(links, organiser.id)).to.have.length(0); // its real events are from 2020
    const section = await openDetail(el, store, organiser.id);
    expect($(el, '#detail-heading')!.textContent!.trim()).to.equal(organiser.name);
    expect(section.querySelector('h3, h4, h5, h6')!.textContent).to.equal('Prochains évènements');
    expect(section.textContent).to.contain(`Aucun évènement à venir (${linked} évènements passés).`);
    await expect(el).to.be.accessible();
  });

  it('fixture: 3 upcoming events soonest first, the past one left out; without an agenda, an .ics', async () => {
    const store = await fixtureStore();
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory></ess-directory></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-directory')!;
    const section = await openDetail(el, store, 'test--atelier');
    const titles = [...section.querySelectorAll('.event-title')].map((t) => t.textContent);
    expect(titles).to.deep.equal(['Premier rendez-vous', 'Deuxième rendez-vous', 'Troisième rendez-vous']);
    expect(section.querySelector('.via')!.textContent).to.equal('organisé par cette structure');
    const buttons = [...section.querySelectorAll('button')];
    // Distinct names: the visible words, then the event's title for screen readers.
    expect(buttons[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Ajouter à mon agenda (.ics) : Premier rendez-vous',
    );
    await expect(el).to.be.accessible();
    const download = interceptDownload();
    try {
      buttons[1]!.click();
      const [blob, name] = await Promise.all([download.blob, download.name]);
      expect(name).to.match(/\.ics$/);
      const text = await blob.text();
      expect(text).to.contain('BEGIN:VEVENT');
      expect(text).to.contain('SUMMARY:Deuxième rendez-vous');
    } finally {
      download.restore();
    }
  });

  it('fixture: with an agenda on the page, « Voir dans l’agenda » opens the event there', async () => {
    const store = await fixtureStore();
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory></ess-directory><ess-agenda></ess-agenda></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-directory')!;
    const agenda = wrapper.querySelector('ess-agenda')!;
    await waitUntil(() => store.agenda.get(), 'the agenda shares the page', { timeout: 15000 });
    const section = await openDetail(el, store, 'test--atelier');
    const button = section.querySelector('button')!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Voir dans l’agenda : Premier rendez-vous',
    );
    button.click();
    await waitUntil(() => $(agenda, '#detail-heading'), 'the agenda shows the event', { timeout: 15000 });
    expect($(agenda, '#detail-heading')!.textContent!.trim()).to.equal('Premier rendez-vous');
    expect($$(el, '.next-events li')).to.have.length(3);
  });
});

// Structures ↔ events links (linkFeed, upcomingEventsOf, store.links): fixtures of our own for the rules,
// and the embedded feed (data/feed) against links counted here with plain loops over the raw JSON files.
import { expect } from 'chai';
import { assembleFeed } from '../src/feed.ts';
import {
  createFeedStore,
  type Event,
  type FeedManifest,
  linkFeed,
  loadRecurrence,
  memoryCache,
  type Structure,
  upcomingEventsOf,
} from '../src/index.ts';
import { realEvent, realStructure } from './fixtures.ts';
import { readRepoJson } from './helpers/files.ts';
import { repoFetch } from './helpers/repo-fetch.ts';

/** Fixture (not real data): a structure derived from a real record, moved and renamed for the test. */
const hall: Structure = {
  ...realStructure,
  id: 'fixture--hall',
  name: 'La Halle de l’Économie solidaire',
  geo: { lat: 48.85, lon: 2.35 },
};
/** Same name, 2 km away: another place. */
const namesake: Structure = { ...hall, id: 'fixture--namesake', geo: { lat: 48.868, lon: 2.35 } };
/** Same name and point, but only its commune's centre is known: too vague to say it is the place. */
const vague: Structure = {
  ...hall,
  id: 'fixture--vague',
  geo: { lat: 48.85, lon: 2.35, precision: 'commune' },
};

const at = (id: string, start: string, extra: Partial<Event> = {}): Event => ({
  ...realEvent,
  id,
  start,
  end: undefined,
  occurrences: undefined,
  organizerIds: undefined,
  place: undefined,
  ...extra,
});
/** 20 m from the hall, its name written another way. */
const placeOfHall = { name: 'LA HALLE DE L’ECONOMIE SOLIDAIRE', geo: { lat: 48.85018, lon: 2.35 } };
const events: Event[] = [
  at('fixture--past', '2026-01-10T18:00:00+01:00', { organizerIds: ['fixture--hall'] }),
  at('fixture--third', '2026-06-20T18:00:00+02:00', { organizerIds: ['fixture--hall'] }),
  at('fixture--first', '2026-05-02T10:00:00+02:00', { end: '2026-05-02T18:00:00+02:00', place: placeOfHall }),
  at('fixture--second', '2026-05-15T10:00:00+02:00', { organizerIds: ['fixture--hall'], place: placeOfHall }),
  at('fixture--fourth', '2026-07-01T10:00:00+02:00', { organizerIds: ['fixture--hall', 'unknown-id'] }),
  at('fixture--elsewhere', '2026-05-03T10:00:00+02:00', {
    place: { name: 'La Halle de l’Économie solidaire', geo: { lat: 48.9, lon: 2.35 } },
  }),
];

describe('structures ↔ events links', () => {
  const links = linkFeed([hall, namesake, vague], events);

  it('links by organiser ids, then by a place of the same name within 50 m, never twice', () => {
    expect(links.eventsOf('fixture--hall').map((l) => `${l.event.id} ${l.via}`)).to.deep.equal([
      'fixture--past organizer',
      'fixture--third organizer',
      'fixture--first place',
      'fixture--second organizer',
      'fixture--fourth organizer',
    ]);
    expect(links.structuresOf('fixture--second')).to.have.length(1);
    expect(links.structuresOf('fixture--first').map((l) => `${l.structure.id} ${l.via}`)).to.deep.equal([
      'fixture--hall place',
    ]);
    // a namesake 2 km away, a commune's centre, an event 5 km away: no link
    expect(links.eventsOf('fixture--namesake')).to.deep.equal([]);
    expect(links.eventsOf('fixture--vague')).to.deep.equal([]);
    expect(links.structuresOf('fixture--elsewhere')).to.deep.equal([]);
    expect(links.counts).to.deep.equal({
      byOrganizer: 4,
      byPlace: 1,
      structuresWithEvents: 1,
      eventsWithStructures: 5,
    });
  });

  it('gives a structure’s next events, soonest first, with the one going on', () => {
    const now = new Date('2026-05-02T11:00:00+02:00'); // during "first"
    const next = upcomingEventsOf(links, 'fixture--hall', { now });
    expect(next.map((u) => u.event.id)).to.deep.equal([
      'fixture--first',
      'fixture--second',
      'fixture--third',
    ]);
    expect(next[0]!.start.toISOString()).to.equal('2026-05-02T08:00:00.000Z');
    expect(upcomingEventsOf(links, 'fixture--hall', { now, limit: 10 })).to.have.length(4);
    expect(upcomingEventsOf(links, 'fixture--hall', { now: new Date('2027-01-01') })).to.deep.equal([]);
  });

  it('places a weekly event by its rule', async () => {
    const weekly = at('fixture--weekly', '2026-01-06T18:00:00+01:00', {
      organizerIds: ['fixture--hall'],
      end: '2026-01-06T20:00:00+01:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
    });
    await loadRecurrence();
    const next = upcomingEventsOf(linkFeed([hall], [weekly]), 'fixture--hall', {
      now: new Date('2026-03-05T12:00:00+01:00'),
    });
    expect(next.map((u) => u.start.toISOString())).to.deep.equal(['2026-03-10T17:00:00.000Z']);
  });

  it('finds on the embedded feed the links counted independently from its files', async () => {
    const [manifest, structures, rawEvents] = await Promise.all([
      readRepoJson<FeedManifest>('data/feed/manifest.json'),
      readRepoJson<{ id: string }[]>('data/feed/structures.json'),
      readRepoJson<{ id: string; organizerIds?: string[] }[]>('data/feed/events.json'),
    ]);
    const feed = assembleFeed(manifest, { structures, events: rawEvents });
    const ids = new Set(structures.map((s) => s.id));
    let byOrganizer = 0;
    for (const e of rawEvents) for (const id of new Set(e.organizerIds ?? [])) if (ids.has(id)) byOrganizer++;
    const found = linkFeed(feed.structures, feed.events);
    expect(found.counts.byOrganizer).to.equal(byOrganizer);
    expect(byOrganizer, 'the embedded feed has organiser links').to.be.greaterThan(0);
    for (const e of feed.events)
      for (const l of found.structuresOf(e.id))
        expect(
          found.eventsOf(l.structure.id).some((b) => b.event === e),
          `${e.id} ↔ ${l.structure.id}`,
        ).to.equal(true);
  });

  it('is computed once per loaded feed by the page store', async function () {
    this.timeout(30000);
    const store = createFeedStore({
      feed: 'http://essaim.test/data/feed/manifest.json',
      clientOptions: { fetch: repoFetch([]), cache: memoryCache() },
    });
    expect(store.links()).to.equal(undefined);
    expect(await store.loadLinks()).to.equal(undefined);
    await store.load();
    expect(store.links(), 'not computed before it is asked').to.equal(undefined);
    const first = await store.loadLinks();
    expect(first?.counts.byOrganizer).to.be.greaterThan(0);
    expect(store.links()).to.equal(first);
    expect(await store.loadLinks()).to.equal(first);
    store.dispose();
  });
});

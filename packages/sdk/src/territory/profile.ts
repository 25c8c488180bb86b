/**
 * The ESS of a territory at a glance, headless: `territoryProfile(feed, territory)` counts the structures
 * of the feed held in a commune, an EPCI, a département or a région (official COG codes; EPCI by SIREN)
 * by family, legal form, theme, public and network, per commune (EPCI) or per EPCI (département,
 * région), per 10,000 inhabitants, against the parent territory; the territory's events of the last and
 * next twelve months; and the coverage of the feed there (records per source, freshness, records without
 * a position), so that no figure reads as "all the ESS of the territory": they are the records of this feed.
 *
 * A record is in the territory when its `address.cog` carries the territory's code at that level: the
 * same rule as the search's and the agenda's territory scope, so a directory filtered by the same
 * attribute lists exactly the structures counted here.
 *
 * Names, populations, member communes and parents come from `@essaim/sdk/places` (~410 KB gzip of data):
 * pass it as `options.places` (`await loadPlaces()`); without it, those figures are `null` and the
 * counts are the same.
 *
 * @module
 */
import type { Feed } from '../feed.ts';
import type { Place } from '../places/types.ts';
import type { Structure } from '../schema/structure.ts';
import { communesOf, nameOf, POPULATION_SOURCE, parentOf, populationOf, rate } from './areas.ts';
import { breakdown, recordsCoverage, tally, territoryEvents } from './counts.ts';
import type {
  AreaFigures,
  ParentFigures,
  TerritoryProfile,
  TerritoryProfileOptions,
  TerritoryRef,
} from './types.ts';

export { POPULATION_SOURCE } from './areas.ts';
export {
  type AreaFigures,
  type Breakdown,
  type ExpandedOccurrence,
  type ParentFigures,
  type ProfileEvent,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryProfile,
  type TerritoryProfileOptions,
  type TerritoryRef,
  type ValueCount,
} from './types.ts';

/**
 * The profile of a territory in a feed. Pure and synchronous; give `places` for names and populations,
 * and `expand` to count events repeated by a rule (otherwise they are counted in `events.unexpanded`).
 *
 * @example
 * const places = await loadPlaces();
 * const p = territoryProfile(feed, { level: 'epci', code: '200054781' }, { places });
 * p.territory.structures; // structures of the feed in the Métropole du Grand Paris
 * p.coverage.bySource;   // where they come from
 */
export function territoryProfile(
  feed: Pick<Feed, 'structures' | 'events' | 'manifest' | 'indicators'>,
  territory: TerritoryRef,
  options: TerritoryProfileOptions = {},
): TerritoryProfile {
  const { places } = options;
  const level = territory.level;
  const code = territory.code.trim().toUpperCase();
  const t = { level, code };
  const nowMs =
    options.now === undefined
      ? Date.now()
      : options.now instanceof Date
        ? options.now.getTime()
        : typeof options.now === 'number'
          ? options.now
          : Date.parse(options.now);
  if (Number.isNaN(nowMs)) throw new RangeError(`Invalid date: ${String(options.now)}`);

  // --- the territory's structures, and the whole feed's coverage at this level
  const records: Structure[] = [];
  let feedWithoutCode = 0;
  for (const s of feed.structures) {
    const c = s.address?.cog?.[level];
    if (c === undefined) feedWithoutCode++;
    else if (c === code) records.push(s);
  }

  const communes = places ? communesOf(places, t) : undefined;
  const pop = communes ? populationOf(communes) : undefined;
  const name = places ? nameOf(places, t) : null;

  // --- parts: communes of an EPCI, EPCI of a département or région
  let parts: TerritoryProfile['parts'] = null;
  if (level !== 'commune') {
    const partLevel = level === 'epci' ? 'commune' : 'epci';
    const counts = new Map<string, number>();
    for (const s of records) {
      const c = s.address?.cog?.[partLevel];
      if (c !== undefined) tally(counts, c);
    }
    const items = new Map<string, { name: string | null; members: Place[] }>();
    if (communes) {
      for (const p of communes) {
        const key = partLevel === 'commune' ? p.code : p.epci?.code;
        if (!key) continue;
        const item = items.get(key);
        if (item) item.members.push(p);
        else
          items.set(key, { name: partLevel === 'commune' ? p.name : (p.epci?.name ?? null), members: [p] });
      }
    } else for (const key of counts.keys()) items.set(key, { name: null, members: [] });
    let assigned = 0;
    const list: AreaFigures[] = [];
    for (const [key, item] of items) {
      const n = counts.get(key) ?? 0;
      assigned += n;
      const population = communes ? populationOf(item.members).total : null;
      list.push({
        level: partLevel,
        code: key,
        name: item.name,
        structures: n,
        population,
        per10k: rate(n, population),
      });
    }
    list.sort((a, b) => b.structures - a.structures || (a.code < b.code ? -1 : 1));
    parts = { level: partLevel, items: list, unassigned: records.length - assigned };
  }

  // --- parent
  let parent: ParentFigures | null = null;
  const parentRef = parentOf(t, communes, records);
  if (parentRef) {
    let n = 0;
    for (const s of feed.structures) if (s.address?.cog?.[parentRef.level] === parentRef.code) n++;
    const parentCommunes = places ? communesOf(places, parentRef) : undefined;
    const population = parentCommunes ? populationOf(parentCommunes).total : null;
    parent = {
      ...parentRef,
      name: places ? nameOf(places, parentRef) : null,
      structures: n,
      population,
      per10k: rate(n, population),
      share: n ? records.length / n : null,
      populationShare: population && pop?.total != null ? pop.total / population : null,
    };
  }

  const { recordYears, coverage, sourceIds } = recordsCoverage(records, nowMs);
  const events = territoryEvents(feed.events, level, code, nowMs, options);

  const total = records.length;
  return {
    territory: {
      level,
      code,
      name,
      known: places ? name !== null : true,
      structures: total,
      population: pop?.total ?? null,
      per10k: rate(total, pop?.total ?? null),
    },
    now: new Date(nowMs).toISOString(),
    population: pop
      ? { ...POPULATION_SOURCE, communesWithout: pop.without, communes: communes?.length ?? 0 }
      : null,
    byFamily: breakdown(records, (s) => [s.family]),
    byLegalForm: breakdown(records, (s) => s.legalForms),
    byTheme: breakdown(records, (s) => s.themes),
    byPublic: breakdown(records, (s) => s.publics),
    byNetwork: breakdown(records, (s) => s.networks),
    parts,
    parent,
    recordYears,
    events,
    coverage: {
      ...coverage,
      feedWithoutCode,
      feedTotal: feed.structures.length,
      sources: (feed.manifest.sources ?? []).filter((s) => sourceIds.has(s.id)),
    },
    indicators: (feed.indicators ?? [])
      .filter((i) => i.territory.level === level && i.territory.code.toUpperCase() === code)
      .sort(
        (a, b) => a.label.fr.localeCompare(b.label.fr, 'fr') || b.year - a.year || (a.id < b.id ? -1 : 1),
      ),
    structureIds: records.map((s) => s.id),
  };
}

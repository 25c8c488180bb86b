/**
 * Events ↔ the structures that organise them (`organizerIds`), so that a structure card can show its
 * next events and an event its organisers. The links of a whole feed, by organiser and by place, are in
 * `feed-links.ts`.
 *
 * @module
 */
import type { Event } from '../schema/event.ts';
import type { Structure } from '../schema/structure.ts';

/** Structures by id: a `Map`, a plain record, or a lookup function. */
export type StructureLookup =
  | ReadonlyMap<string, Structure>
  | Readonly<Record<string, Structure | undefined>>
  | ((id: string) => Structure | undefined);

/** Events by organiser id (each event under each of its `organizerIds`), in feed order. */
export function indexEventsByOrganizer(events: readonly Event[]): Map<string, Event[]> {
  const out = new Map<string, Event[]>();
  for (const e of events) {
    for (const id of new Set(e.organizerIds ?? [])) {
      let list = out.get(id);
      if (!list) {
        list = [];
        out.set(id, list);
      }
      list.push(e);
    }
  }
  return out;
}

/** The events organised by structure `structureId`, in feed order. */
export function eventsByOrganizer(events: readonly Event[], structureId: string): Event[] {
  return events.filter((e) => e.organizerIds?.includes(structureId));
}

function lookup(structures: StructureLookup, id: string): Structure | undefined {
  if (typeof structures === 'function') return structures(id);
  if (structures instanceof Map) return structures.get(id);
  const record = structures as Readonly<Record<string, Structure | undefined>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The organisers of `event` found in `structures`, in the event's order (unknown ids are skipped). */
export function organizersOf(event: Event, structures: StructureLookup): Structure[] {
  const out: Structure[] = [];
  for (const id of new Set(event.organizerIds ?? [])) {
    const s = lookup(structures, id);
    if (s) out.push(s);
  }
  return out;
}

/** A `Map` of structures by id, for {@link organizersOf}. */
export function structuresById(structures: readonly Structure[]): Map<string, Structure> {
  return new Map(structures.map((s) => [s.id, s]));
}

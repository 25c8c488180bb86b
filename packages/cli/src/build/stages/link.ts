/**
 * Link stage: services and events follow the structures they name through the merges. A service whose
 * structure is not in the feed is rejected; an event naming an organiser that is not in the feed keeps
 * loading without that link, and the build warns how many do.
 */
import type { Event, Service } from '@essaim/sdk';
import type { Messages } from '../errors.ts';
import { localIdOf, unknownStructure } from '../records.ts';
import type { Spool } from '../spool.ts';
import type { ImportState } from './import.ts';

export interface LinkOutcome {
  /** Events naming at least one organiser that is not in the feed. */
  unknownOrganizers: number;
  warnings: Messages[];
}

/** Re-points services and events at the kept ids (`mergedInto`), in place in the index and spool. */
export function followMergedIds(input: {
  state: ImportState;
  spool: Spool;
  mergedInto: ReadonlyMap<string, string>;
  sharding: boolean;
}): LinkOutcome {
  const { state, spool, mergedInto, sharding } = input;
  const { index, serviceStructure, eventOrganizers, reject } = state;
  const S = index.structures;
  const liveStructures = new Map<string, string>(); // id → shard
  for (let i = 0; i < S.size; i++) if (S.live[i]) liveStructures.set(S.id[i]!, S.shard[i]!);

  const V = index.services;
  for (let i = 0; i < V.size; i++) {
    const target = mergedInto.get(serviceStructure[i]!) ?? serviceStructure[i]!;
    if (!liveStructures.has(target)) {
      V.live[i] = false;
      const record = V.read<Service>(spool, i);
      reject(V.src[i]!, 'services', [unknownStructure(serviceStructure[i]!)], V.at[i]!, localIdOf(record));
      continue;
    }
    if (sharding && !V.shard[i]) V.shard[i] = liveStructures.get(target)!;
    if (target !== serviceStructure[i]) {
      const record = V.read<Service>(spool, i);
      record.structureId = target;
      V.replace(spool, i, record);
    }
  }

  const E = index.events;
  let unknownOrganizers = 0;
  for (const [i, organizers] of eventOrganizers) {
    const mapped = [...new Set(organizers.map((o) => mergedInto.get(o) ?? o))];
    if (mapped.some((o) => !liveStructures.has(o))) unknownOrganizers++;
    if (mapped.length === organizers.length && mapped.every((o, k) => o === organizers[k])) continue;
    const record = E.read<Event>(spool, i);
    record.organizerIds = mapped;
    E.replace(spool, i, record);
  }
  const warnings: Messages[] = unknownOrganizers
    ? [
        {
          fr: `${unknownOrganizers} évènement(s) citent un organisateur absent du flux (chargés sans ce lien).`,
          en: `${unknownOrganizers} event(s) name an organiser that is not in the feed (they load without that link).`,
        },
      ]
    : [];
  return { unknownOrganizers, warnings };
}

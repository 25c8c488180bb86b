/**
 * Links stage: counts the structure ↔ event links of the feed as written, with the SDK's `linkFeed`
 * (the same links the widgets show): by the events' organiser ids, and by place (a same-named place
 * within a few metres of the structure's point). Only what linking reads is kept of each structure.
 */
import { type Event, type FeedLinkCounts, linkFeed, type Structure } from '@essaim/sdk';
import type { Spool } from '../spool.ts';
import type { ImportState } from './import.ts';

/** The link counts, or undefined when the feed has no events. */
export function countLinks(state: ImportState, spool: Spool): FeedLinkCounts | undefined {
  const { structures: S, events: E } = state.index;
  const events = E.liveInIdOrder().map((i) => E.read<Event>(spool, i));
  if (!events.length) return undefined;
  const structures = S.liveInIdOrder().map((i) => {
    const { id, name, alternateNames, geo } = S.read<Structure>(spool, i);
    return { id, name, alternateNames, geo } as Structure;
  });
  return { ...linkFeed(structures, events).counts };
}

/**
 * Merge stage: finds duplicate structures (docs/merging.md), merges each cluster into its first member
 * (the source listed first in the config, then the smallest id), and lists every merge and every match
 * kept apart for the report and `merges.csv`. An id left twice (two records with different registry
 * numbers) keeps its first record; the others are rejected.
 */
import { RecordSchemas, type Structure, toIssues } from '@essaim/sdk';
import * as z from 'zod/mini';
import type { ParsedConfig } from '../../config.ts';
import { fast } from '../../importers/shared.ts';
import {
  DEFAULT_MERGE_OPTIONS,
  clustersOf,
  findDuplicates,
  haversineMeters,
  mergeStructures,
  type MergeLink,
} from '../../merge.ts';
import { applyOpeningHoursWeek } from '../../normalize/opening-hours-week.ts';
import type { Progress } from '../../progress.ts';
import type { KeptApartReport, MergeReport, MergeReviewRow } from '../../report.ts';
import type { Messages } from '../errors.ts';
import { cmp, duplicateId, duplicateIdOtherNumbers, localIdOf } from '../records.ts';
import { UNKNOWN_SHARD, departementOf } from '../shard.ts';
import type { Spool } from '../spool.ts';
import type { ImportState } from './import.ts';

export interface MergeOutcome {
  /** Id of each merged record → id of the record it was merged into. */
  mergedInto: Map<string, string>;
  merges: MergeReport[];
  keptApart: KeptApartReport[];
  /** The rows of `merges.csv`. */
  review: MergeReviewRow[];
  warnings: Messages[];
}

export interface MergeInput {
  state: ImportState;
  spool: Spool;
  sources: ParsedConfig['sources'];
  /** The config's `merge` (false turns merging off). */
  merge: ParsedConfig['merge'];
  sharding: boolean;
  progress: Progress;
  fr: boolean;
}

/** Merges the duplicate structures in place: merged records are no longer live in the index. */
export function mergeDuplicates(input: MergeInput): MergeOutcome {
  const { state, spool, sources, sharding, progress, fr } = input;
  const mergeConfig = input.merge === false ? { enabled: false } : (input.merge ?? {});
  const S = state.index.structures;
  const { keys, counts, reject } = state;
  const out: MergeOutcome = { mergedInto: new Map(), merges: [], keptApart: [], review: [], warnings: [] };
  const { mergedInto, merges, keptApart, review, warnings } = out;
  if (mergeConfig.enabled === false || !S.size) return out;

  const task = progress.start(fr ? 'Fusion des doublons' : 'Merging duplicates', S.size);
  const { enabled: _, ...tuning } = mergeConfig;
  const mergeOptions = { ...DEFAULT_MERGE_OPTIONS, ...tuning };
  const { links, refused } = findDuplicates(keys, mergeOptions, (i) => task.update(i));
  const clusters = clustersOf(S.size, links);
  // The review file: every merge link and every match kept apart, with both names and sources.
  const nameOf = (i: number) => S.read<Structure>(spool, i).name;
  const distance = (i: number, j: number) => {
    const [a, b] = [keys[i]!, keys[j]!];
    return a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined
      ? undefined
      : Math.round(haversineMeters(a.lat, a.lon, b.lat, b.lon) * 10) / 10;
  };
  const row = (l: { a: number; b: number; reason: MergeLink['reason'] }) => ({
    rule: l.reason.rule === 'name-distance' ? `name-${l.reason.name}` : l.reason.rule,
    score: l.reason.rule === 'name-distance' ? l.reason.similarity : 1,
    distanceMeters: l.reason.rule === 'name-distance' ? l.reason.distanceMeters : distance(l.a, l.b),
    a: { id: S.id[l.a]!, name: nameOf(l.a), source: sources[S.src[l.a]!]!.id },
    b: { id: S.id[l.b]!, name: nameOf(l.b), source: sources[S.src[l.b]!]!.id },
  });
  for (const l of links) review.push({ decision: 'merged', ...row(l) });
  for (const r of refused) {
    review.push({ decision: 'kept-apart', ...row(r), identifier: r.identifier, values: r.values });
    keptApart.push({
      a: S.id[r.a]!,
      b: S.id[r.b]!,
      match: r.reason,
      identifier: r.identifier,
      values: r.values,
    });
  }
  const linksByMember = new Map<number, MergeLink[]>();
  for (const l of links) {
    const list = linksByMember.get(l.a);
    if (list) list.push(l);
    else linksByMember.set(l.a, [l]);
  }
  for (const cluster of clusters) {
    // Priority: the source listed first in the config, then the smallest id.
    const members = [...cluster].sort((a, b) => S.src[a]! - S.src[b]! || cmp(S.id[a]!, S.id[b]!) || a - b);
    const records = members.map((i) => S.read<Structure>(spool, i));
    const mergedRecord = mergeStructures(records);
    applyOpeningHoursWeek(mergedRecord); // the kept openingHours may come from another member
    const parsed = z.safeParse(fast(RecordSchemas.structures), mergedRecord);
    const clusterLinks = cluster.flatMap((i) => linksByMember.get(i) ?? []);
    if (!parsed.success) {
      // Should not happen (merging only picks valid values); keep the records apart, but never
      // two records with one id.
      const issue = toIssues(parsed.error)[0];
      warnings.push({
        fr: `Fusion de ${members.map((i) => S.id[i]).join(', ')} abandonnée : le résultat serait invalide (${issue?.path} : ${issue?.message.fr}).`,
        en: `Merge of ${members.map((i) => S.id[i]).join(', ')} skipped: the result would be invalid (${issue?.path}: ${issue?.message.en}).`,
      });
      const ids = new Set<string>();
      for (const i of members) {
        if (ids.has(S.id[i]!)) {
          S.live[i] = false;
          reject(
            S.src[i]!,
            'structures',
            [duplicateId(S.id[i]!)],
            S.at[i]!,
            localIdOf(records[members.indexOf(i)]),
          );
        }
        ids.add(S.id[i]!);
      }
      continue;
    }
    const kept = members[0]!;
    S.replace(spool, kept, parsed.data);
    if (sharding) S.shard[kept] = departementOf(parsed.data.address) ?? UNKNOWN_SHARD;
    const merged: string[] = [];
    for (const i of members.slice(1)) {
      S.live[i] = false;
      counts[S.src[i]!]!.structures.merged++;
      if (S.id[i] !== S.id[kept]) mergedInto.set(S.id[i]!, S.id[kept]!);
      merged.push(S.id[i]!);
    }
    merges.push({
      kept: S.id[kept]!,
      merged,
      links: clusterLinks
        .sort((x, y) => x.a - y.a || x.b - y.b)
        .map((l) => ({ a: S.id[l.a]!, b: S.id[l.b]!, ...l.reason })),
    });
  }
  merges.sort((x, y) => cmp(x.kept, y.kept));
  keptApart.sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
  // One id listed twice with different numbers was kept apart: the first stays, the other is
  // rejected (a feed cannot hold one id twice).
  const liveIds = new Set<string>();
  for (let i = 0; i < S.size; i++) {
    if (!S.live[i]) continue;
    if (!liveIds.has(S.id[i]!)) {
      liveIds.add(S.id[i]!);
      continue;
    }
    S.live[i] = false;
    const record = S.read<Structure>(spool, i);
    reject(S.src[i]!, 'structures', [duplicateIdOtherNumbers(S.id[i]!)], S.at[i]!, localIdOf(record));
  }
  task.end(
    fr
      ? `${links.length} doublons fusionnés en ${clusters.length} fiches`
      : `${links.length} duplicates merged into ${clusters.length} records`,
  );
  return out;
}

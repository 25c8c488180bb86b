/**
 * Import stage: runs each source's importer, validates every outcome against the record schemas and
 * spools the valid records, counting what was received, rejected (with reasons) and warned about, per
 * source and part. A source that gives nothing (no record, or every record rejected) stops the build.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  RecordSchemas,
  type Event,
  type Service,
  type Structure,
  type Taxonomy,
  toIssues,
} from '@essaim/sdk';
import * as z from 'zod/mini';
import { fileError, type ParsedConfig } from '../../config.ts';
import { type GeocodeOptions, geocodeOutcomes } from '../../geocode.ts';
import { importers as REGISTRY } from '../../importers/index.ts';
import { fast } from '../../importers/shared.ts';
import type {
  FieldReport,
  ImportContext,
  ImportOutcome,
  Importer,
  PlacesLookup,
} from '../../importers/types.ts';
import { WrongShapeError } from '../../importers/types.ts';
import { mergeKeyOf, type MergeKey } from '../../merge.ts';
import { applyOpeningHoursWeek } from '../../normalize/opening-hours-week.ts';
import { loadPlacesLookup } from '../../places.ts';
import type { Progress } from '../../progress.ts';
import { type Counts, emptyCounts, type RecordPart, ReasonTally, WarningTally } from '../../report.ts';
import { closest } from '../../suggest.ts';
import { CliError, ExitCode, InvariantError, type Messages } from '../errors.ts';
import { BUILT_IN_IMPORTERS } from '../native.ts';
import { duplicateId, localIdOf, PART_OF, PARTS, PartIndex, withPath } from '../records.ts';
import { UNKNOWN_SHARD, departementOf } from '../shard.ts';
import type { Spool } from '../spool.ts';

/** Everything the import leaves for the next stages: the spooled records' index and the counts. */
export interface ImportState {
  index: Record<RecordPart, PartIndex>;
  /** Merge key of each structure, by its position in `index.structures`. */
  keys: MergeKey[];
  /** Structure id of each service, by its position in `index.services`. */
  serviceStructure: string[];
  /** Organiser ids of the events that name some, by position in `index.events`. */
  eventOrganizers: Map<number, string[]>;
  counts: Array<Record<RecordPart, Counts>>;
  tallies: ReasonTally[];
  warningTallies: WarningTally[];
  fieldReports: Array<FieldReport | undefined>;
  /** Counts a record of source `src` as rejected, with its reasons. */
  reject(src: number, part: RecordPart, reasons: Messages[], at: number, localId?: string): void;
}

/**
 * The importer of each source, checked before anything is read: a known type (else the closest name is
 * suggested) and an input file that exists. Returns the registry.
 */
export async function resolveImporters(
  sources: ParsedConfig['sources'],
  baseDir: string,
  importers?: Record<string, Importer>,
): Promise<Record<string, Importer>> {
  const registry: Record<string, Importer> = { ...BUILT_IN_IMPORTERS, ...(importers ?? REGISTRY) };
  for (const source of sources) {
    if (!registry[source.type]) {
      const known = Object.keys(registry).sort();
      const guess = closest(source.type, known);
      throw new CliError(ExitCode.BadInput, {
        fr: `Source « ${source.id} » : aucun importeur de type « ${source.type} »${guess ? ` (vouliez-vous dire « ${guess} » ?)` : ''}. Types connus : ${known.join(', ')}.`,
        en: `Source "${source.id}": no importer of type "${source.type}"${guess ? ` (did you mean "${guess}"?)` : ''}. Known types: ${known.join(', ')}.`,
      });
    }
    const file = resolve(baseDir, source.path);
    try {
      await stat(file);
    } catch (e) {
      throw fileError(e, source.path, baseDir, {
        fr: `le fichier de la source « ${source.id} »`,
        en: `the file of source "${source.id}"`,
      });
    }
  }
  return registry;
}

/** The places lookups: the given ones, else the places data (~450 KB) only when an importer needs it. */
export async function placesFor(
  sources: ParsedConfig['sources'],
  given?: PlacesLookup,
): Promise<PlacesLookup> {
  const needsPlaces = sources.some((x) => !BUILT_IN_IMPORTERS[x.type]);
  return given ?? (needsPlaces ? await loadPlacesLookup() : { lookupCommune: () => undefined });
}

export interface ImportInput {
  sources: ParsedConfig['sources'];
  baseDir: string;
  registry: Record<string, Importer>;
  places: PlacesLookup;
  taxonomy: Taxonomy;
  spool: Spool;
  progress: Progress;
  fr: boolean;
  /** Shard key of each record (its département) is kept when the feed is sharded. */
  sharding: boolean;
  /** Without merging, a structure id seen twice is rejected at once. */
  mergeEnabled: boolean;
}

/** Imports, validates and spools every source, in config order. */
export async function importSources(input: ImportInput): Promise<ImportState> {
  const { sources, baseDir, registry, places, taxonomy, spool, progress, fr, sharding, mergeEnabled } = input;
  const counts: ImportState['counts'] = sources.map(() => ({
    structures: emptyCounts(),
    services: emptyCounts(),
    events: emptyCounts(),
  }));
  const tallies = sources.map(() => new ReasonTally());
  const state: ImportState = {
    index: { structures: new PartIndex(), services: new PartIndex(), events: new PartIndex() },
    keys: [],
    serviceStructure: [],
    eventOrganizers: new Map(),
    counts,
    tallies,
    warningTallies: sources.map(() => new WarningTally()),
    fieldReports: sources.map(() => undefined),
    reject: (src, part, reasons, at, localId) => {
      counts[src]![part].rejected++;
      tallies[src]!.add(reasons, { index: at, localId });
    },
  };
  const { index, keys, reject } = state;
  const firstSeen: Record<'services' | 'events', Set<string>> = { services: new Set(), events: new Set() };
  const structureIds = new Set<string>();

  for (const [src, source] of sources.entries()) {
    const importer = registry[source.type]!;
    const task = progress.start(`Import ${source.id} (${source.type})`);
    const seenIndex = new Set<number>();
    let maxIndex = -1;
    let received = 0;
    const ctx: ImportContext = {
      source,
      baseDir,
      places,
      taxonomy,
      progress: (done, total) => task.update(done, total),
      fields: (r) => {
        state.fieldReports[src] = r;
      },
    };
    const handle = (outcome: ImportOutcome) => {
      const at = outcome.index;
      if (!Number.isInteger(at) || at < 0 || seenIndex.has(at)) {
        throw new InvariantError({
          fr: `L’importeur « ${source.type} » a produit ${seenIndex.has(at) ? 'deux résultats' : 'un résultat sans position valide'} pour l’enregistrement n° ${at} de la source « ${source.id} » (un résultat par enregistrement attendu).`,
          en: `The "${source.type}" importer yielded ${seenIndex.has(at) ? 'two outcomes' : 'an outcome without a valid index'} for input record #${at} of source "${source.id}" (one outcome per record expected).`,
        });
      }
      seenIndex.add(at);
      if (at > maxIndex) maxIndex = at;
      received++;
      const part: RecordPart = outcome.kind === 'rejected' ? outcome.part : PART_OF[outcome.kind];
      const c = counts[src]![part];
      c.received++;
      if (outcome.kind === 'rejected') {
        reject(src, part, outcome.reasons, at, outcome.localId);
        return;
      }
      const parsed = z.safeParse(fast(RecordSchemas[part]), outcome.record);
      if (!parsed.success) {
        reject(src, part, toIssues(parsed.error).map(withPath), at, localIdOf(outcome.record));
        return;
      }
      const record = parsed.data as Structure | Service | Event;
      const hoursNote = part === 'events' ? undefined : applyOpeningHoursWeek(record as Structure | Service);
      const recordWarnings = hoursNote
        ? [...(outcome.warnings ?? []), { field: 'openingHours', ...hoursNote }]
        : outcome.warnings;
      if (recordWarnings?.length) {
        state.warningTallies[src]!.add(recordWarnings, { index: at, localId: localIdOf(record) });
      }
      if (part === 'structures') {
        const s = record as Structure;
        if (!mergeEnabled) {
          if (structureIds.has(s.id)) return reject(src, part, [duplicateId(s.id)], at, localIdOf(s));
          structureIds.add(s.id);
        }
        const shard = sharding ? (departementOf(s.address) ?? UNKNOWN_SHARD) : '';
        index.structures.push(src, at, spool.append(JSON.stringify(s)), s.id, shard);
        keys.push(mergeKeyOf(s));
      } else {
        const seen = firstSeen[part];
        if (seen.has(record.id)) return reject(src, part, [duplicateId(record.id)], at, localIdOf(record));
        seen.add(record.id);
        if (part === 'services') {
          const s = record as Service;
          const shard = sharding ? (departementOf(s.address) ?? '') : '';
          index.services.push(src, at, spool.append(JSON.stringify(s)), s.id, shard);
          state.serviceStructure.push(s.structureId);
        } else {
          const e = record as Event;
          const shard = sharding ? (departementOf(e.place?.address) ?? UNKNOWN_SHARD) : '';
          const i = index.events.push(src, at, spool.append(JSON.stringify(e)), e.id, shard);
          if (e.organizerIds?.length) state.eventOrganizers.set(i, e.organizerIds);
        }
      }
    };
    try {
      const geocode = source.options?.geocode as GeocodeOptions | undefined;
      for await (const outcome of geocode ? geocodeOutcomes(importer.run(ctx), geocode) : importer.run(ctx)) {
        handle(outcome);
        if ((received & 0x3ff) === 0) task.update(received);
      }
    } catch (e) {
      if (e instanceof WrongShapeError) {
        throw new CliError(
          ExitCode.BadInput,
          {
            fr: `Source « ${source.id} » : le fichier ${resolve(baseDir, source.path)} n’a pas la forme attendue. L’importeur « ${e.importer} » attendait ${e.expected}, mais a trouvé ${e.found}.`,
            en: `Source "${source.id}": the file ${resolve(baseDir, source.path)} is not of the expected shape. The "${e.importer}" importer expected ${e.expected}, but found ${e.found}.`,
          },
          { cause: e },
        );
      }
      throw e;
    }
    if (maxIndex + 1 !== received) {
      throw new InvariantError({
        fr: `L’importeur « ${source.type} » a sauté des enregistrements de la source « ${source.id} » : ${received} résultats pour des positions allant jusqu’à ${maxIndex}.`,
        en: `The "${source.type}" importer skipped input records of source "${source.id}": ${received} outcomes for positions up to ${maxIndex}.`,
      });
    }
    const c = counts[src]!;
    const acceptedSoFar = PARTS.reduce((n, p) => n + c[p].received - c[p].rejected, 0);
    const rejectedSoFar = received - acceptedSoFar;
    task.end(
      fr
        ? `${received} reçus, ${acceptedSoFar} valides, ${rejectedSoFar} rejetés`
        : `${received} received, ${acceptedSoFar} valid, ${rejectedSoFar} rejected`,
    );
  }
  failEmptySources(sources, baseDir, state);
  return state;
}

/**
 * A source with no record, or whose every record is rejected, is a mistake (wrong file, wrong importer,
 * a header without rows): the build stops, naming each such source and why, rather than publishing a
 * feed without it.
 */
export function failEmptySources(
  sources: ParsedConfig['sources'],
  baseDir: string,
  state: Pick<ImportState, 'counts' | 'tallies'>,
): void {
  const failed: Messages[] = [];
  sources.forEach((source, src) => {
    const c = state.counts[src]!;
    const received = PARTS.reduce((n, p) => n + c[p].received, 0);
    const rejected = PARTS.reduce((n, p) => n + c[p].rejected, 0);
    const file = resolve(baseDir, source.path);
    if (!received) {
      failed.push({
        fr: `source « ${source.id} » (${source.type}, ${file}) : rien à importer (aucun enregistrement : liste vide ou en-tête sans lignes).`,
        en: `source "${source.id}" (${source.type}, ${file}): nothing to import (no record: an empty list, or a header without rows).`,
      });
    } else if (rejected === received) {
      const reasons = state.tallies[src]!.list().slice(0, 3);
      failed.push({
        fr: `source « ${source.id} » (${source.type}, ${file}) : les ${received} enregistrements sont tous rejetés. Raisons : ${reasons.map((r) => `${r.count} × ${r.reason.fr}`).join(' ; ')}.`,
        en: `source "${source.id}" (${source.type}, ${file}): all ${received} records were rejected. Reasons: ${reasons.map((r) => `${r.count} × ${r.reason.en}`).join('; ')}.`,
      });
    }
  });
  if (failed.length) {
    throw new CliError(ExitCode.Rejected, {
      fr: `Construction arrêtée, rien n’est écrit :\n  - ${failed.map((m) => m.fr).join('\n  - ')}\nVérifiez le fichier et le « type » (importeur) de ces sources.`,
      en: `Build stopped, nothing written:\n  - ${failed.map((m) => m.en).join('\n  - ')}\nCheck the file and the "type" (importer) of these sources.`,
    });
  }
}

/**
 * The build: sources → importers → schema validation → duplicate merging → sorted, validated part files
 * + manifest + build report, in a folder any static host can serve.
 *
 * It streams: each importer's outcomes are validated one by one and spooled to a temporary file as JSON
 * text; memory holds only, per record, its position in the spool, its id, its source, its shard key
 * and (for structures) its small merge key. Parts are then written as streams in id order (per shard
 * when sharding), reading each record back from the spool.
 *
 * Deterministic: sources in config order, records sorted by id (code-unit order), keys in schema order
 * (records are written as the zod schema outputs them), no time of the run anywhere in the output.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  buildCalendar,
  Concept,
  FeedManifest,
  icsFileName,
  partitionEvents,
  Parcours,
  RecordSchemas,
  SCHEMA_VERSION,
  type Taxonomy,
  toIssues,
  type Event,
  type ListPart,
  type Service,
  type Structure,
  type ValidationIssue,
} from '@essaim/sdk';
import * as z from 'zod/mini';
import type { LoadedConfig } from '../config.ts';
import { fileError } from '../config.ts';
import { importers as REGISTRY } from '../importers/index.ts';
import type { ImportContext, ImportOutcome, Importer, PlacesLookup } from '../importers/types.ts';
import type { FieldReport } from '../importers/types.ts';
import { WrongShapeError } from '../importers/types.ts';
import { fast } from '../importers/shared.ts';
import { loadPlacesLookup } from '../places.ts';
import {
  DEFAULT_MERGE_OPTIONS,
  clustersOf,
  findDuplicates,
  haversineMeters,
  mergeKeyOf,
  mergeStructures,
  type MergeKey,
  type MergeLink,
} from '../merge.ts';
import { silentProgress, type Progress } from '../progress.ts';
import {
  ReasonTally,
  WarningTally,
  checkReport,
  emptyCounts,
  mergesCsv,
  type MergeReviewRow,
  type KeptApartReport,
  type BuildReport,
  type CalendarReport,
  type Counts,
  type FileReport,
  type MergeReport,
  type RecordPart,
} from '../report.ts';
import { CliError, ExitCode, FileNotFoundError, InvariantError, type Messages } from './errors.ts';
import { BUILT_IN_IMPORTERS } from './native.ts';
import { checkOutput, installOutput } from './output.ts';
import { type GeocodeOptions, geocodeOutcomes } from '../geocode.ts';
import { applyOpeningHoursWeek } from '../normalize/opening-hours-week.ts';
import { UNKNOWN_SHARD, departementOf } from './shard.ts';
import { Spool } from './spool.ts';
import { buildIndicators } from './stages/indicators.ts';
import { writeJsonArray, writeJsonDocument, writeTextFile, type WrittenFile } from './writer.ts';

export interface BuildOptions {
  /** Importers by type. Default: the registry (importers/index.ts) and the built-in `essaim` one. */
  importers?: Record<string, Importer>;
  /** Places lookups for the importers. Default: the CLI's places module (loaded only when needed). */
  places?: PlacesLookup;
  progress?: Progress;
  /** Output folder, overriding the config's (resolved from `cwd`). */
  outDir?: string;
  cwd?: string;
  /** Where the temporary spool goes (default: the OS temp folder). */
  tempDir?: string;
  /**
   * Write into an output folder that holds files essaim did not write (they are never deleted nor
   * replaced; see build/output.ts).
   */
  force?: boolean;
  lang?: 'fr' | 'en';
}

export interface BuildResult {
  report: BuildReport;
  manifest: FeedManifest;
  outDir: string;
  /** Every file written (path relative to outDir → its count, hash and size). */
  files: Record<string, WrittenFile>;
}

const PART_OF = { structure: 'structures', service: 'services', event: 'events' } as const;
const PARTS: RecordPart[] = ['structures', 'services', 'events'];

/** What memory holds for each spooled record of a part. */
class PartIndex {
  readonly src: number[] = [];
  readonly offset: number[] = [];
  readonly length: number[] = [];
  readonly id: string[] = [];
  readonly shard: string[] = [];
  /** Position of the record in its input file. */
  readonly at: number[] = [];
  /** false once a record is merged into another or rejected late. */
  readonly live: boolean[] = [];
  get size(): number {
    return this.id.length;
  }
  push(
    src: number,
    input: number,
    at: { offset: number; length: number },
    id: string,
    shard: string,
  ): number {
    this.src.push(src);
    this.at.push(input);
    this.offset.push(at.offset);
    this.length.push(at.length);
    this.id.push(id);
    this.shard.push(shard);
    this.live.push(true);
    return this.id.length - 1;
  }
}

const withPath = (issue: ValidationIssue): Messages =>
  issue.path
    ? { fr: `${issue.path} : ${issue.message.fr}`, en: `${issue.path}: ${issue.message.en}` }
    : issue.message;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function localIdOf(record: unknown): string | undefined {
  if (!record || typeof record !== 'object') return undefined;
  const r = record as { id?: unknown; provenance?: Array<{ localId?: unknown }> };
  const fromProvenance = Array.isArray(r.provenance) ? r.provenance[0]?.localId : undefined;
  if (typeof fromProvenance === 'string') return fromProvenance;
  if (typeof r.id === 'string') return r.id.includes('--') ? r.id.slice(r.id.indexOf('--') + 2) : r.id;
  return undefined;
}

export { closest, levenshtein } from '../suggest.ts';
import { closest } from '../suggest.ts';

async function readJson(file: string, shown: string, from: string, what: Messages): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw fileError(e, shown, from, what);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(ExitCode.BadInput, {
      fr: `${what.fr} ${file} n’est pas du JSON valide : ${(e as Error).message}`,
      en: `${what.en} ${file} is not valid JSON: ${(e as Error).message}`,
    });
  }
}

const isInside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Runs the build described by a loaded config. */
export async function buildFeed(loaded: LoadedConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const { config, baseDir } = loaded;
  const progress = options.progress ?? silentProgress;
  const cwd = options.cwd ?? process.cwd();
  const outDir = options.outDir ? resolve(cwd, options.outDir) : resolve(baseDir, config.output);
  const sharding = config.shard?.by === 'departement';
  const mergeConfig = config.merge === false ? { enabled: false } : (config.merge ?? {});
  const mergeEnabled = mergeConfig.enabled !== false;
  const fr = (options.lang ?? 'fr') === 'fr';

  // The output folder must not hold the config or the inputs.
  const inputs = [
    loaded.file,
    ...config.sources.map((s) => resolve(baseDir, s.path)),
    resolve(baseDir, config.taxonomy),
  ];
  if (inputs.some((f) => isInside(f, outDir)) || dirname(outDir) === outDir) {
    throw new CliError(ExitCode.BadInput, {
      fr: `Dossier de sortie refusé : ${outDir} contient la configuration ou des fichiers sources. Choisissez un dossier à part, ex. « feed ».`,
      en: `Output folder refused: ${outDir} holds the config or source files. Choose a folder of its own, e.g. "feed".`,
    });
  }
  // Only an empty folder or one essaim wrote (checked again, file by file, before anything is moved in).
  const outputState = checkOutput(outDir, config.feed.id, options.force);

  // --- Taxonomy -----------------------------------------------------------------------------------
  const taxonomyFile = resolve(baseDir, config.taxonomy);
  const taxonomyRaw = await readJson(taxonomyFile, config.taxonomy, baseDir, {
    fr: 'la taxonomie',
    en: 'the taxonomy',
  });
  const header = z.safeParse(
    z.object({ id: z.string().check(z.minLength(1)), version: z.string().check(z.minLength(1)) }),
    taxonomyRaw,
  );
  const rawConcepts = (taxonomyRaw as { concepts?: unknown })?.concepts;
  if (!header.success || !Array.isArray(rawConcepts)) {
    throw new CliError(ExitCode.BadInput, {
      fr: `La taxonomie ${taxonomyFile} doit être un objet { id, version, concepts: [...] }.`,
      en: `The taxonomy ${taxonomyFile} must be an object { id, version, concepts: [...] }.`,
    });
  }
  const taxonomyTally = new ReasonTally();
  const concepts: Concept[] = [];
  {
    const seen = new Set<string>();
    rawConcepts.forEach((raw, index) => {
      const parsed = Concept.safeParse(raw);
      const id = (raw as { id?: unknown })?.id;
      if (!parsed.success) {
        taxonomyTally.add(toIssues(parsed.error).map(withPath), {
          index,
          localId: typeof id === 'string' ? id : undefined,
        });
      } else if (seen.has(parsed.data.id)) {
        taxonomyTally.add([duplicateId(parsed.data.id)], { index, localId: parsed.data.id });
      } else {
        seen.add(parsed.data.id);
        concepts.push(parsed.data);
      }
    });
  }
  const taxonomy: Taxonomy = { id: header.data.id, version: header.data.version, concepts };
  const taxonomyReport: FileReport & { path: string } = {
    path: config.taxonomy,
    received: rawConcepts.length,
    accepted: concepts.length,
    rejected: rawConcepts.length - concepts.length,
    rejections: taxonomyTally.list(),
  };

  // --- Importers ----------------------------------------------------------------------------------
  const registry: Record<string, Importer> = { ...BUILT_IN_IMPORTERS, ...(options.importers ?? REGISTRY) };
  for (const source of config.sources) {
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
  // The places data (~450 KB) only when a source is not read by a built-in importer.
  const needsPlaces = config.sources.some((x) => !BUILT_IN_IMPORTERS[x.type]);
  const places =
    options.places ?? (needsPlaces ? await loadPlacesLookup() : { lookupCommune: () => undefined });

  const spool = new Spool(options.tempDir);
  try {
    const index: Record<RecordPart, PartIndex> = {
      structures: new PartIndex(),
      services: new PartIndex(),
      events: new PartIndex(),
    };
    const keys: MergeKey[] = [];
    const serviceStructure: string[] = [];
    const eventOrganizers = new Map<number, string[]>();
    const counts: Array<Record<RecordPart, Counts>> = config.sources.map(() => ({
      structures: emptyCounts(),
      services: emptyCounts(),
      events: emptyCounts(),
    }));
    const tallies = config.sources.map(() => new ReasonTally());
    const warningTallies = config.sources.map(() => new WarningTally());
    const fieldReports: Array<FieldReport | undefined> = config.sources.map(() => undefined);
    const firstSeen: Record<'services' | 'events', Set<string>> = { services: new Set(), events: new Set() };
    const structureIds = new Set<string>();

    const reject = (src: number, part: RecordPart, reasons: Messages[], at: number, localId?: string) => {
      counts[src]![part].rejected++;
      tallies[src]!.add(reasons, { index: at, localId });
    };

    // --- Import, validate, spool ------------------------------------------------------------------
    for (const [src, source] of config.sources.entries()) {
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
          fieldReports[src] = r;
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
        const hoursNote =
          part === 'events' ? undefined : applyOpeningHoursWeek(record as Structure | Service);
        const recordWarnings = hoursNote
          ? [...(outcome.warnings ?? []), { field: 'openingHours', ...hoursNote }]
          : outcome.warnings;
        if (recordWarnings?.length) {
          warningTallies[src]!.add(recordWarnings, { index: at, localId: localIdOf(record) });
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
            serviceStructure.push(s.structureId);
          } else {
            const e = record as Event;
            const shard = sharding ? (departementOf(e.place?.address) ?? UNKNOWN_SHARD) : '';
            const i = index.events.push(src, at, spool.append(JSON.stringify(e)), e.id, shard);
            if (e.organizerIds?.length) eventOrganizers.set(i, e.organizerIds);
          }
        }
      };
      try {
        const geocode = source.options?.geocode as GeocodeOptions | undefined;
        for await (const outcome of geocode
          ? geocodeOutcomes(importer.run(ctx), geocode)
          : importer.run(ctx)) {
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

    // --- A source that gives nothing fails the build ------------------------------------------------
    // A source with no record, or whose every record is rejected, is a mistake (wrong file, wrong
    // importer, a header without rows): the build stops, naming each such source and why, rather than
    // publishing a feed without it.
    const failed: Messages[] = [];
    config.sources.forEach((source, src) => {
      const c = counts[src]!;
      const received = PARTS.reduce((n, p) => n + c[p].received, 0);
      const rejected = PARTS.reduce((n, p) => n + c[p].rejected, 0);
      const file = resolve(baseDir, source.path);
      if (!received) {
        failed.push({
          fr: `source « ${source.id} » (${source.type}, ${file}) : rien à importer (aucun enregistrement : liste vide ou en-tête sans lignes).`,
          en: `source "${source.id}" (${source.type}, ${file}): nothing to import (no record: an empty list, or a header without rows).`,
        });
      } else if (rejected === received) {
        const reasons = tallies[src]!.list().slice(0, 3);
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

    // --- Merge duplicate structures -----------------------------------------------------------------
    const S = index.structures;
    const mergedInto = new Map<string, string>(); // merged id → kept id
    const merges: MergeReport[] = [];
    const keptApart: KeptApartReport[] = [];
    const review: MergeReviewRow[] = [];
    const warnings: Messages[] = [];
    if (mergeEnabled && S.size) {
      const task = progress.start(fr ? 'Fusion des doublons' : 'Merging duplicates', S.size);
      const { enabled: _, ...tuning } = mergeConfig;
      const mergeOptions = { ...DEFAULT_MERGE_OPTIONS, ...tuning };
      const { links, refused } = findDuplicates(keys, mergeOptions, (i) => task.update(i));
      const clusters = clustersOf(S.size, links);
      // The review file: every merge link and every match kept apart, with both names and sources.
      const nameOf = (i: number) => (JSON.parse(spool.read(S.offset[i]!, S.length[i]!)) as Structure).name;
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
        a: { id: S.id[l.a]!, name: nameOf(l.a), source: config.sources[S.src[l.a]!]!.id },
        b: { id: S.id[l.b]!, name: nameOf(l.b), source: config.sources[S.src[l.b]!]!.id },
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
        const members = [...cluster].sort(
          (a, b) => S.src[a]! - S.src[b]! || cmp(S.id[a]!, S.id[b]!) || a - b,
        );
        const records = members.map((i) => JSON.parse(spool.read(S.offset[i]!, S.length[i]!)) as Structure);
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
        const at = spool.append(JSON.stringify(parsed.data));
        S.offset[kept] = at.offset;
        S.length[kept] = at.length;
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
        const record = JSON.parse(spool.read(S.offset[i]!, S.length[i]!)) as Structure;
        reject(S.src[i]!, 'structures', [duplicateIdOtherNumbers(S.id[i]!)], S.at[i]!, localIdOf(record));
      }
      task.end(
        fr
          ? `${links.length} doublons fusionnés en ${clusters.length} fiches`
          : `${links.length} duplicates merged into ${clusters.length} records`,
      );
    }
    const liveStructures = new Map<string, string>(); // id → shard
    for (let i = 0; i < S.size; i++) if (S.live[i]) liveStructures.set(S.id[i]!, S.shard[i]!);

    // --- Services and events: follow merged ids, drop services without their structure ---------------
    const V = index.services;
    for (let i = 0; i < V.size; i++) {
      const target = mergedInto.get(serviceStructure[i]!) ?? serviceStructure[i]!;
      if (!liveStructures.has(target)) {
        V.live[i] = false;
        const record = JSON.parse(spool.read(V.offset[i]!, V.length[i]!)) as Service;
        reject(V.src[i]!, 'services', [unknownStructure(serviceStructure[i]!)], V.at[i]!, localIdOf(record));
        continue;
      }
      if (sharding && !V.shard[i]) V.shard[i] = liveStructures.get(target)!;
      if (target !== serviceStructure[i]) {
        const record = JSON.parse(spool.read(V.offset[i]!, V.length[i]!)) as Service;
        record.structureId = target;
        const at = spool.append(JSON.stringify(record));
        V.offset[i] = at.offset;
        V.length[i] = at.length;
      }
    }
    const E = index.events;
    let unknownOrganizers = 0;
    for (const [i, organizers] of eventOrganizers) {
      const mapped = [...new Set(organizers.map((o) => mergedInto.get(o) ?? o))];
      if (mapped.some((o) => !liveStructures.has(o))) unknownOrganizers++;
      if (mapped.length === organizers.length && mapped.every((o, k) => o === organizers[k])) continue;
      const record = JSON.parse(spool.read(E.offset[i]!, E.length[i]!)) as Event;
      record.organizerIds = mapped;
      const at = spool.append(JSON.stringify(record));
      E.offset[i] = at.offset;
      E.length[i] = at.length;
    }

    if (unknownOrganizers) {
      warnings.push({
        fr: `${unknownOrganizers} évènement(s) citent un organisateur absent du flux (chargés sans ce lien).`,
        en: `${unknownOrganizers} event(s) name an organiser that is not in the feed (they load without that link).`,
      });
    }

    // --- Write ------------------------------------------------------------------------------------------
    const tmpOut = `${outDir}.essaim-tmp-${process.pid}`;
    await rm(tmpOut, { recursive: true, force: true });
    const files: Record<string, WrittenFile> = {};
    const output: BuildReport['output'] = {};
    const parts: FeedManifest['parts'] = {};
    try {
      if (review.length) {
        files['merges.csv'] = await writeTextFile(
          join(tmpOut, 'merges.csv'),
          mergesCsv(review),
          review.length,
        );
      }
      const writeTask = progress.start(fr ? 'Écriture' : 'Writing', S.size + V.size + E.size);
      let written = 0;
      for (const part of PARTS) {
        const X = index[part];
        const order: number[] = [];
        for (let i = 0; i < X.size; i++) if (X.live[i]) order.push(i);
        order.sort((a, b) => (sharding ? cmp(X.shard[a]!, X.shard[b]!) : 0) || cmp(X.id[a]!, X.id[b]!));
        for (const i of order) counts[X.src[i]!]![part].accepted++;
        // Where the records are on a map (the only "geo" of a record is its point, or its place's for an
        // event; "precision":"commune" only appears in a point placed at its commune centre).
        const places = { exact: 0, commune: 0, none: 0 };
        const texts = function* (list: number[]) {
          for (const i of list) {
            const text = spool.read(X.offset[i]!, X.length[i]!);
            if (!text.includes('"geo":{')) places.none++;
            else if (text.includes('"precision":"commune"')) places.commune++;
            else places.exact++;
            yield text;
            if ((++written & 0xfff) === 0) writeTask.update(written);
          }
        };
        if (sharding && order.length) {
          const groups = new Map<string, number[]>();
          for (const i of order) {
            const key = X.shard[i] || UNKNOWN_SHARD;
            const g = groups.get(key);
            if (g) g.push(i);
            else groups.set(key, [i]);
          }
          const shards: Array<{ key: string; url: string; count: number; sha256: string }> = [];
          const perShard: Record<string, number> = {};
          for (const [key, list] of groups) {
            const url = `${part}/${key}.json`;
            const f = (files[url] = await writeJsonArray(join(tmpOut, url), texts(list)));
            shards.push({ key, url, count: f.count, sha256: f.sha256 });
            perShard[key] = f.count;
          }
          parts[part] = { shardBy: 'departement', shards } satisfies ListPart;
          output[part] = { count: order.length, shards: perShard };
        } else {
          const url = `${part}.json`;
          const f = (files[url] = await writeJsonArray(join(tmpOut, url), texts(order)));
          parts[part] = { url, count: f.count, sha256: f.sha256 };
          output[part] = { count: f.count };
        }
        if (order.length && part !== 'services') {
          output[part]!.places = places;
          if (places.commune || places.none) {
            const [frPart, enPart] =
              part === 'events' ? ['évènement(s)', 'event(s)'] : ['structure(s)', 'structure(s)'];
            warnings.push({
              fr: `${frPart} : ${places.commune} placé(s) au centre de leur commune (position approximative), ${places.none} sans aucun lieu (absents de la carte).`,
              en: `${enPart}: ${places.commune} placed at their commune centre (approximate position), ${places.none} without any place (not on the map).`,
            });
          }
        }
      }
      writeTask.end(fr ? `${written} enregistrements` : `${written} records`);

      const tax = (files['taxonomy.json'] = await writeJsonDocument(join(tmpOut, 'taxonomy.json'), taxonomy));
      parts.taxonomy = { url: 'taxonomy.json', count: concepts.length, sha256: tax.sha256 };
      output.taxonomy = { concepts: concepts.length };

      // --- Subscribable calendars (calendars/*.ics), from the events in id order -------------------------
      const calendars: CalendarReport[] = [];
      const manifestCalendars: Array<Record<string, unknown>> = [];
      if (config.calendars !== false && output.events?.count) {
        const calendarTask = progress.start(fr ? 'Calendriers' : 'Calendars');
        const order: number[] = [];
        for (let i = 0; i < E.size; i++) if (E.live[i]) order.push(i);
        order.sort((a, b) => cmp(E.id[a]!, E.id[b]!));
        const events = order.map((i) => JSON.parse(spool.read(E.offset[i]!, E.length[i]!)) as Event);
        for (const c of await calendarFiles(events, concepts, config.calendars ?? {}, config.feed)) {
          files[c.file] = await writeTextFile(join(tmpOut, c.file), c.text, c.count);
          calendars.push({ name: c.name, file: c.file, count: c.count });
          manifestCalendars.push({ name: c.name, url: c.url ?? c.file, count: c.count, ...c.scope });
        }
        calendarTask.end(fr ? `${calendars.length} fichiers .ics` : `${calendars.length} .ics files`);
      }

      // --- Orientation journeys --------------------------------------------------------------------
      const parcoursReports: Array<FileReport & { path: string; missing?: boolean }> = [];
      const all: Parcours[] = [];
      if (config.parcours?.length) {
        const ids = new Set<string>();
        for (const path of config.parcours) {
          const file = resolve(baseDir, path);
          if (!existsSync(file)) {
            parcoursReports.push({
              path,
              missing: true,
              received: 0,
              accepted: 0,
              rejected: 0,
              rejections: [],
            });
            warnings.push({
              fr: `Parcours ${path} : fichier absent, ignoré.`,
              en: `Parcours ${path}: no such file, skipped.`,
            });
            continue;
          }
          const raw = await readJson(file, path, baseDir, { fr: 'le parcours', en: 'the parcours file' });
          const list = Array.isArray(raw) ? raw : [raw];
          const tally = new ReasonTally();
          let accepted = 0;
          list.forEach((item, i) => {
            const parsed = Parcours.safeParse(item);
            const id = (item as { id?: unknown })?.id;
            if (!parsed.success) {
              tally.add(toIssues(parsed.error).map(withPath), {
                index: i,
                localId: typeof id === 'string' ? id : undefined,
              });
            } else if (ids.has(parsed.data.id)) {
              tally.add([duplicateId(parsed.data.id)], { index: i, localId: parsed.data.id });
            } else {
              ids.add(parsed.data.id);
              all.push(parsed.data);
              accepted++;
            }
          });
          parcoursReports.push({
            path,
            received: list.length,
            accepted,
            rejected: list.length - accepted,
            rejections: tally.list(),
          });
        }
        all.sort((a, b) => cmp(a.id, b.id));
      }
      if (parcoursReports.some((r) => !r.missing)) {
        const f = (files['parcours.json'] = await writeJsonArray(
          join(tmpOut, 'parcours.json'),
          all.map((p) => JSON.stringify(p)),
        ));
        parts.parcours = { url: 'parcours.json', count: f.count, sha256: f.sha256 };
        output.parcours = { count: f.count };
      }

      // --- Official figures by territory (CSV files with a mapping) ----------------------------------
      const indicators = config.indicators?.length
        ? await buildIndicators(config.indicators, baseDir)
        : undefined;
      if (indicators) {
        warnings.push(...indicators.warnings);
        const f = (files['indicators.json'] = await writeJsonArray(
          join(tmpOut, 'indicators.json'),
          indicators.records.map((r) => JSON.stringify(r)),
        ));
        parts.indicators = { url: 'indicators.json', count: f.count, sha256: f.sha256 };
        output.indicators = { count: f.count };
      }

      // --- Report -------------------------------------------------------------------------------------
      const totals = emptyCounts();
      const sources = config.sources.map((source, src) => {
        const c = counts[src]!;
        const sum = emptyCounts();
        const partCounts: Partial<Record<RecordPart, Counts>> = {};
        for (const p of PARTS) {
          if (!c[p].received) continue;
          partCounts[p] = c[p];
          for (const k of Object.keys(sum) as Array<keyof Counts>) sum[k] += c[p][k];
        }
        for (const k of Object.keys(sum) as Array<keyof Counts>) totals[k] += sum[k];
        return {
          id: source.id,
          name: source.name,
          type: source.type,
          path: source.path,
          ...sum,
          parts: partCounts,
          rejections: tallies[src]!.list(),
          warnings: warningTallies[src]!.list(),
          ...(fieldReports[src] ? { fields: fieldReports[src] } : {}),
        };
      });
      const report: BuildReport = {
        feed: { id: config.feed.id, updated: config.feed.updated },
        totals,
        sources,
        output,
        taxonomy: taxonomyReport,
        parcours: parcoursReports,
        ...(indicators ? { indicators: indicators.reports } : {}),
        merges,
        keptApart,
        ...(files['merges.csv'] ? { mergeReview: 'merges.csv' } : {}),
        warnings,
        ...(calendars.length ? { calendars } : {}),
      };
      checkReport(report);

      // --- Manifest -----------------------------------------------------------------------------------
      const f = config.feed;
      const manifestInput = {
        ...(f.schemaUrl ? { $schema: f.schemaUrl } : {}),
        schemaVersion: SCHEMA_VERSION,
        id: f.id,
        title: f.title,
        ...(f.description ? { description: f.description } : {}),
        publisher: f.publisher,
        licence: f.licence,
        attribution: f.attribution,
        sources: config.sources.map((s) => ({
          id: s.id,
          name: s.name,
          ...(s.url ? { url: s.url } : {}),
          licence: s.licence,
          attribution: s.attribution,
          ...(s.retrievedAt ? { retrievedAt: s.retrievedAt } : {}),
        })),
        updated: f.updated,
        ...(f.reportErrorUrl ? { reportErrorUrl: f.reportErrorUrl } : {}),
        parts,
        ...(manifestCalendars.length ? { calendars: manifestCalendars } : {}),
      };
      const manifest = FeedManifest.safeParse(manifestInput);
      if (!manifest.success) {
        const issues = toIssues(manifest.error).map(withPath);
        throw new CliError(ExitCode.BadInput, {
          fr: `Le manifeste produit serait invalide :\n  - ${issues.map((i) => i.fr).join('\n  - ')}`,
          en: `The manifest would be invalid:\n  - ${issues.map((i) => i.en).join('\n  - ')}`,
        });
      }
      files['build-report.json'] = await writeJsonDocument(join(tmpOut, 'build-report.json'), report);
      files['manifest.json'] = await writeJsonDocument(join(tmpOut, 'manifest.json'), manifest.data);
      await installOutput(tmpOut, outputState, config.feed.id, Object.keys(files));
      return { report, manifest: manifest.data, outDir, files };
    } catch (e) {
      await rm(tmpOut, { recursive: true, force: true });
      throw e;
    }
  } finally {
    spool.dispose();
  }
}

interface CalendarFile extends CalendarReport {
  text: string;
  /** Public address, when the config gives `calendars.baseUrl`. */
  url?: string;
  /** What the calendar covers, for the manifest. */
  scope: { departement?: string; region?: string; category?: string };
}

const CALENDAR_NAME = 'Agenda de l’ESS';

/**
 * The static calendars of the feed's events: `calendars/all.ics`, one per département
 * (`departement-<code>.ics`, named after the département) and one per category or theme
 * (`categorie-<slug>.ics`, the taxonomy concept's slug and label when the value is a concept id; a
 * category and a theme with the same slug share one file). Deterministic: events in id order, files in
 * key order, DTSTAMPs from the events' `updatedAt`.
 */
async function calendarFiles(
  events: readonly Event[],
  concepts: readonly Concept[],
  options: {
    byDepartement?: boolean | undefined;
    byRegion?: boolean | undefined;
    byCategory?: boolean | undefined;
    baseUrl?: string | undefined;
  },
  feed: { title: string; licence: { name: string }; attribution: string },
): Promise<CalendarFile[]> {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const labels = (id: string) => byId.get(id)?.label.fr;
  const out: CalendarFile[] = [];
  // The public folder of the feed: calendars/… resolve against it (a trailing slash is implied).
  const base = options.baseUrl ? options.baseUrl.replace(/\/*$/, '/') : undefined;
  const add = (file: string, name: string, list: readonly Event[], scope: CalendarFile['scope'] = {}) => {
    const description = `Évènements du flux « ${feed.title} » (${feed.licence.name}). ${feed.attribution}`;
    const path = `calendars/${file}`;
    const url = base ? new URL(path, base).href : undefined;
    const text = buildCalendar({ name, description, events: list, labels, ...(url ? { url } : {}) });
    out.push({ name, file: path, count: list.length, text, scope, ...(url ? { url } : {}) });
  };
  const slugOf = (value: string) => icsFileName(value).replace(/\.ics$/, '');

  add('all.ics', `${CALENDAR_NAME} — tous les évènements`, events);

  if (options.byDepartement !== false) {
    const groups = partitionEvents(events, 'departement');
    if (groups.size) {
      const { getDepartement } = await import('@essaim/sdk/places');
      for (const [code, list] of groups) {
        const d = getDepartement(code);
        const file = /^[0-9A-Za-z]+$/.test(code) ? code : slugOf(code);
        add(`departement-${file}.ics`, `${CALENDAR_NAME} — ${d ? `${d.name} (${d.code})` : code}`, list, {
          departement: code,
        });
      }
    }
  }

  if (options.byRegion !== false) {
    const groups = partitionEvents(events, 'region');
    if (groups.size) {
      const { getRegion } = await import('@essaim/sdk/places');
      for (const [code, list] of groups) {
        const r = getRegion(code);
        const file = /^[0-9A-Za-z]+$/.test(code) ? code : slugOf(code);
        add(`region-${file}.ics`, `${CALENDAR_NAME} — ${r ? r.name : code}`, list, { region: code });
      }
    }
  }

  if (options.byCategory !== false) {
    const groups = new Map<string, { label: string; concept: string; events: Event[]; ids: Set<string> }>();
    for (const by of ['category', 'theme'] as const) {
      for (const [key, list] of partitionEvents(events, by)) {
        const concept = byId.get(key);
        const slug = concept?.slug ?? slugOf(key);
        let g = groups.get(slug);
        if (!g)
          groups.set(
            slug,
            (g = {
              label: concept?.label.fr ?? key,
              concept: concept?.id ?? key,
              events: [],
              ids: new Set(),
            }),
          );
        for (const e of list) {
          if (g.ids.has(e.id)) continue;
          g.ids.add(e.id);
          g.events.push(e);
        }
      }
    }
    for (const slug of [...groups.keys()].sort(cmp)) {
      const g = groups.get(slug)!;
      g.events.sort((a, b) => cmp(a.id, b.id));
      add(`categorie-${slug}.ics`, `${CALENDAR_NAME} — ${g.label}`, g.events, { category: g.concept });
    }
  }
  return out;
}

function duplicateId(id: string): Messages {
  return {
    fr: `Identifiant en double : « ${id} » apparaît déjà plus haut (le premier est gardé)`,
    en: `Duplicate id: "${id}" already appears earlier (the first one is kept)`,
  };
}

function duplicateIdOtherNumbers(id: string): Messages {
  return {
    fr: `Identifiant en double : « ${id} » apparaît déjà plus haut avec un autre SIRET, SIREN ou RNA (deux organisations : non fusionnées, la première est gardée ; voir merges.csv)`,
    en: `Duplicate id: "${id}" already appears earlier with another SIRET, SIREN or RNA (two organisations: not merged, the first one is kept; see merges.csv)`,
  };
}

function unknownStructure(id: string): Messages {
  return {
    fr: `La structure « ${id} » de ce service n’est pas dans le flux`,
    en: `This service's structure "${id}" is not in the feed`,
  };
}

export { FileNotFoundError };

/**
 * Write stage: the part files (`structures.json`, `services.json`, `events.json`, or one file per
 * département when sharded), `taxonomy.json` and `merges.csv`, written into a temporary folder beside
 * the output folder; the last stage moves them in (build/output.ts). Records are written in id order (by
 * shard, then id, when sharded), as the spool holds them. Also counts where the records are on a map.
 */
import { join, dirname, resolve } from 'node:path';
import type { FeedManifest, ListPart, Taxonomy } from '@essaim/sdk';
import type { LoadedConfig } from '../../config.ts';
import type { Progress } from '../../progress.ts';
import { type BuildReport, mergesCsv, type MergeReviewRow } from '../../report.ts';
import { CliError, ExitCode, type Messages } from '../errors.ts';
import { checkOutput, type OutputState } from '../output.ts';
import { cmp, isInside, PARTS } from '../records.ts';
import { UNKNOWN_SHARD } from '../shard.ts';
import type { Spool } from '../spool.ts';
import { writeJsonArray, writeJsonDocument, writeTextFile, type WrittenFile } from '../writer.ts';
import type { ImportState } from './import.ts';

/** What the build has written so far, filled stage after stage in the order the files are written. */
export interface FeedOutput {
  /** The temporary folder written into. */
  dir: string;
  /** Every file written (path relative to the folder → its count, hash and size). */
  files: Record<string, WrittenFile>;
  /** The report's `output`: records per part. */
  output: BuildReport['output'];
  /** The manifest's `parts`. */
  parts: FeedManifest['parts'];
}

/**
 * The output folder, checked before anything is read: it must not hold the config or the inputs, and
 * must be empty or one essaim wrote (checked again, file by file, before anything is moved in).
 */
export function checkOutputFolder(loaded: LoadedConfig, outDir: string, force?: boolean): OutputState {
  const { config, baseDir } = loaded;
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
  return checkOutput(outDir, config.feed.id, force);
}

/** Writes `merges.csv` (when there is something to review), the record parts and the taxonomy. */
export async function writeParts(input: {
  out: FeedOutput;
  state: ImportState;
  spool: Spool;
  review: readonly MergeReviewRow[];
  taxonomy: Taxonomy;
  sharding: boolean;
  progress: Progress;
  fr: boolean;
}): Promise<{ warnings: Messages[] }> {
  const { out, state, spool, review, taxonomy, sharding, progress, fr } = input;
  const { files, output, parts } = out;
  const { index, counts } = state;
  const warnings: Messages[] = [];
  if (review.length) {
    files['merges.csv'] = await writeTextFile(join(out.dir, 'merges.csv'), mergesCsv(review), review.length);
  }
  const writeTask = progress.start(
    fr ? 'Écriture' : 'Writing',
    index.structures.size + index.services.size + index.events.size,
  );
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
        const f = (files[url] = await writeJsonArray(join(out.dir, url), texts(list)));
        shards.push({ key, url, count: f.count, sha256: f.sha256 });
        perShard[key] = f.count;
      }
      parts[part] = { shardBy: 'departement', shards } satisfies ListPart;
      output[part] = { count: order.length, shards: perShard };
    } else {
      const url = `${part}.json`;
      const f = (files[url] = await writeJsonArray(join(out.dir, url), texts(order)));
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

  const tax = (files['taxonomy.json'] = await writeJsonDocument(join(out.dir, 'taxonomy.json'), taxonomy));
  parts.taxonomy = { url: 'taxonomy.json', count: taxonomy.concepts.length, sha256: tax.sha256 };
  output.taxonomy = { concepts: taxonomy.concepts.length };
  return { warnings };
}

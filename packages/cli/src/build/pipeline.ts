/**
 * The build: sources → importers → schema validation → duplicate merging → sorted, validated part files
 * + manifest + build report, in a folder any static host can serve. Each step is a stage of its own
 * (`stages/*.ts`, testable alone); this file runs them in order.
 *
 * It streams: each importer's outcomes are validated one by one and spooled to a temporary file as JSON
 * text; memory holds only, per record, its position in the spool, its id, its source, its shard key
 * and (for structures) its small merge key. Parts are then written as streams in id order (per shard
 * when sharding), reading each record back from the spool.
 *
 * Deterministic: sources in config order, records sorted by id (code-unit order), keys in schema order
 * (records are written as the zod schema outputs them), no time of the run anywhere in the output.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FeedManifest } from '@essaim/sdk';
import type { LoadedConfig } from '../config.ts';
import type { Importer, PlacesLookup } from '../importers/types.ts';
import { silentProgress, type Progress } from '../progress.ts';
import type { BuildReport } from '../report.ts';
import { FileNotFoundError } from './errors.ts';
import { installOutput } from './output.ts';
import { Spool } from './spool.ts';
import { writeCalendars } from './stages/calendars.ts';
import { importSources, placesFor, resolveImporters } from './stages/import.ts';
import { followMergedIds } from './stages/link.ts';
import { countLinks } from './stages/links.ts';
import { buildManifest } from './stages/manifest.ts';
import { mergeDuplicates } from './stages/merge.ts';
import { readIndicators, writeIndicators } from './stages/indicators.ts';
import { readParcours, writeParcours } from './stages/parcours.ts';
import { buildReport } from './stages/report.ts';
import { writeSearchIndex } from './stages/search-index.ts';
import { readTaxonomy } from './stages/taxonomy.ts';
import { checkOutputFolder, type FeedOutput, writeParts } from './stages/write.ts';
import { writeJsonDocument, type WrittenFile } from './writer.ts';

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
  /** Write the static search index (as `index: true` in the config). */
  index?: boolean;
}

export interface BuildResult {
  report: BuildReport;
  manifest: FeedManifest;
  outDir: string;
  /** Every file written (path relative to outDir → its count, hash and size). */
  files: Record<string, WrittenFile>;
}

/** Runs the build described by a loaded config. */
export async function buildFeed(loaded: LoadedConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const { config, baseDir } = loaded;
  const progress = options.progress ?? silentProgress;
  const outDir = options.outDir
    ? resolve(options.cwd ?? process.cwd(), options.outDir)
    : resolve(baseDir, config.output);
  const sharding = config.shard?.by === 'departement';
  const fr = (options.lang ?? 'fr') === 'fr';
  const outputState = checkOutputFolder(loaded, outDir, options.force);
  const taxonomy = await readTaxonomy(baseDir, config.taxonomy);
  const registry = await resolveImporters(config.sources, baseDir, options.importers);
  const places = await placesFor(config.sources, options.places);

  const spool = new Spool(options.tempDir);
  try {
    const mergeEnabled = config.merge !== false && config.merge?.enabled !== false;
    const common = { spool, progress, fr, sharding };
    const state = await importSources({
      ...common,
      sources: config.sources,
      baseDir,
      registry,
      places,
      taxonomy: taxonomy.taxonomy,
      mergeEnabled,
    });
    const merge = mergeDuplicates({ ...common, state, sources: config.sources, merge: config.merge });
    const link = followMergedIds({ state, spool, sharding, mergedInto: merge.mergedInto });

    const out: FeedOutput = { dir: `${outDir}.essaim-tmp-${process.pid}`, files: {}, output: {}, parts: {} };
    await rm(out.dir, { recursive: true, force: true });
    try {
      const written = await writeParts({
        ...common,
        out,
        state,
        review: merge.review,
        taxonomy: taxonomy.taxonomy,
      });
      const calendars = await writeCalendars({
        ...common,
        out,
        state,
        concepts: taxonomy.taxonomy.concepts,
        config,
      });
      const searchIndex =
        options.index || config.index
          ? await writeSearchIndex({ ...common, out, state, taxonomy: taxonomy.taxonomy })
          : undefined;
      if (searchIndex)
        out.output.searchIndex = {
          count: searchIndex.count,
          files: searchIndex.files,
          bytes: searchIndex.bytes,
        };
      const parcours = await readParcours(baseDir, config.parcours);
      await writeParcours(out, parcours);
      const indicators = await readIndicators(config.indicators ?? [], baseDir);
      await writeIndicators(out, indicators);
      const report = buildReport({
        config,
        state,
        out,
        taxonomy: taxonomy.report,
        parcours: parcours.reports,
        indicators: indicators.reports,
        merge,
        calendars: calendars.calendars,
        links: countLinks(state, spool),
        warnings: [
          ...merge.warnings,
          ...link.warnings,
          ...written.warnings,
          ...parcours.warnings,
          ...indicators.warnings,
        ],
      });
      const manifest = buildManifest(config, out.parts, calendars.manifestCalendars, searchIndex);
      out.files['build-report.json'] = await writeJsonDocument(join(out.dir, 'build-report.json'), report);
      out.files['manifest.json'] = await writeJsonDocument(join(out.dir, 'manifest.json'), manifest);
      await installOutput(out.dir, outputState, config.feed.id, Object.keys(out.files));
      return { report, manifest, outDir, files: out.files };
    } catch (e) {
      await rm(out.dir, { recursive: true, force: true });
      throw e;
    }
  } finally {
    spool.dispose();
  }
}

export { closest, levenshtein } from '../suggest.ts';
export { FileNotFoundError };

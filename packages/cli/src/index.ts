/**
 * essaim — the feed tool, as a library: build a feed from a config, validate a feed, merge duplicate
 * structures. The command line (`essaim`) is a thin layer over these.
 */
export { main, COMMANDS } from './cli.ts';
export {
  defineConfig,
  loadConfig,
  parseConfig,
  ConfigError,
  EssaimConfigSchema,
  SourceConfigSchema,
  type EssaimConfig,
  type LoadedConfig,
  type ParsedConfig,
} from './config.ts';
export { buildFeed, type BuildOptions, type BuildResult } from './build/pipeline.ts';
export {
  validateFeed,
  exitCodeOf,
  type FeedValidation,
  type ValidateOptions,
} from './build/validate-feed.ts';
export {
  readJsonRecords,
  JsonShapeError,
  type JsonItem,
  type JsonStreamOptions,
} from './build/json-stream.ts';
export { essaimImporter } from './build/native.ts';
export { departementOf, departementOfPostcode, UNKNOWN_SHARD } from './build/shard.ts';
export { CliError, ExitCode, FileNotFoundError, InvariantError } from './build/errors.ts';
export {
  mergeStructures,
  findDuplicateLinks,
  clustersOf,
  normalizeName,
  nameSimilarity,
  jaroWinkler,
  haversineMeters,
  mergeKeyOf,
  matchByNameAndDistance,
  DEFAULT_MERGE_OPTIONS,
  type MergeKey,
  type MergeLink,
  type MergeOptions,
  type MergeReason,
} from './merge.ts';
export {
  checkReport,
  formatBuildReport,
  type BuildReport,
  type SourceReport,
  type Counts,
} from './report.ts';
export { createProgress, silentProgress, type Progress, type ProgressTask } from './progress.ts';
export type {
  SourceConfig,
  Importer,
  ImportOutcome,
  ImportContext,
  PlacesLookup,
} from './importers/types.ts';
export { WrongShapeError } from './importers/types.ts';

/**
 * The built-in `essaim` importer: records already in the feed's shape (another Essaim feed's part file,
 * or a JSON Lines export), read as a stream so inputs of any size work. The build validates each record
 * with the schema like any importer's. Options: `part` ("structures" | "services" | "events", default
 * "structures"), `format` ("json" | "jsonl", default by extension), `arrayKey` (for an object holding
 * the array under a key).
 */
import { resolve } from 'node:path';
import type { ImportOutcome, Importer } from '../importers/types.ts';
import { WrongShapeError } from '../importers/types.ts';
import { JsonShapeError, readJsonRecords } from './json-stream.ts';

const KIND = { structures: 'structure', services: 'service', events: 'event' } as const;
type Part = keyof typeof KIND;
const EXPECTS =
  'records in the Essaim feed shape: a JSON array (or JSON Lines, one record per line) of structures, services or events';

export const essaimImporter: Importer = {
  type: 'essaim',
  expects: EXPECTS,
  async *run(ctx) {
    const opts = ctx.source.options ?? {};
    const part = (typeof opts.part === 'string' ? opts.part : 'structures') as Part;
    if (!(part in KIND)) {
      throw new WrongShapeError(
        'essaim',
        ctx.source.path,
        'option "part": structures, services or events',
        String(opts.part),
      );
    }
    const file = resolve(ctx.baseDir, ctx.source.path);
    const format = opts.format === 'jsonl' || opts.format === 'json' ? opts.format : undefined;
    const arrayKey = typeof opts.arrayKey === 'string' ? opts.arrayKey : undefined;
    try {
      for await (const item of readJsonRecords(file, { format, arrayKey })) {
        if (item.error !== undefined) {
          const outcome: ImportOutcome = {
            kind: 'rejected',
            index: item.index,
            part,
            reasons: [{ fr: `JSON invalide : ${item.error}`, en: `Invalid JSON: ${item.error}` }],
          };
          yield outcome;
        } else {
          yield { kind: KIND[part], index: item.index, record: item.value } as ImportOutcome;
        }
        if ((item.index & 0x3ff) === 0) ctx.progress?.(item.index + 1);
      }
    } catch (e) {
      if (e instanceof JsonShapeError) throw new WrongShapeError('essaim', ctx.source.path, EXPECTS, e.found);
      throw e;
    }
  },
};

/** The importers built into the build (used when the registry has no importer of that type). */
export const BUILT_IN_IMPORTERS: Record<string, Importer> = { essaim: essaimImporter };

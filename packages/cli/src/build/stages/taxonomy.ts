/**
 * Taxonomy stage: reads the feed's taxonomy file, keeps each valid concept once (the first of an id),
 * and reports every concept left out with its reason.
 */
import { resolve } from 'node:path';
import { Concept, type Taxonomy, toIssues } from '@essaim/sdk';
import * as z from 'zod/mini';
import { type FileReport, ReasonTally } from '../../report.ts';
import { CliError, ExitCode } from '../errors.ts';
import { duplicateId, readJson, withPath } from '../records.ts';

export interface TaxonomyStage {
  taxonomy: Taxonomy;
  report: FileReport & { path: string };
}

/** Reads `path` (relative to `baseDir`, as the config gives it). */
export async function readTaxonomy(baseDir: string, path: string): Promise<TaxonomyStage> {
  const taxonomyFile = resolve(baseDir, path);
  const taxonomyRaw = await readJson(taxonomyFile, path, baseDir, {
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
  const tally = new ReasonTally();
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  rawConcepts.forEach((raw, index) => {
    const parsed = Concept.safeParse(raw);
    const id = (raw as { id?: unknown })?.id;
    if (!parsed.success) {
      tally.add(toIssues(parsed.error).map(withPath), {
        index,
        localId: typeof id === 'string' ? id : undefined,
      });
    } else if (seen.has(parsed.data.id)) {
      tally.add([duplicateId(parsed.data.id)], { index, localId: parsed.data.id });
    } else {
      seen.add(parsed.data.id);
      concepts.push(parsed.data);
    }
  });
  return {
    taxonomy: { id: header.data.id, version: header.data.version, concepts },
    report: {
      path,
      received: rawConcepts.length,
      accepted: concepts.length,
      rejected: rawConcepts.length - concepts.length,
      rejections: tally.list(),
    },
  };
}

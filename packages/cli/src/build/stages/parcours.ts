/**
 * Parcours stage: reads the orientation journeys (`parcours` in the config), keeps each valid journey
 * once (the first of an id, across files), and writes `parcours.json` in id order. A listed file that
 * does not exist is reported and skipped.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Parcours, toIssues } from '@essaim/sdk';
import { type FileReport, ReasonTally } from '../../report.ts';
import type { Messages } from '../errors.ts';
import { cmp, duplicateId, readJson, withPath } from '../records.ts';
import { writeJsonArray } from '../writer.ts';
import type { FeedOutput } from './write.ts';

export type ParcoursReport = FileReport & { path: string; missing?: boolean };

export interface ParcoursStage {
  parcours: Parcours[];
  reports: ParcoursReport[];
  warnings: Messages[];
}

/** Reads the journeys of `paths` (relative to `baseDir`). */
export async function readParcours(baseDir: string, paths: readonly string[] = []): Promise<ParcoursStage> {
  const reports: ParcoursReport[] = [];
  const warnings: Messages[] = [];
  const all: Parcours[] = [];
  const ids = new Set<string>();
  for (const path of paths) {
    const file = resolve(baseDir, path);
    if (!existsSync(file)) {
      reports.push({ path, missing: true, received: 0, accepted: 0, rejected: 0, rejections: [] });
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
    reports.push({
      path,
      received: list.length,
      accepted,
      rejected: list.length - accepted,
      rejections: tally.list(),
    });
  }
  all.sort((a, b) => cmp(a.id, b.id));
  return { parcours: all, reports, warnings };
}

/** Writes `parcours.json` when at least one listed file exists (even if it holds no valid journey). */
export async function writeParcours(out: FeedOutput, stage: ParcoursStage): Promise<void> {
  if (!stage.reports.some((r) => !r.missing)) return;
  const f = (out.files['parcours.json'] = await writeJsonArray(
    join(out.dir, 'parcours.json'),
    stage.parcours.map((p) => JSON.stringify(p)),
  ));
  out.parts.parcours = { url: 'parcours.json', count: f.count, sha256: f.sha256 };
  out.output.parcours = { count: f.count };
}

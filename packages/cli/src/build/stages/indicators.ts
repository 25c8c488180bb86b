/**
 * The build's `indicators` stage: each CSV file of the configuration's `indicators` entries read with its
 * mapping (importers/indicators.ts), each row validated with the SDK's `Indicator` schema, and a report
 * per file in the build report's shape (received = accepted + rejected, rejections by reason with their
 * first rows). The records, sorted by id, become the feed's `indicators.json` (`writeIndicators`).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Indicator, toIssues } from '@essaim/sdk';
import { fileError } from '../../config.ts';
import { parseCsv } from '../../importers/csv-read.ts';
import { type IndicatorsConfig, indicatorOfRow } from '../../importers/indicators.ts';
import { decodeText } from '../../normalize/encoding.ts';
import { type FileReport, ReasonTally } from '../../report.ts';
import type { Messages } from '../errors.ts';
import { cmp, duplicateId, withPath } from '../records.ts';
import { writeJsonArray } from '../writer.ts';
import type { FeedOutput } from './write.ts';

export interface IndicatorsStageResult {
  /** Valid records of every file, sorted by id. */
  records: Indicator[];
  /** One report per file, in the configuration's order. */
  reports: Array<FileReport & { path: string }>;
  /** What was repaired or read by guess, per file (build warnings). */
  warnings: Messages[];
}

/** Reads, maps and validates every `indicators` file of the configuration. */
export async function readIndicators(
  entries: readonly IndicatorsConfig[],
  baseDir: string,
): Promise<IndicatorsStageResult> {
  const records: Indicator[] = [];
  const reports: IndicatorsStageResult['reports'] = [];
  const warnings: Messages[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const file = isAbsolute(entry.path) ? entry.path : resolve(baseDir, entry.path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      throw fileError(e, entry.path, baseDir, { fr: 'le fichier d’indicateurs', en: 'the indicators file' });
    }
    const { text, encoding, guessed } = decodeText(bytes);
    if (guessed)
      warnings.push({
        fr: `Indicateurs ${entry.path} : fichier lu comme ${encoding} (ce n’est pas de l’UTF-8).`,
        en: `Indicators ${entry.path}: file read as ${encoding} (it is not UTF-8).`,
      });
    const table = parseCsv(text, { delimiter: entry.delimiter ?? 'auto', file: entry.path });
    const missing = Object.values(entry.columns).filter((c) => !table.header.includes(c));
    if (missing.length)
      warnings.push({
        fr: `Indicateurs ${entry.path} : colonne(s) absente(s) du fichier : ${missing.join(', ')} (colonnes : ${table.header.join(', ')}).`,
        en: `Indicators ${entry.path}: column(s) not in the file: ${missing.join(', ')} (columns: ${table.header.join(', ')}).`,
      });
    const tally = new ReasonTally();
    let accepted = 0;
    let repaired = 0;
    table.rows.forEach((row, index) => {
      const rowErrors = table.rowErrors.get(index);
      if (rowErrors?.length) {
        tally.add(
          rowErrors.map((e) => ({ fr: `Ligne mal formée : ${e}`, en: `Malformed row: ${e}` })),
          { index },
        );
        return;
      }
      const mapped = indicatorOfRow(entry, row);
      if (!mapped.ok) {
        tally.add([mapped.reason], { index });
        return;
      }
      const parsed = Indicator.safeParse(mapped.record);
      const id = mapped.record.id as string;
      if (!parsed.success) tally.add(toIssues(parsed.error).map(withPath), { index, localId: id });
      else if (ids.has(id)) tally.add([duplicateId(id)], { index, localId: id });
      else {
        ids.add(id);
        records.push(parsed.data);
        accepted++;
        if (mapped.repaired) repaired++;
      }
    });
    if (repaired)
      warnings.push({
        fr: `Indicateurs ${entry.path} : ${repaired} code(s) complété(s) du zéro initial qu’un tableur avait retiré (ex. « 1 » → « 01 »).`,
        en: `Indicators ${entry.path}: ${repaired} code(s) given back the leading zero a spreadsheet had dropped (e.g. "1" → "01").`,
      });
    reports.push({
      path: entry.path,
      received: table.rows.length,
      accepted,
      rejected: table.rows.length - accepted,
      rejections: tally.list(),
    });
  }
  records.sort((a, b) => cmp(a.id, b.id));
  return { records, reports, warnings };
}

/** Writes `indicators.json` and lists it in the manifest, when the configuration has `indicators`. */
export async function writeIndicators(out: FeedOutput, stage: IndicatorsStageResult): Promise<void> {
  if (!stage.reports.length) return;
  const f = (out.files['indicators.json'] = await writeJsonArray(
    join(out.dir, 'indicators.json'),
    stage.records.map((r) => JSON.stringify(r)),
  ));
  out.parts.indicators = { url: 'indicators.json', count: f.count, sha256: f.sha256 };
  out.output.indicators = { count: f.count };
}

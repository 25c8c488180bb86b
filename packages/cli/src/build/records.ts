/**
 * What the build's stages share about records: the in-memory index of each part's spooled records (its
 * position in the spool, id, source, shard), the messages that name a rejected record, and small
 * helpers (code-unit order, JSON file reading with errors that say what was read).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { ValidationIssue } from '@essaim/sdk';
import { fileError } from '../config.ts';
import type { RecordPart } from '../report.ts';
import { CliError, ExitCode, type Messages } from './errors.ts';
import type { Spool } from './spool.ts';

export const PART_OF = { structure: 'structures', service: 'services', event: 'events' } as const;
export const PARTS: RecordPart[] = ['structures', 'services', 'events'];

/** What memory holds for each spooled record of a part. */
export class PartIndex {
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
  /** The record at `i`, read back from the spool. */
  read<T>(spool: Spool, i: number): T {
    return JSON.parse(spool.read(this.offset[i]!, this.length[i]!)) as T;
  }
  /** Replaces the record at `i` by a new version appended to the spool. */
  replace(spool: Spool, i: number, record: unknown): void {
    const at = spool.append(JSON.stringify(record));
    this.offset[i] = at.offset;
    this.length[i] = at.length;
  }
  /** Positions of the live records, in id order. */
  liveInIdOrder(): number[] {
    const order: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.live[i]) order.push(i);
    return order.sort((a, b) => cmp(this.id[a]!, this.id[b]!));
  }
}

export const withPath = (issue: ValidationIssue): Messages =>
  issue.path
    ? { fr: `${issue.path} : ${issue.message.fr}`, en: `${issue.path}: ${issue.message.en}` }
    : issue.message;

/** Code-unit order (the same on every machine, unlike `localeCompare`). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The id a record has in its source (its provenance's `localId`, else its id without the source prefix). */
export function localIdOf(record: unknown): string | undefined {
  if (!record || typeof record !== 'object') return undefined;
  const r = record as { id?: unknown; provenance?: Array<{ localId?: unknown }> };
  const fromProvenance = Array.isArray(r.provenance) ? r.provenance[0]?.localId : undefined;
  if (typeof fromProvenance === 'string') return fromProvenance;
  if (typeof r.id === 'string') return r.id.includes('--') ? r.id.slice(r.id.indexOf('--') + 2) : r.id;
  return undefined;
}

export async function readJson(file: string, shown: string, from: string, what: Messages): Promise<unknown> {
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

export const isInside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export function duplicateId(id: string): Messages {
  return {
    fr: `Identifiant en double : « ${id} » apparaît déjà plus haut (le premier est gardé)`,
    en: `Duplicate id: "${id}" already appears earlier (the first one is kept)`,
  };
}

export function duplicateIdOtherNumbers(id: string): Messages {
  return {
    fr: `Identifiant en double : « ${id} » apparaît déjà plus haut avec un autre SIRET, SIREN ou RNA (deux organisations : non fusionnées, la première est gardée ; voir merges.csv)`,
    en: `Duplicate id: "${id}" already appears earlier with another SIRET, SIREN or RNA (two organisations: not merged, the first one is kept; see merges.csv)`,
  };
}

export function unknownStructure(id: string): Messages {
  return {
    fr: `La structure « ${id} » de ce service n’est pas dans le flux`,
    en: `This service's structure "${id}" is not in the feed`,
  };
}

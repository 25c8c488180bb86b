/**
 * Validating a published feed: a folder or a manifest file on disk (parts read from disk relative to the
 * manifest, streamed, so a feed of a million records validates in little memory), or a URL (loaded with
 * the SDK's feed client). Same rules as the SDK when it loads a feed: each record on its own, duplicate
 * ids rejected (the first wins), services whose structure is missing rejected, unknown event organisers
 * reported as warnings. Also checks the `count` and `sha256` the manifest gives for each file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type FeedManifest,
  type ListPart,
  RecordSchemas,
  type Rejection,
  type ValidationIssue,
  type ValidationReport,
  type Warning,
  emptyReport,
  toIssues,
  validateConcepts,
  validateManifest,
} from '@essaim/sdk';
import * as z from 'zod/mini';
import { fast } from '../importers/shared.ts';
import { silentProgress, type Progress } from '../progress.ts';
import { ExitCode, FileNotFoundError, type Messages } from './errors.ts';
import { JsonShapeError, type JsonItem, readJsonRecords } from './json-stream.ts';
import { validateRemote } from './validate-remote.ts';

export { isPrivateAddress } from './validate-remote.ts';

export interface FeedValidation {
  /** The manifest's absolute path or URL. */
  target: string;
  manifest: {
    valid: boolean;
    issues: ValidationIssue[];
    id?: string;
    title?: string;
    schemaVersion?: string;
  };
  /** Per part: received / accepted / rejected, each rejection (with its file), warnings. */
  report: ValidationReport & { rejections: Array<Rejection & { file?: string }> };
  /** Files that could not be read at all (missing, not JSON, network): the feed is incomplete. */
  errors: Messages[];
}

export interface ValidateOptions {
  cwd?: string;
  progress?: Progress;
  fetch?: typeof globalThis.fetch;
  lang?: 'fr' | 'en';
  /**
   * Remote feeds: other origins (`https://cdn.example.org`) whose files the manifest may name. By
   * default only files under the manifest's own origin and folder are fetched.
   */
  allowOrigins?: string[];
  /** The addresses of a host name (default: the system resolver); for tests. */
  lookup?: (host: string) => Promise<string[]>;
}

const LIST_PARTS = ['structures', 'services', 'events', 'parcours', 'indicators'] as const;
type ListPartName = (typeof LIST_PARTS)[number];

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Validates the feed at `target` (URL, folder, or manifest file). */
export async function validateFeed(target: string, options: ValidateOptions = {}): Promise<FeedValidation> {
  return isUrl(target) ? validateRemote(target, options) : validateLocal(target, options);
}

/** Exit code of a validation: 3 manifest invalid or files missing, 1 records rejected, 0 all valid. */
export function exitCodeOf(v: FeedValidation): number {
  if (!v.manifest.valid || v.errors.length) return ExitCode.BadInput;
  return v.report.rejections.length ? ExitCode.Rejected : ExitCode.Ok;
}

async function manifestPath(target: string, cwd: string): Promise<string> {
  const abs = resolve(cwd, target);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
  } catch {
    throw new FileNotFoundError(target, cwd, { fr: 'le flux', en: 'the feed' });
  }
  if (!info.isDirectory()) return abs;
  const file = join(abs, 'manifest.json');
  try {
    await stat(file);
  } catch {
    throw new FileNotFoundError(join(target, 'manifest.json'), cwd, {
      fr: 'le manifeste du flux',
      en: 'the feed manifest',
    });
  }
  return file;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function validateLocal(target: string, options: ValidateOptions): Promise<FeedValidation> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.progress ?? silentProgress;
  const file = await manifestPath(target, cwd);
  const baseDir = dirname(file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const msg = (e as Error).message;
    return {
      target: file,
      manifest: {
        valid: false,
        issues: [
          {
            path: '',
            code: 'invalid_json',
            message: { fr: `JSON invalide : ${msg}`, en: `Invalid JSON: ${msg}` },
          },
        ],
      },
      report: emptyReport(),
      errors: [],
    };
  }
  const checked = validateManifest(raw);
  if (!checked.ok)
    return {
      target: file,
      manifest: { valid: false, issues: checked.issues },
      report: emptyReport(),
      errors: [],
    };
  const manifest: FeedManifest = checked.manifest;
  const report: FeedValidation['report'] = emptyReport();
  const errors: Messages[] = [];
  const structureIds = new Set<string>();
  const warn = (w: Warning) => report.warnings.push(w);

  for (const part of LIST_PARTS) {
    const value = manifest.parts[part];
    if (value === undefined) continue;
    const counts = (report.parts[part] ??= { received: 0, accepted: 0, rejected: 0 });
    const seen = new Set<string>();
    const task = progress.start(part);
    const check = (input: unknown, index: number, fileName?: string) => {
      counts.received++;
      const reject = (issues: ValidationIssue[], id?: string) => {
        counts.rejected++;
        report.rejections.push({
          part,
          index,
          ...(id !== undefined ? { id } : {}),
          ...(fileName ? { file: fileName } : {}),
          issues,
        });
      };
      const rawId = (input as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' ? rawId : undefined;
      const parsed = z.safeParse(fast(RecordSchemas[part]), input, { reportInput: true });
      if (!parsed.success) return reject(toIssues(parsed.error), id);
      const record = parsed.data as { id: string; structureId?: string; organizerIds?: string[] };
      if (seen.has(record.id)) return reject([duplicateIssue(record.id)], record.id);
      seen.add(record.id);
      if (part === 'services' && !structureIds.has(record.structureId!)) {
        return reject([unknownStructureIssue(record.structureId!)], record.id);
      }
      if (part === 'structures') structureIds.add(record.id);
      if (part === 'events') {
        for (const org of record.organizerIds ?? []) {
          if (!structureIds.has(org)) warn(unknownOrganizer(index, record.id, org, fileName));
        }
      }
      counts.accepted++;
      if ((counts.received & 0xfff) === 0) task.update(counts.received);
    };
    for (const source of sourcesOf(value)) {
      if (source.inline) {
        source.inline.forEach((item, i) => {
          check(item, i);
        });
        continue;
      }
      const url = source.url!;
      if (isUrl(url)) {
        errors.push({
          fr: `${part} : ${url} est une adresse absolue ; validez le flux par son URL pour la charger.`,
          en: `${part}: ${url} is an absolute URL; validate the feed by its URL to load it.`,
        });
        continue;
      }
      const path = resolve(baseDir, url);
      try {
        await stat(path);
      } catch {
        errors.push(missingPart(part, url, path));
        continue;
      }
      let n = 0;
      try {
        for await (const item of readJsonRecords(path) as AsyncGenerator<JsonItem>) {
          n++;
          if (item.error !== undefined) {
            counts.received++;
            counts.rejected++;
            report.rejections.push({
              part,
              index: item.index,
              file: url,
              issues: [
                {
                  path: '',
                  code: 'invalid_json',
                  message: { fr: `JSON invalide : ${item.error}`, en: `Invalid JSON: ${item.error}` },
                },
              ],
            });
          } else check(item.value, item.index, url);
        }
      } catch (e) {
        if (!(e instanceof JsonShapeError)) throw e;
        counts.received++;
        counts.rejected++;
        report.rejections.push({
          part,
          index: 0,
          file: url,
          issues: [
            {
              path: '',
              code: 'not_an_array',
              message: {
                fr: `Ce fichier devrait être un tableau d’enregistrements ; trouvé : ${e.found}`,
                en: `This file should be an array of records; found: ${e.found}`,
              },
            },
          ],
        });
      }
      if (source.count !== undefined && source.count !== n) {
        warn({
          part,
          index: 0,
          code: 'count_mismatch',
          message: {
            fr: `${url} : le manifeste annonce ${source.count} enregistrements, le fichier en a ${n}`,
            en: `${url}: the manifest says ${source.count} records, the file has ${n}`,
          },
        });
      }
      if (source.sha256 && (await sha256Of(path)) !== source.sha256) {
        warn({
          part,
          index: 0,
          code: 'sha256_mismatch',
          message: {
            fr: `${url} : l’empreinte SHA-256 ne correspond pas à celle du manifeste (fichier modifié ou incomplet)`,
            en: `${url}: the SHA-256 does not match the manifest's (file changed or incomplete)`,
          },
        });
      }
    }
    task.end(`${counts.accepted} / ${counts.received}`);
  }

  const tax = manifest.parts.taxonomy;
  if (tax !== undefined) {
    if ('url' in tax) {
      const path = resolve(baseDir, tax.url);
      let body: unknown;
      try {
        body = JSON.parse(await readFile(path, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT')
          errors.push(missingPart('taxonomy', tax.url, path));
        else
          errors.push({
            fr: `taxonomie ${tax.url} : ${(e as Error).message}`,
            en: `taxonomy ${tax.url}: ${(e as Error).message}`,
          });
      }
      if (body !== undefined) validateConcepts((body as { concepts?: unknown })?.concepts ?? body, report);
    } else {
      validateConcepts(tax.concepts, report);
    }
  }
  return {
    target: file,
    manifest: {
      valid: true,
      issues: [],
      id: manifest.id,
      title: manifest.title,
      schemaVersion: manifest.schemaVersion,
    },
    report,
    errors,
  };
}

interface PartSource {
  inline?: unknown[];
  url?: string;
  count?: number;
  sha256?: string;
}

function sourcesOf(part: ListPart): PartSource[] {
  if (Array.isArray(part)) return [{ inline: part }];
  if ('shards' in part) return part.shards.map((s) => ({ url: s.url, count: s.count, sha256: s.sha256 }));
  return [{ url: part.url, count: part.count, sha256: part.sha256 }];
}

function missingPart(part: string, url: string, path: string): Messages {
  return {
    fr: `${part} : fichier introuvable « ${url} » (cherché en ${path}, relatif au manifeste)`,
    en: `${part}: file not found "${url}" (looked for ${path}, relative to the manifest)`,
  };
}

function duplicateIssue(id: string): ValidationIssue {
  return {
    path: 'id',
    code: 'duplicate_id',
    message: {
      fr: `Identifiant en double : « ${id} » apparaît déjà plus haut dans le flux (le premier est gardé)`,
      en: `Duplicate id: "${id}" already appears earlier in the feed (the first one is kept)`,
    },
  };
}

function unknownStructureIssue(id: string): ValidationIssue {
  return {
    path: 'structureId',
    code: 'unknown_structure',
    message: {
      fr: `La structure « ${id} » de ce service n’est pas dans le flux`,
      en: `This service's structure "${id}" is not in the feed`,
    },
  };
}

function unknownOrganizer(index: number, id: string, org: string, file?: string): Warning {
  return {
    part: 'events',
    index,
    id,
    code: 'unknown_organizer',
    message: {
      fr: `L’organisateur « ${org} » n’est pas dans le flux : l’évènement est chargé sans ce lien${file ? ` (${file})` : ''}`,
      en: `Organiser "${org}" is not in the feed: the event loads without that link${file ? ` (${file})` : ''}`,
    },
  };
}

export type { ListPartName };

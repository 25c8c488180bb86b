/**
 * The output folder: the build writes only into an empty folder or one it wrote before, and never
 * deletes or overwrites a file it did not write.
 *
 * A marker file, `.essaim-build.json`, lists the feed id and every file the build wrote. The next build
 * into that folder replaces those files, deletes those it no longer writes (a shard or calendar that
 * has gone), and leaves every other file alone. A folder that holds other files and no marker (a web
 * app's `public/`: its `index.html`, `images/`, a PWA `manifest.json`) is refused, unless `--force`;
 * even then, a file the feed would replace that the build did not write (that `manifest.json`) stops
 * the build before anything is touched. A feed folder written by an earlier version of essaim (no
 * marker, but its `manifest.json` is an Essaim manifest of the same feed id, beside a
 * `build-report.json`) is recognised: the files its manifest lists are taken as the build's own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { CliError, ExitCode } from './errors.ts';

export const MARKER = '.essaim-build.json';

export interface OutputState {
  outDir: string;
  /** Files (relative, "/"-separated) this build wrote there before, which it may replace or delete. */
  owned: Set<string>;
}

interface Marker {
  generator: 'essaim';
  feed: string;
  files: string[];
}

function readMarker(outDir: string): Marker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(outDir, MARKER), 'utf8')) as Partial<Marker>;
    if (m && typeof m.feed === 'string' && Array.isArray(m.files)) {
      return { generator: 'essaim', feed: m.feed, files: m.files.filter((f) => typeof f === 'string') };
    }
  } catch {}
  return undefined;
}

/** The files of a feed written before the marker existed: those its manifest names, and the report. */
function legacyFiles(outDir: string, feedId: string): string[] | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
      id?: unknown;
      schemaVersion?: unknown;
      parts?: Record<string, { url?: string; shards?: Array<{ url?: string }> }>;
      calendars?: Array<{ url?: string }>;
    };
    if (manifest.id !== feedId || typeof manifest.schemaVersion !== 'string') return undefined;
    if (!existsSync(join(outDir, 'build-report.json'))) return undefined;
    const files = ['manifest.json', 'build-report.json'];
    for (const part of Object.values(manifest.parts ?? {})) {
      if (part?.url) files.push(part.url);
      for (const s of part?.shards ?? []) if (s.url) files.push(s.url);
    }
    for (const c of manifest.calendars ?? []) if (c.url && !/^[a-z]+:/i.test(c.url)) files.push(c.url);
    return files.filter((f) => !f.includes('..') && !f.startsWith('/'));
  } catch {
    return undefined;
  }
}

/** Every file under a folder, relative, "/"-separated. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

const sample = (files: string[]) => files.slice(0, 5).join(', ') + (files.length > 5 ? ', …' : '');

/**
 * May the build write into `outDir`? Returns the files it owns there; throws a clear error (exit 3)
 * when the folder holds files it did not write, unless `force`.
 */
export function checkOutput(outDir: string, feedId: string, force = false): OutputState {
  if (!existsSync(outDir)) return { outDir, owned: new Set() };
  if (!statSync(outDir).isDirectory()) {
    throw new CliError(ExitCode.BadInput, {
      fr: `Sortie refusée : ${outDir} est un fichier, pas un dossier.`,
      en: `Output refused: ${outDir} is a file, not a folder.`,
    });
  }
  const entries = readdirSync(outDir);
  if (!entries.length) return { outDir, owned: new Set() };
  const marker = readMarker(outDir);
  if (marker) {
    if (marker.feed !== feedId && !force) {
      throw new CliError(ExitCode.BadInput, {
        fr: `Dossier de sortie refusé : ${outDir} contient le flux « ${marker.feed} », pas « ${feedId} » (voir ${MARKER}). Choisissez un autre dossier, ou --force pour y écrire quand même (les fichiers qu’essaim n’a pas écrits ne sont jamais supprimés).`,
        en: `Output folder refused: ${outDir} holds the feed "${marker.feed}", not "${feedId}" (see ${MARKER}). Choose another folder, or --force to write there anyway (files essaim did not write are never deleted).`,
      });
    }
    return { outDir, owned: new Set(marker.files) };
  }
  const legacy = legacyFiles(outDir, feedId);
  if (legacy) return { outDir, owned: new Set(legacy) };
  if (!force) {
    const files = listFiles(outDir);
    throw new CliError(ExitCode.BadInput, {
      fr: `Dossier de sortie refusé : ${outDir} n’est pas vide et n’a pas été écrit par essaim (pas de ${MARKER}) ; il contient ${sample(files)}. essaim n’écrit que dans un dossier vide ou dans un flux qu’il a écrit. Choisissez un sous-dossier à part (ex. « ${join(outDir, 'flux')} »), ou --force pour écrire à côté de ces fichiers sans jamais les supprimer ni les remplacer.`,
      en: `Output folder refused: ${outDir} is not empty and was not written by essaim (no ${MARKER}); it holds ${sample(files)}. essaim writes only into an empty folder or a feed it wrote. Choose a folder of its own (e.g. "${join(outDir, 'feed')}"), or --force to write beside these files without ever deleting or replacing them.`,
    });
  }
  return { outDir, owned: new Set() };
}

/**
 * Moves the freshly written files of `tmpOut` into the output folder, deletes the files of the previous
 * build that are not written again (and the folders they leave empty), writes the marker. Refuses,
 * before touching anything, when a file to write exists there and was not written by essaim.
 */
export async function installOutput(
  tmpOut: string,
  state: OutputState,
  feedId: string,
  files: string[],
): Promise<void> {
  const { outDir, owned } = state;
  const clashes = files.filter((f) => !owned.has(f) && existsSync(join(outDir, f)));
  if (clashes.length) {
    throw new CliError(ExitCode.BadInput, {
      fr: `Dossier de sortie refusé : ${outDir} contient déjà ${sample(clashes)}, qu’essaim n’a pas écrit${clashes.length > 1 ? 's' : ''} et ne remplace pas. Choisissez un sous-dossier à part (ex. « ${join(outDir, 'flux')} »). Rien n’a été modifié.`,
      en: `Output folder refused: ${outDir} already holds ${sample(clashes)}, which essaim did not write and does not replace. Choose a folder of its own (e.g. "${join(outDir, 'feed')}"). Nothing was changed.`,
    });
  }
  await mkdir(outDir, { recursive: true });
  for (const f of files) {
    const to = join(outDir, f);
    await mkdir(dirname(to), { recursive: true });
    await rename(join(tmpOut, f), to);
  }
  const written = new Set(files);
  const stale = [...owned].filter((f) => !written.has(f) && f !== MARKER).sort();
  for (const f of stale) {
    // Only a file inside the folder, named in the marker: never anything else.
    if (f.split('/').includes('..') || f.startsWith('/')) continue;
    await rm(join(outDir, f), { force: true });
    // The folders it leaves empty (calendars/, structures/), up to the output folder.
    let dir = dirname(join(outDir, f));
    while (dir.startsWith(outDir + sep) && existsSync(dir) && !readdirSync(dir).length) {
      await rmdir(dir);
      dir = dirname(dir);
    }
  }
  const marker: Marker = { generator: 'essaim', feed: feedId, files: [...files].sort() };
  await writeFile(join(outDir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  await rm(tmpOut, { recursive: true, force: true });
}

/**
 * Writing a part file as a stream: a JSON array with one record per line (`[`, records separated by
 * `,\n`, `]`), so big parts never exist as one string, and diffs and `head` stay readable. The SHA-256
 * of the bytes is computed on the way and goes into the manifest.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';

export interface WrittenFile {
  count: number;
  sha256: string;
  bytes: number;
}

const BATCH = 1 << 20;

/** Writes the records' JSON texts as a JSON array, one per line. */
export async function writeJsonArray(file: string, texts: Iterable<string>): Promise<WrittenFile> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  let bytes = 0;
  let count = 0;
  let batch = '[';
  const push = async (chunk: string) => {
    const buf = Buffer.from(chunk, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  for (const text of texts) {
    batch += count === 0 ? `\n${text}` : `,\n${text}`;
    count++;
    if (batch.length >= BATCH) {
      await push(batch);
      batch = '';
    }
  }
  batch += count ? '\n]\n' : ']\n';
  await push(batch);
  out.end();
  await once(out, 'finish');
  return { count, sha256: hash.digest('hex'), bytes };
}

/** Writes a small JSON document (pretty-printed, final newline); returns its hash. */
export async function writeJsonDocument(file: string, value: unknown): Promise<WrittenFile> {
  await mkdir(dirname(file), { recursive: true });
  const text = `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(file, text);
  return {
    count: 1,
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
  };
}

/** Writes a text file as it is (e.g. an .ics calendar); `count` is what the caller says it holds. */
export async function writeTextFile(file: string, text: string, count = 1): Promise<WrittenFile> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return { count, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
}

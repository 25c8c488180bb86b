/**
 * Streaming JSON input: the records of a big file one by one, without holding the file (or its parsed
 * tree) in memory. Two shapes:
 *
 * - a JSON array (`[ {...}, {...} ]`), or the array under one key of a top-level object (GoGoCarto's
 *   `{ "licence": ..., "data": [ ... ] }` with `arrayKey: "data"`); the other top-level keys are parsed
 *   and handed to `onOther` (they are small);
 * - JSON Lines (one JSON value per line; `.jsonl` / `.ndjson`).
 *
 * A byte scanner finds where each element starts and ends (it only needs to know about strings,
 * escapes and brackets, which are ASCII in UTF-8), then `JSON.parse` reads that element alone. So an
 * element parses exactly as it would in the whole file (a key repeated in one object: the last wins).
 * An element that is not valid JSON is yielded with its `error` instead of stopping the stream.
 */
import { createReadStream } from 'node:fs';

export interface JsonItem {
  /** Position of the element in the array (or of the non-empty line), 0-based. */
  index: number;
  value?: unknown;
  /** Set when the element is not valid JSON (the message of `JSON.parse`). */
  error?: string;
}

export interface JsonStreamOptions {
  /** 'jsonl' for JSON Lines; default: by extension (.jsonl, .ndjson), else 'json'. */
  format?: 'json' | 'jsonl' | undefined;
  /** For a top-level object: the key whose array holds the records (e.g. "data"). */
  arrayKey?: string | undefined;
  /** Called with each other top-level key of an object and its parsed value. */
  onOther?: ((key: string, value: unknown) => void) | undefined;
  /** Called with the bytes read so far and the file size, for progress. */
  onBytes?: ((read: number) => void) | undefined;
  /** Read buffer size (default 1 MiB). */
  chunkSize?: number | undefined;
}

/** The file is JSON, but not an array of records where one was expected. */
export class JsonShapeError extends Error {
  constructor(
    readonly file: string,
    /** What was found, in words, e.g. 'an object with keys "licence", "ontology"'. */
    readonly found: string,
  ) {
    super(`${file}: found ${found}`);
    this.name = 'JsonShapeError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const NEWLINE = 0x0a;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function formatOf(file: string, format?: 'json' | 'jsonl'): 'json' | 'jsonl' {
  return format ?? (/\.(?:jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'json');
}

/** Reads the records of a JSON array or JSON Lines file one by one. */
export async function* readJsonRecords(
  file: string,
  options: JsonStreamOptions = {},
): AsyncGenerator<JsonItem> {
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20 });
  if (formatOf(file, options.format) === 'jsonl') yield* scanLines(stream, options);
  else yield* scanJson(file, stream, options);
}

function parse(text: string, index: number): JsonItem {
  try {
    return { index, value: JSON.parse(text) };
  } catch (e) {
    return { index, error: (e as Error).message };
  }
}

async function* scanLines(
  chunks: AsyncIterable<Buffer>,
  options: JsonStreamOptions,
): AsyncGenerator<JsonItem> {
  let pending: Buffer[] = [];
  let index = 0;
  let read = 0;
  let first = true;
  const flush = (last: Buffer): JsonItem | undefined => {
    const buf = pending.length ? Buffer.concat([...pending, last]) : last;
    pending = [];
    const text = buf.toString('utf8').trim();
    return text ? parse(text, index++) : undefined;
  };
  for await (let chunk of chunks) {
    read += chunk.length;
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    first = false;
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const item = flush(chunk.subarray(start, nl));
      start = nl + 1;
      if (item) yield item;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    options.onBytes?.(read);
  }
  const item = flush(Buffer.alloc(0));
  if (item) yield item;
}

function describe(c: number | undefined): string {
  if (c === undefined) return 'an empty file';
  if (c === OPEN_BRACE) return 'an object';
  if (c === QUOTE) return 'a string';
  return 'a single value, not an array';
}

/**
 * The scanner. `depth` counts open brackets and braces outside strings. Records are the values
 * separated by commas at `target` depth (1 for a top-level array, 2 for an array under a key).
 */
async function* scanJson(
  file: string,
  chunks: AsyncIterable<Buffer>,
  options: JsonStreamOptions,
): AsyncGenerator<JsonItem> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let target = -1; // depth of the records' array once found
  let done = false; // the records' array is closed
  let root: number | undefined; // first significant byte
  // Capture of the current element (or of a top-level key / other value).
  let capturing = false;
  let pieces: Buffer[] = [];
  let pieceStart = 0;
  // Top-level object bookkeeping.
  let expectKey = false;
  let key: string | undefined;
  let keyPieces: Buffer[] = [];
  let inKey = false;
  let keyStart = 0;
  let waitingArray = false; // after "arrayKey": expecting '['
  const keysSeen: string[] = [];
  let otherCapture = false;
  let index = 0;
  let read = 0;
  let first = true;

  const endCapture = (chunk: Buffer, end: number): string => {
    pieces.push(chunk.subarray(pieceStart, end));
    const text = (pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)).toString('utf8');
    pieces = [];
    capturing = false;
    return text.trim();
  };

  for await (let chunk of chunks) {
    read += chunk.length;
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    first = false;
    const items: JsonItem[] = [];
    const n = chunk.length;
    let i = 0;
    if (capturing || otherCapture) pieceStart = 0;
    if (inKey) keyStart = 0;
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (inKey) {
            keyPieces.push(chunk.subarray(keyStart, i + 1));
            key = JSON.parse(Buffer.concat(keyPieces).toString('utf8')) as string;
            keyPieces = [];
            inKey = false;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (root === undefined) {
        root = c;
        if (c === OPEN_BRACKET) {
          depth = 1;
          target = 1;
          continue;
        }
        if (c === OPEN_BRACE && options.arrayKey !== undefined) {
          depth = 1;
          expectKey = true;
          continue;
        }
        throw new JsonShapeError(file, describe(c));
      }
      if (done) continue;
      // Inside the records' array, at its own depth: separators and its end.
      if (depth === target) {
        if (c === COMMA) {
          if (capturing) items.push(parse(endCapture(chunk, i), index++));
          continue;
        }
        if (c === CLOSE_BRACKET) {
          if (capturing) items.push(parse(endCapture(chunk, i), index++));
          depth--;
          if (target === 2) {
            target = -1;
            expectKey = false;
          } else done = true;
          continue;
        }
        if (!capturing) {
          capturing = true;
          pieceStart = i;
        }
      }
      // Inside the top-level object, between its keys and values.
      if (depth === 1 && target === -1 && root === OPEN_BRACE) {
        if (otherCapture && (c === COMMA || c === CLOSE_BRACE)) {
          pieces.push(chunk.subarray(pieceStart, i));
          const text = Buffer.concat(pieces).toString('utf8');
          pieces = [];
          otherCapture = false;
          try {
            options.onOther?.(key!, JSON.parse(text));
          } catch {
            // A broken header value is not a record: ignore it.
          }
        }
        if (c === COMMA) {
          expectKey = true;
          continue;
        }
        if (c === CLOSE_BRACE) {
          depth = 0;
          done = true;
          continue;
        }
        if (expectKey && c === QUOTE) {
          inString = true;
          inKey = true;
          keyStart = i;
          continue;
        }
        if (expectKey && c === COLON) {
          expectKey = false;
          keysSeen.push(key!);
          waitingArray = key === options.arrayKey;
          continue;
        }
        if (waitingArray) {
          waitingArray = false;
          if (c === OPEN_BRACKET) {
            depth = 2;
            target = 2;
            continue;
          }
          throw new JsonShapeError(file, `"${key}" is not an array`);
        }
        if (!otherCapture) {
          otherCapture = true;
          pieceStart = i;
        }
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    }
    if (capturing || otherCapture) pieces.push(chunk.subarray(pieceStart, n));
    if (inKey) keyPieces.push(chunk.subarray(keyStart, n));
    options.onBytes?.(read);
    yield* items;
  }
  if (root === undefined) throw new JsonShapeError(file, describe(undefined));
  if (root === OPEN_BRACE && target === -1 && !keysSeen.includes(options.arrayKey!)) {
    const keys = keysSeen.slice(0, 8).map((k) => `"${k}"`);
    throw new JsonShapeError(
      file,
      `an object without "${options.arrayKey}"${keys.length ? ` (keys: ${keys.join(', ')})` : ''}`,
    );
  }
  if (!done || inString || (target !== -1 && depth >= target)) {
    if (capturing) yield parse(Buffer.concat(pieces).toString('utf8'), index++);
    throw new JsonShapeError(file, 'a truncated file (the array is not closed)');
  }
}

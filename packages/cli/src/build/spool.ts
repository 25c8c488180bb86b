/**
 * A spool: records written once to a temporary file as JSON text, read back by position. The build keeps
 * only each record's position (and its small merge key) in memory, not the records themselves.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLUSH_AT = 4 << 20;

export class Spool {
  private readonly dir: string;
  private readonly fd: number;
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readBuf = Buffer.alloc(64 << 10);
  private closed = false;

  constructor(tempRoot = tmpdir()) {
    this.dir = mkdtempSync(join(tempRoot, 'essaim-build-'));
    this.fd = openSync(join(this.dir, 'records.spool'), 'w+');
  }

  /** Appends a record's text; returns where it is (offset, byte length). */
  append(text: string): { offset: number; length: number } {
    const buf = Buffer.from(text, 'utf8');
    const offset = this.size;
    this.size += buf.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= FLUSH_AT) this.flush();
    return { offset, length: buf.length };
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    const all = Buffer.concat(this.pending, this.pendingBytes);
    let written = 0;
    const start = this.size - this.pendingBytes;
    while (written < all.length)
      written += writeSync(this.fd, all, written, all.length - written, start + written);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Reads back the text written at (offset, length). */
  read(offset: number, length: number): string {
    this.flush();
    if (this.readBuf.length < length) this.readBuf = Buffer.alloc(Math.max(length, this.readBuf.length * 2));
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, this.readBuf, got, length - got, offset + got);
      if (n === 0) throw new Error(`spool: short read at ${offset}`);
      got += n;
    }
    return this.readBuf.toString('utf8', 0, length);
  }

  /** Bytes spooled so far. */
  get bytes(): number {
    return this.size;
  }

  /** Closes and deletes the temporary file. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/**
 * The few Node file and hash functions the static index's build and load use, loaded on call by a
 * computed specifier: browser bundles of `@essaim/sdk/static-index` never pull Node modules in, and the SDK
 * needs no Node typings.
 *
 * @module
 */

/** Node file system, paths and SHA-256, as used here. */
export interface NodeIo {
  mkdir(path: string): Promise<void>;
  /** Removes a file or a directory tree; nothing when absent. */
  remove(path: string): Promise<void>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  readTextSync(path: string): string;
  rename(from: string, to: string): Promise<void>;
  join(...parts: string[]): string;
  sha256(data: Uint8Array | string): string;
  /** A name unique to this call (for staging directories). */
  unique(): string;
}

interface Fs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rm(path: string, options: { recursive: true; force: true }): Promise<void>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
}
interface FsSync {
  readFileSync(path: string, encoding: 'utf8'): string;
}
interface Path {
  join(...parts: string[]): string;
}
interface Crypto {
  createHash(algorithm: 'sha256'): { update(data: Uint8Array | string): { digest(encoding: 'hex'): string } };
  randomUUID(): string;
}

/** Loads the Node modules (throws outside Node). */
export async function nodeIo(): Promise<NodeIo> {
  const load = <T>(specifier: string): Promise<T> => import(/* @vite-ignore */ specifier) as Promise<T>;
  const [fs, fsSync, path, crypto] = await Promise.all([
    load<Fs>('node:fs/promises'),
    load<FsSync>('node:fs'),
    load<Path>('node:path'),
    load<Crypto>('node:crypto'),
  ]);
  return {
    mkdir: async (p) => {
      await fs.mkdir(p, { recursive: true });
    },
    remove: (p) => fs.rm(p, { recursive: true, force: true }),
    writeFile: (p, data) => fs.writeFile(p, data),
    readFile: async (p) => new Uint8Array(await fs.readFile(p)),
    readTextSync: (p) => fsSync.readFileSync(p, 'utf8'),
    rename: (a, b) => fs.rename(a, b),
    join: (...parts) => path.join(...parts),
    sha256: (data) => crypto.createHash('sha256').update(data).digest('hex'),
    unique: () => crypto.randomUUID(),
  };
}

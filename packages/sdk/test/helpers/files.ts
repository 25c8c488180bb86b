/**
 * Reads a file of the repository from a test, in Node (fs) and in the browser (the test server serves the
 * repository root). The Node module is imported through a variable so browser bundles never see it.
 */
const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

export async function readRepoText(path: string): Promise<string> {
  if (isNode) {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    return fs.readFile(new URL(`../../../../${path}`, import.meta.url), 'utf8');
  }
  const res = await fetch(`/${path}`);
  if (!res.ok) throw new Error(`cannot read ${path}: HTTP ${res.status}`);
  return res.text();
}

export async function readRepoJson<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await readRepoText(path)) as T;
}

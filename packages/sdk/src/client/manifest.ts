/**
 * Checks of a manifest: the shape check (enough to fetch the parts) and the whole validation, which
 * loads zod and the schemas on first use.
 *
 * @module
 */
import { FeedFormatError } from '../errors.ts';
import { checkManifestShape } from '../preview.ts';
import type { FeedManifest } from '../schema/feed.ts';

/** The validation, loaded on first use (zod and the schemas are most of the SDK's weight). */
export const validation = () => import('./validation.ts');

/** Checks the whole manifest (after `checkManifestShape`, which is enough to fetch the parts). */
export async function validateWholeManifest(body: unknown, url: string | undefined): Promise<FeedManifest> {
  const checked = (await validation()).validateManifest(body);
  if (!checked.ok) throw new FeedFormatError('not-a-manifest', { url, issues: checked.issues });
  return checked.manifest;
}

/** The shape check, and when it fails, the whole validation for a complete list of issues. */
export async function checkManifest(body: unknown, url: string | undefined): Promise<FeedManifest> {
  try {
    return checkManifestShape(body, url);
  } catch (error) {
    if (error instanceof FeedFormatError) await validateWholeManifest(body, url);
    throw error;
  }
}

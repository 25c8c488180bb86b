/**
 * What the client loads on first use, after the feed's files: the validation of the manifest and of
 * every record (zod and the schemas). Kept apart so a page can show a preview before it arrives.
 */
export { assembleFeed } from '../feed.ts';
export { validateManifest } from '../validate.ts';

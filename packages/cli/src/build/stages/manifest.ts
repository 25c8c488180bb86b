/**
 * Manifest stage: the feed's `manifest.json` (metadata, licence, sources, the parts written and the
 * calendars), validated against the SDK's manifest schema: a manifest that would be invalid stops the
 * build, naming each problem.
 */
import { FeedManifest, SCHEMA_VERSION, toIssues } from '@essaim/sdk';
import type { ParsedConfig } from '../../config.ts';
import { CliError, ExitCode } from '../errors.ts';
import { withPath } from '../records.ts';

export function buildManifest(
  config: Pick<ParsedConfig, 'feed' | 'sources'>,
  parts: FeedManifest['parts'],
  calendars: ReadonlyArray<Record<string, unknown>>,
  searchIndex?: FeedManifest['searchIndex'],
): FeedManifest {
  const f = config.feed;
  const manifestInput = {
    ...(f.schemaUrl ? { $schema: f.schemaUrl } : {}),
    schemaVersion: SCHEMA_VERSION,
    id: f.id,
    title: f.title,
    ...(f.description ? { description: f.description } : {}),
    publisher: f.publisher,
    licence: f.licence,
    attribution: f.attribution,
    sources: config.sources.map((s) => ({
      id: s.id,
      name: s.name,
      ...(s.url ? { url: s.url } : {}),
      licence: s.licence,
      attribution: s.attribution,
      ...(s.retrievedAt ? { retrievedAt: s.retrievedAt } : {}),
    })),
    updated: f.updated,
    ...(f.reportErrorUrl ? { reportErrorUrl: f.reportErrorUrl } : {}),
    parts,
    ...(calendars.length ? { calendars } : {}),
    ...(searchIndex ? { searchIndex } : {}),
  };
  const manifest = FeedManifest.safeParse(manifestInput);
  if (!manifest.success) {
    const issues = toIssues(manifest.error).map(withPath);
    throw new CliError(ExitCode.BadInput, {
      fr: `Le manifeste produit serait invalide :\n  - ${issues.map((i) => i.fr).join('\n  - ')}`,
      en: `The manifest would be invalid:\n  - ${issues.map((i) => i.en).join('\n  - ')}`,
    });
  }
  return manifest.data;
}

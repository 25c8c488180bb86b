/**
 * The importers, by `type` (the `type` of a source in essaim.config.json). Each reads one source file and
 * yields one outcome per input record (see ./types.ts).
 *
 * @example
 * const importer = getImporter(source.type); // throws, listing the known types, when unknown
 * for await (const outcome of importer.run(ctx)) …
 */
import { dataInclusionImporter } from './data-inclusion.ts';
import { withFieldFallback } from './field-fallback.ts';
import { gogocartoImporter } from './gogocarto.ts';
import { icsImporter } from './ics.ts';
import { openagendaExportImporter } from './openagenda-export.ts';
import { openagendaV2Importer } from './openagenda-v2.ts';
import { gogocartoSearchImporter } from './gogocarto-search.ts';
import { csvImporter, geojsonImporter, jsonImporter } from './tabular.ts';
import type { Importer } from './types.ts';

/** Every importer of this package, by type. */
export const importers: Readonly<Record<string, Importer>> = Object.freeze({
  // Importers without their own field report get the generic one (properties read or not, warnings).
  [gogocartoImporter.type]: withFieldFallback(gogocartoImporter),
  [openagendaExportImporter.type]: withFieldFallback(openagendaExportImporter),
  [openagendaV2Importer.type]: withFieldFallback(openagendaV2Importer),
  [icsImporter.type]: icsImporter,
  [dataInclusionImporter.type]: withFieldFallback(dataInclusionImporter),
  [csvImporter.type]: csvImporter,
  [geojsonImporter.type]: geojsonImporter,
  [jsonImporter.type]: jsonImporter,
  [gogocartoSearchImporter.type]: gogocartoSearchImporter,
});

/** The importer for `type`; throws a bilingual error listing the known types when there is none. */
export function getImporter(
  type: string,
  registry: Readonly<Record<string, Importer>> = importers,
): Importer {
  const importer = registry[type];
  if (!importer) {
    const known = Object.keys(registry).sort().join(', ');
    throw new Error(
      `Unknown source type "${type}": known types are ${known}. / Type de source inconnu « ${type} » : les types connus sont ${known}.`,
    );
  }
  return importer;
}

export {
  dataInclusionImporter,
  gogocartoImporter,
  openagendaExportImporter,
  openagendaV2Importer,
  icsImporter,
  csvImporter,
  geojsonImporter,
  jsonImporter,
  gogocartoSearchImporter,
};
export { guessImporter, shapeHint } from './sniff.ts';
export {
  TRANSISCOPE_CATEGORIES,
  readGogoTaxonomy,
  type CategoryMapping,
  type GogocartoOptions,
} from './gogocarto.ts';
export type { TabularMapping, FieldSpec } from '../mapping/schema.ts';
export type { IcsOptions } from './ics.ts';
export * from './types.ts';

/** The municipal arrondissements of Paris, Lyon and Marseille (apart from `cog.ts`: the attribute parser loads that one). */
/**
 * The commune of a municipal arrondissement code (Paris 75101–75120 → 75056, Lyon 69381–69389 → 69123,
 * Marseille 13201–13216 → 13055: fixed by law), else the code itself. Feeds code the records of these three
 * cities by commune, as the places data lists the arrondissements' commune.
 */
export function communeOfArrondissement(code: string): string {
  if (/^751(?:0[1-9]|1\d|20)$/.test(code)) return '75056';
  if (/^6938[1-9]$/.test(code)) return '69123';
  if (/^132(?:0[1-9]|1[0-6])$/.test(code)) return '13055';
  return code;
}

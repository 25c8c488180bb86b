/**
 * Bilingual messages for the schema's own checks. zod's built-in issues are translated with its
 * `fr` / `en` locales (see validate.ts); our custom checks carry an English message that this table
 * maps to French. Kept apart so the schema files read as the contract, not as strings.
 */
const FR = new Map<string, string>();

/** Registers a custom message in both languages and returns the English text zod will carry. */
export function msg(en: string, fr: string): string {
  FR.set(en, fr);
  return en;
}

/** The French text of a custom message, if it is one of ours. */
export function frenchOf(en: string): string | undefined {
  return FR.get(en);
}

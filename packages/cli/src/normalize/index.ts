/**
 * Shared normalisation for the importers: pure functions, each returning the cleaned value (or nothing)
 * and notes on what was fixed or refused. A refused field never rejects a record by itself.
 */
export * from './notes.ts';
export * from './text.ts';
export * from './coordinates.ts';
export * from './postcode.ts';
export * from './country.ts';
export * from './dates.ts';
export * from './whole-days.ts';
export * from './phone.ts';
export * from './url.ts';
export * from './opening-hours.ts';
export * from './cog.ts';
export * from './family.ts';
export * from './encoding.ts';

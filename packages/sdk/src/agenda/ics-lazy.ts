/** The ICS writer as its own chunk, for {@link loadIcs}. */
export * from './ics.ts';

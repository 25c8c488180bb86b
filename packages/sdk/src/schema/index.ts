export * from './common.ts';
export * from './structure.ts';
export * from './event.ts';
export * from './taxonomy.ts';
export * from './parcours.ts';
export * from './indicator.ts';
export * from './feed.ts';
export { frenchOf } from './messages.ts';

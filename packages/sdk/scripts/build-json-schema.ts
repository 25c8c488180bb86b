// Writes packages/sdk/feed.schema.json from the zod source (run: pnpm schema:build).
import { writeFileSync } from 'node:fs';
import { feedJsonSchemaText } from '../src/json-schema.ts';

const out = new URL('../feed.schema.json', import.meta.url);
writeFileSync(out, feedJsonSchemaText());
console.log(`wrote ${out.pathname}`);

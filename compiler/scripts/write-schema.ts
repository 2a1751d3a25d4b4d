/** Writes compiler/flow.schema.json from src/flow-schema.ts (a test keeps them equal). */
import { writeFileSync } from 'node:fs';
import { flowSchema } from '../src/flow-schema.js';

writeFileSync(new URL('../flow.schema.json', import.meta.url), `${JSON.stringify(flowSchema, null, 2)}\n`);

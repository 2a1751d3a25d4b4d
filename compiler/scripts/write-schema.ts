/**
 * Writes compiler/flow.schema.json and its precompiled validator src/generated/flow-validator.ts
 * from src/flow-schema.ts (tests keep all three equal). Run by `npm run schema` and the build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { flowSchema } from '../src/flow-schema.js';
import { generateFlowValidator } from './flow-validator.js';

writeFileSync(new URL('../flow.schema.json', import.meta.url), `${JSON.stringify(flowSchema, null, 2)}\n`);
mkdirSync(new URL('../src/generated/', import.meta.url), { recursive: true });
writeFileSync(new URL('../src/generated/flow-validator.ts', import.meta.url), generateFlowValidator(flowSchema));

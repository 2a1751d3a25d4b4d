/** Writes simulator/scenario.schema.json from src/scenario/schema.ts (a test keeps them equal). */
import { writeFileSync } from 'node:fs';
import { scenarioSchema } from '../src/scenario/schema.js';

writeFileSync(new URL('../scenario.schema.json', import.meta.url), `${JSON.stringify(scenarioSchema, null, 2)}\n`);

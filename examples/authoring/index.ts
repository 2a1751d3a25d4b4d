import type { FlowGraph } from '@voiceman/compiler';
import { signOnFlow } from './sign-on.js';
import { casePickingFlow } from './case-picking.js';
import { putawayFlow } from './putaway.js';
import { replenishmentFlow } from './replenishment.js';
import { cycleCountFlow } from './cycle-count.js';

/** Every authored flow, keyed by the file name it is written to (`flows/<key>.flow.json`). */
export function authoredFlows(): FlowGraph[] {
  return [signOnFlow(), casePickingFlow(), putawayFlow(), replenishmentFlow(), cycleCountFlow()];
}

/** The exact text of a flow file: two-space JSON and a final newline, so diffs stay readable. */
export const flowFileText = (flow: FlowGraph): string => `${JSON.stringify(flow, null, 2)}\n`;

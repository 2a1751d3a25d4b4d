/** The canvas heatmap's data: per-node figures (GET /api/dashboard/nodes) as each card's level and hover text. */
import type { NodeHeat } from '../../graph/canvas-mapping.js';
import type { NodeFigures } from './api.js';
import { heatLevel, percent, seconds } from './period.js';

export interface HeatLabels {
  noMatch: string;
  repeat: string;
  promptToAnswer: string;
  answerToNext: string;
  answers: string;
}

/** Node id → heat. A state id is the node id for nodes of this flow (a subflow's states carry its prefix and are left out). */
export function heatByNode(nodes: readonly NodeFigures[], labels: HeatLabels): Record<string, NodeHeat> {
  const out: Record<string, NodeHeat> = {};
  for (const n of nodes) {
    out[n.state] = {
      level: heatLevel(n.noMatchRate),
      title: [
        `${labels.answers}: ${n.answers}`,
        `${labels.noMatch}: ${percent(n.noMatchRate)}`,
        `${labels.repeat}: ${percent(n.repeatRate)}`,
        `${labels.promptToAnswer}: ${seconds(n.promptToAnswerMs)}`,
        `${labels.answerToNext}: ${seconds(n.answerToNextPromptMs)}`,
      ].join('\n'),
    };
  }
  return out;
}

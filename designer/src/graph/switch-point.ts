/**
 * The flow node's `switchPoint` as the inspector edits it: unchecking removes the key, so a
 * flow that never used switch points keeps its exact text (and its compiled hash).
 */
import type { FlowNode } from '@voiceman/compiler';

export function setSwitchPoint(node: FlowNode, on: boolean): FlowNode {
  if (on) return { ...node, switchPoint: true };
  const { switchPoint: _dropped, ...rest } = node;
  return rest as FlowNode;
}

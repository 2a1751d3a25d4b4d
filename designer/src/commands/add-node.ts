/**
 * Adding a node from the palette or the command palette: next to the selected node, in free
 * space, wired from its first outcome that leads nowhere (one undo step); with nothing selected,
 * in free space at the centre of the view.
 */
import type { NodeKind } from '@voiceman/compiler';
import { freeSpot, spotBelow, unconnectedOutcomes } from '../graph/placement.js';
import type { CommandContext } from './commands.js';

export function addNodeNearSelection(ctx: Pick<CommandContext, 'store' | 'viewportCenter' | 'nodeSizes'>, kind: NodeKind): string | undefined {
  const state = ctx.store.getState();
  if (state.readOnly) return undefined;
  const { graph, selection, callees } = state;
  const sizes = ctx.nodeSizes();
  const anchor = selection.nodes.length === 1 ? graph.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  if (!anchor) return state.addNode(kind, freeSpot(graph, sizes, ctx.viewportCenter()));
  const outcome = kind === 'start' ? undefined : unconnectedOutcomes(graph, anchor, callees)[0];
  return state.addNode(kind, spotBelow(graph, sizes, anchor), outcome ? { source: anchor.id, outcome } : undefined);
}

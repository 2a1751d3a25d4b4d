/**
 * Where a new node goes and what it connects from: in free space next to the selected node
 * (below it, then to its sides), wired from the selected node's first outcome that leads nowhere.
 * Boxes come from the canvas's measurements, or a typical card size before it measured them.
 */
import { outcomesOf, type FlowGraph, type FlowNode, type FlowPosition } from '@voiceman/compiler';
import type { Size } from './layout.js';

export const typicalCardSize: Size = { width: 232, height: 110 };
/** Room kept between a new card and its neighbours, so handles and edge labels stay clear. */
const GAP = 40;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxOf(node: FlowNode, sizes: Readonly<Record<string, Size>>): Box {
  const size = sizes[node.id] ?? typicalCardSize;
  return { x: node.position.x, y: node.position.y, width: size.width, height: size.height };
}

/** True when two boxes share any area (touching edges do not count). */
export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function grow(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

/**
 * The first spot near `near` where a card of `size` overlaps no existing card (with a gap):
 * candidates go row by row downwards, each row trying the centre column, then right, then left.
 */
export function freeSpot(graph: FlowGraph, sizes: Readonly<Record<string, Size>>, near: FlowPosition, size: Size = typicalCardSize): FlowPosition {
  const boxes = graph.nodes.map((n) => grow(boxOf(n, sizes), GAP / 2));
  const stepX = size.width + GAP;
  const stepY = size.height / 2;
  for (let row = 0; row < 200; row++) {
    for (const col of [0, 1, -1, 2, -2, 3, -3]) {
      const spot = { x: Math.round(near.x + col * stepX), y: Math.round(near.y + row * stepY) };
      const box = grow({ ...spot, ...size }, GAP / 2);
      if (!boxes.some((b) => intersects(b, box))) return spot;
    }
  }
  return near;
}

/** Where a node added "next to" `anchor` goes: below it, in free space. */
export function spotBelow(graph: FlowGraph, sizes: Readonly<Record<string, Size>>, anchor: FlowNode, size: Size = typicalCardSize): FlowPosition {
  const box = boxOf(anchor, sizes);
  return freeSpot(graph, sizes, { x: box.x + (box.width - size.width) / 2, y: box.y + box.height + GAP * 1.5 }, size);
}

/** The node's outcomes that no edge leaves from, in handle order. */
export function unconnectedOutcomes(graph: FlowGraph, node: FlowNode, callees: Readonly<Record<string, FlowGraph>> = {}): string[] {
  const used = new Set(graph.edges.filter((e) => e.source === node.id).map((e) => e.outcome));
  return outcomesOf(node, (key) => callees[key]).filter((o) => !used.has(o));
}

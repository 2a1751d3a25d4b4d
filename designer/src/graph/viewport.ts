/**
 * Where the canvas opens: where this designer last was on this process (kept per process in
 * localStorage), else the whole flow when it fits at a readable zoom, else the start node at a
 * readable zoom (a 54-node flow fitted whole is at 0.16, where no card can be read).
 * "Zoom to fit" (Shift+F) is always one shortcut away.
 */
import type { FlowGraph } from '@voiceman/compiler';
import { boxOf } from './placement.js';
import type { Size } from './layout.js';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The lowest zoom at which a card's text is still readable. */
export const READABLE_ZOOM = 0.6;
/** The zoom a large flow opens at around its start node. */
export const OPENING_ZOOM = 0.85;
const FIT_PADDING = 0.15;

export type Opening = { kind: 'saved'; viewport: Viewport } | { kind: 'fit' } | { kind: 'center'; x: number; y: number; zoom: number };

export function openingView(graph: FlowGraph, pane: Size, saved?: Viewport, sizes: Readonly<Record<string, Size>> = {}): Opening {
  if (saved) return { kind: 'saved', viewport: saved };
  if (graph.nodes.length === 0) return { kind: 'fit' };
  const boxes = graph.nodes.map((n) => boxOf(n, sizes));
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  const fitZoom = Math.min((pane.width * (1 - 2 * FIT_PADDING)) / Math.max(1, maxX - minX), (pane.height * (1 - 2 * FIT_PADDING)) / Math.max(1, maxY - minY));
  if (fitZoom >= READABLE_ZOOM) return { kind: 'fit' };
  const start = graph.nodes.find((n) => n.kind === 'start') ?? graph.nodes[0]!;
  const box = boxOf(start, sizes);
  // The start card near the top of the view, so the first steps of the dialog below it show.
  const visibleHeight = pane.height / OPENING_ZOOM;
  return { kind: 'center', x: box.x + box.width / 2, y: box.y + visibleHeight / 2 - 60, zoom: OPENING_ZOOM };
}

const storageKey = (processKey: string) => `voiceman.viewport.${processKey}`;

export function loadViewport(storage: Pick<Storage, 'getItem'>, processKey: string): Viewport | undefined {
  try {
    const v = JSON.parse(storage.getItem(storageKey(processKey)) ?? 'null') as Partial<Viewport> | null;
    if (v && [v.x, v.y, v.zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) && v.zoom! > 0) return { x: v.x!, y: v.y!, zoom: v.zoom! };
  } catch {
    // A damaged entry: open as if there were none.
  }
  return undefined;
}

export function saveViewport(storage: Pick<Storage, 'setItem'>, processKey: string, viewport: Viewport): void {
  try {
    storage.setItem(storageKey(processKey), JSON.stringify({ x: Math.round(viewport.x), y: Math.round(viewport.y), zoom: Number(viewport.zoom.toFixed(3)) }));
  } catch {
    // Storage full or refused: the next opening falls back to the start node.
  }
}

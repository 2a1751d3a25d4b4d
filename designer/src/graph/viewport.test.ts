import { describe, expect, it } from 'vitest';
import type { FlowGraph, FlowNode } from '@voiceman/compiler';
import { newFlow } from './new-flow.js';
import { loadViewport, openingView, OPENING_ZOOM, saveViewport } from './viewport.js';

const pane = { width: 1000, height: 700 };
function chain(n: number): FlowGraph {
  const nodes: FlowNode[] = [{ id: 'start', kind: 'start', position: { x: 400, y: 0 }, data: {} }];
  for (let i = 1; i < n; i++) nodes.push({ id: `end${i}`, kind: 'end', position: { x: (i % 5) * 300, y: Math.floor(i / 5) * 200 + 200 }, data: {} });
  return { ...newFlow('p', 'P'), nodes, edges: [] };
}

describe('where the canvas opens', () => {
  it('fits a small flow whole', () => {
    expect(openingView(chain(3), pane)).toEqual({ kind: 'fit' });
  });

  it('opens a large flow at a readable zoom on its start node', () => {
    const view = openingView(chain(54), pane);
    expect(view).toMatchObject({ kind: 'center', zoom: OPENING_ZOOM });
    if (view.kind !== 'center') return;
    // The start card is in view, near the top.
    const top = (0 - view.y) * view.zoom + pane.height / 2;
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(pane.height / 3);
    expect(Math.abs(view.x - (400 + 116))).toBeLessThan(1);
  });

  it('reopens where the designer last was on this process, and ignores a damaged entry', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    saveViewport(storage, 'case-picking', { x: -120.4, y: 33.3, zoom: 0.9 });
    expect(loadViewport(storage, 'case-picking')).toEqual({ x: -120, y: 33, zoom: 0.9 });
    expect(loadViewport(storage, 'putaway')).toBeUndefined();
    expect(openingView(chain(54), pane, loadViewport(storage, 'case-picking'))).toEqual({ kind: 'saved', viewport: { x: -120, y: 33, zoom: 0.9 } });
    mem.set('voiceman.viewport.x', '{"x":1,"y":2,"zoom":-1}');
    expect(loadViewport(storage, 'x')).toBeUndefined();
    mem.set('voiceman.viewport.y', 'not json');
    expect(loadViewport(storage, 'y')).toBeUndefined();
  });
});

/**
 * The canvas's page-level pieces the commands reach: the find and connect pickers, the minimap's
 * place (remembered in localStorage), and panning a node into view after it was added.
 */
import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import type { Edge, Node, ReactFlowInstance } from '@xyflow/react';
import { minimapCorners, type EditorStore, type MinimapPlace } from '../../store/editor-store.js';
import { ConnectPicker, FindNode } from './NodePickers.js';

const MINIMAP_KEY = 'voiceman.minimap';

function savedMinimap(): MinimapPlace {
  const v = localStorage.getItem(MINIMAP_KEY);
  return v === 'hidden' || (minimapCorners as readonly string[]).includes(v ?? '') ? (v as MinimapPlace) : 'bottom-right';
}

/** Pans (not zooms) just enough that the node is inside the view with a margin; a node in view stays put. */
export function revealNode(flow: ReactFlowInstance<Node, Edge> | null, id: string): void {
  const node = flow?.getInternalNode(id);
  const pane = document.querySelector('.vm-canvas')?.getBoundingClientRect();
  if (!flow || !node || !pane) return;
  const { x, y, zoom } = flow.getViewport();
  const w = (node.measured.width ?? 232) * zoom;
  const h = (node.measured.height ?? 110) * zoom;
  const p = node.internals.positionAbsolute;
  const left = p.x * zoom + x;
  const top = p.y * zoom + y;
  const margin = 40;
  const shift = (start: number, size: number, room: number) =>
    start < margin ? margin - start : start + size > room - margin ? Math.max(margin - start, room - margin - (start + size)) : 0;
  const dx = shift(left, w, pane.width);
  const dy = shift(top, h, pane.height);
  if (dx !== 0 || dy !== 0) void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
}

export function useCanvasDialogs(store: EditorStore, flow: RefObject<ReactFlowInstance<Node, Edge> | null>, focusNode: (id: string) => void) {
  const [picker, setPicker] = useState<'find' | 'connect' | undefined>();
  useEffect(() => store.getState().setMinimap(savedMinimap()), [store]);
  const setMinimap = useCallback(
    (next: (current: MinimapPlace) => MinimapPlace) => {
      const place = next(store.getState().minimap);
      store.getState().setMinimap(place);
      localStorage.setItem(MINIMAP_KEY, place);
    },
    [store],
  );
  const ui = useMemo(
    () => ({
      openPicker: (mode: 'find' | 'connect') => setPicker(mode),
      toggleMinimap: () => setMinimap((m) => (m === 'hidden' ? 'bottom-right' : 'hidden')),
      moveMinimap: () => setMinimap((m) => minimapCorners[(minimapCorners.indexOf(m as (typeof minimapCorners)[number]) + 1) % minimapCorners.length]!),
    }),
    [setMinimap],
  );
  const close = useCallback(() => setPicker(undefined), []);
  const dialogs =
    picker === 'find' ? (
      <FindNode store={store} onClose={close} onFound={focusNode} />
    ) : picker === 'connect' ? (
      <ConnectPicker store={store} onClose={close} onConnected={(id) => revealNode(flow.current, id)} />
    ) : null;
  return { ui, open: picker !== undefined, dialogs };
}

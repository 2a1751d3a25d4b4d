/** Builds the `CommandContext` commands run with, from the canvas instance and page state. */
import { useMemo, useRef, type RefObject } from 'react';
import type { Edge, Node, ReactFlowInstance } from '@xyflow/react';
import type { CommandContext } from '../../commands/commands.js';
import type { EditorStore } from '../../store/editor-store.js';

/**
 * The system clipboard when the browser allows it (so nodes travel between tabs and processes);
 * otherwise an in-page clipboard, so copy/paste inside one tab never fails.
 */
function useClipboard(): CommandContext['clipboard'] {
  const memory = useRef('');
  return useMemo(
    () => ({
      async writeText(text: string) {
        memory.current = text;
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Permission refused or no secure context: the in-page copy still works.
        }
      },
      async readText() {
        try {
          const text = await navigator.clipboard.readText();
          if (text) return text;
        } catch {
          // As above.
        }
        return memory.current;
      },
    }),
    [],
  );
}

/** What the page supplies: dialogs, panels and the minimap are page state. */
export type CommandUi = Omit<CommandContext, 'store' | 'clipboard' | 'viewportCenter' | 'nodeSizes' | 'fitView'>;

export function useCommandContext(store: EditorStore, flow: RefObject<ReactFlowInstance<Node, Edge> | null>, ui: CommandUi): CommandContext {
  const clipboard = useClipboard();
  return useMemo<CommandContext>(
    () => ({
      store,
      clipboard,
      viewportCenter: () => {
        const el = document.querySelector('.vm-canvas');
        const rect = el?.getBoundingClientRect();
        if (!flow.current || !rect) return { x: 0, y: 0 };
        const p = flow.current.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
        return { x: p.x - 110, y: p.y - 40 };
      },
      nodeSizes: () => store.getState().measured,
      // After a layout the store has the new positions but React Flow takes them on its next
      // render: fitting now would fit the old bounds.
      fitView: () => requestAnimationFrame(() => void flow.current?.fitView({ padding: 0.15, duration: 200 })),
      ...ui,
    }),
    [store, clipboard, flow, ui],
  );
}

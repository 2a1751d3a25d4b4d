/**
 * Editor commands: one object per command, one dispatch path (`runCommand`) used by the
 * keyboard, the toolbar/menu and the command palette alike — in the manner of excalidraw's actions.
 */
import type { FlowPosition } from '@voiceman/compiler';
import { copySelection, parseClipboard, serializeClipboard } from '../graph/clipboard.js';
import { layoutGraph, type Size } from '../graph/layout.js';
import type { MessageKey } from '../i18n/messages.js';
import { redo, undo, type EditorStore } from '../store/editor-store.js';
import { canonicalCombo, comboOf, type KeyLike } from './keys.js';

/** What commands may touch besides the store: supplied by the canvas (or by a test). */
export interface CommandContext {
  store: EditorStore;
  clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> };
  /** Where pasted or added nodes go: the centre of the visible canvas. */
  viewportCenter(): FlowPosition;
  nodeSizes(): Record<string, Size>;
  fitView(): void;
  toggleHelp(): void;
  openPalette(): void;
  notify(message: MessageKey): void;
  /** Opens the node search ("find") or the keyboard connect (outcome, then target). */
  openPicker(mode: 'find' | 'connect'): void;
  toggleMinimap(): void;
  moveMinimap(): void;
  exportFlow(): void;
  /** Opens the publish dialog; absent where publishing is not possible (a version, a non-admin). */
  publish?(): void;
  /**
   * Opens the process settings panel; absent until the page provides one (the settings panel
   * belongs to the process-settings work and fills this hook).
   */
  openProcessSettings?(): void;
}

export interface Command {
  label: MessageKey;
  /** Shortcuts; the first is the one shown. */
  keys: string[];
  /** Whether it changes the document (disabled on a read-only version). */
  edits: boolean;
  enabled?(ctx: CommandContext): boolean;
  run(ctx: CommandContext): void | Promise<void>;
}

const hasSelection = (ctx: CommandContext) => {
  const { selection } = ctx.store.getState();
  return selection.nodes.length > 0 || selection.edges.length > 0;
};

async function copy(ctx: CommandContext): Promise<void> {
  const { graph, selection } = ctx.store.getState();
  const payload = copySelection(graph, selection);
  if (payload.nodes.length === 0) return;
  await ctx.clipboard.writeText(serializeClipboard(payload));
}

async function paste(ctx: CommandContext): Promise<void> {
  let text: string;
  try {
    text = await ctx.clipboard.readText();
  } catch {
    ctx.notify('clipboard.denied');
    return;
  }
  const parsed = parseClipboard(text);
  if (!parsed.ok) {
    ctx.notify('clipboard.notNodes');
    return;
  }
  ctx.store.getState().paste(parsed.payload, ctx.viewportCenter());
}

export const commands = {
  undo: {
    label: 'cmd.undo',
    keys: ['mod+z'],
    edits: true,
    enabled: (ctx) => ctx.store.temporal.getState().pastStates.length > 0,
    run: (ctx) => undo(ctx.store),
  },
  redo: {
    label: 'cmd.redo',
    keys: ['mod+shift+z', 'mod+y'],
    edits: true,
    enabled: (ctx) => ctx.store.temporal.getState().futureStates.length > 0,
    run: (ctx) => redo(ctx.store),
  },
  delete: {
    label: 'cmd.delete',
    keys: ['Delete', 'Backspace'],
    edits: true,
    enabled: hasSelection,
    run: (ctx) => ctx.store.getState().deleteSelection(),
  },
  selectAll: {
    label: 'cmd.selectAll',
    keys: ['mod+a'],
    edits: false,
    run: (ctx) => ctx.store.getState().selectAll(),
  },
  copy: {
    label: 'cmd.copy',
    keys: ['mod+c'],
    edits: false,
    enabled: hasSelection,
    run: copy,
  },
  cut: {
    label: 'cmd.cut',
    keys: ['mod+x'],
    edits: true,
    enabled: hasSelection,
    run: async (ctx) => {
      await copy(ctx);
      ctx.store.getState().deleteSelection();
    },
  },
  paste: {
    label: 'cmd.paste',
    keys: ['mod+v'],
    edits: true,
    run: paste,
  },
  duplicate: {
    label: 'cmd.duplicate',
    keys: ['mod+d'],
    edits: true,
    enabled: hasSelection,
    run: (ctx) => {
      const { graph, selection, paste: pasteNodes } = ctx.store.getState();
      const payload = copySelection(graph, selection);
      const first = graph.nodes.find((n) => payload.nodes.some((p) => p.id === n.id));
      if (!first) return;
      const minX = Math.min(...payload.nodes.map((n) => n.position.x));
      const minY = Math.min(...payload.nodes.map((n) => n.position.y));
      pasteNodes(payload, { x: minX + 40, y: minY + 40 });
    },
  },
  layout: {
    label: 'cmd.layout',
    keys: ['shift+l'],
    edits: true,
    run: async (ctx) => {
      const { graph, callees } = ctx.store.getState();
      const { positions, routes } = await layoutGraph(graph, ctx.nodeSizes(), callees);
      ctx.store.getState().moveNodes(positions);
      ctx.store.getState().setRoutes(routes);
      ctx.fitView();
    },
  },
  fitView: {
    label: 'cmd.fitView',
    keys: ['shift+f'],
    edits: false,
    run: (ctx) => ctx.fitView(),
  },
  findNode: {
    label: 'cmd.findNode',
    keys: ['mod+f'],
    edits: false,
    run: (ctx) => ctx.openPicker('find'),
  },
  connect: {
    label: 'cmd.connect',
    keys: ['c'],
    edits: true,
    enabled: (ctx) => ctx.store.getState().selection.nodes.length === 1,
    run: (ctx) => ctx.openPicker('connect'),
  },
  toggleMinimap: {
    label: 'cmd.toggleMinimap',
    keys: ['m'],
    edits: false,
    run: (ctx) => ctx.toggleMinimap(),
  },
  moveMinimap: {
    label: 'cmd.moveMinimap',
    keys: ['shift+m'],
    edits: false,
    run: (ctx) => ctx.moveMinimap(),
  },
  publish: {
    label: 'cmd.publish',
    keys: [],
    edits: true,
    enabled: (ctx) => ctx.publish !== undefined,
    run: (ctx) => ctx.publish?.(),
  },
  export: {
    label: 'cmd.export',
    keys: [],
    edits: false,
    run: (ctx) => ctx.exportFlow(),
  },
  processSettings: {
    label: 'cmd.processSettings',
    keys: [],
    edits: false,
    enabled: (ctx) => ctx.openProcessSettings !== undefined,
    run: (ctx) => ctx.openProcessSettings?.(),
  },
  palette: {
    label: 'cmd.palette',
    keys: ['mod+k', '/'],
    edits: false,
    run: (ctx) => ctx.openPalette(),
  },
  help: {
    label: 'cmd.help',
    keys: ['?'],
    edits: false,
    run: (ctx) => ctx.toggleHelp(),
  },
} satisfies Record<string, Command>;

export type CommandId = keyof typeof commands;
export const commandIds = Object.keys(commands) as CommandId[];

export function isEnabled(id: CommandId, ctx: CommandContext): boolean {
  const command: Command = commands[id];
  if (command.edits && ctx.store.getState().readOnly) return false;
  return command.enabled?.(ctx) ?? true;
}

/** The one way a command runs. Returns false when it is disabled right now. */
export async function runCommand(id: CommandId, ctx: CommandContext): Promise<boolean> {
  if (!isEnabled(id, ctx)) return false;
  await commands[id].run(ctx);
  return true;
}

/** Combo -> command, built once; two commands claiming one combo is a programming error. */
export const keymap: ReadonlyMap<string, CommandId> = (() => {
  const map = new Map<string, CommandId>();
  for (const id of commandIds) {
    for (const combo of commands[id].keys) {
      const key = canonicalCombo(combo);
      const taken = map.get(key);
      if (taken) throw new Error(`shortcut ${combo} is claimed by both ${taken} and ${id}`);
      map.set(key, id);
    }
  }
  return map;
})();

export function commandForKey(event: KeyLike): CommandId | undefined {
  return keymap.get(comboOf(event));
}

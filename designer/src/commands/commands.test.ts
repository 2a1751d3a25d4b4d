import { describe, expect, it } from 'vitest';
import { newFlow } from '../graph/new-flow.js';
import { createEditorStore } from '../store/editor-store.js';
import { commandForKey, runCommand, type CommandContext } from './commands.js';
import type { MessageKey } from '../i18n/messages.js';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

function context(readOnly = false) {
  const store = createEditorStore(newFlow('p', 'P'), { readOnly });
  let clip = '';
  const notes: MessageKey[] = [];
  const ctx: CommandContext = {
    store,
    clipboard: { writeText: async (t) => void (clip = t), readText: async () => clip },
    viewportCenter: () => ({ x: 300, y: 300 }),
    nodeSizes: () => ({}),
    fitView: () => {},
    toggleHelp: () => {},
    openPalette: () => {},
    notify: (m) => void notes.push(m),
    openPicker: () => {},
    toggleMinimap: () => {},
    moveMinimap: () => {},
    exportFlow: () => {},
  };
  return { store, ctx, notes, setClip: (t: string) => void (clip = t) };
}

describe('commands', () => {
  it('maps keys to commands, Ctrl and Cmd alike', () => {
    expect(commandForKey(key('z', { ctrl: true }))).toBe('undo');
    expect(commandForKey(key('Z', { meta: true, shift: true }))).toBe('redo');
    expect(commandForKey(key('y', { ctrl: true }))).toBe('redo');
    expect(commandForKey(key('Delete'))).toBe('delete');
    expect(commandForKey(key('?', { shift: true }))).toBe('help');
    expect(commandForKey(key('z'))).toBeUndefined();
  });

  it('copy then paste through the clipboard duplicates the selection; undo via the same dispatch', async () => {
    const { store, ctx } = context();
    store.getState().addNode('say', { x: 0, y: 0 });
    expect(await runCommand('copy', ctx)).toBe(true);
    expect(await runCommand('paste', ctx)).toBe(true);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['start', 'say1', 'say2']);
    expect(store.getState().graph.nodes[2]?.position).toEqual({ x: 300, y: 300 });
    await runCommand('undo', ctx);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['start', 'say1']);
    await runCommand('redo', ctx);
    expect(store.getState().graph.nodes).toHaveLength(3);
  });

  it('pasting foreign text tells the user and changes nothing', async () => {
    const { store, ctx, notes, setClip } = context();
    setClip('just some text');
    const before = store.getState().graph;
    await runCommand('paste', ctx);
    expect(store.getState().graph).toBe(before);
    expect(notes).toEqual(['clipboard.notNodes']);
  });

  it('undo is disabled with nothing to undo; editing commands are disabled read-only', async () => {
    const { ctx } = context();
    expect(await runCommand('undo', ctx)).toBe(false);
    const ro = context(true);
    ro.store.getState().selectAll();
    expect(await runCommand('delete', ro.ctx)).toBe(false);
    expect(await runCommand('selectAll', ro.ctx)).toBe(true);
  });

  it('auto-layout moves nodes apart in one undo step', async () => {
    const { store, ctx } = context();
    store.getState().addNode('say', { x: 0, y: 0 });
    store.getState().connect({ source: 'start', sourceHandle: 'next', target: 'say1' });
    const steps = store.temporal.getState().pastStates.length;
    await runCommand('layout', ctx);
    const [a, b] = store.getState().graph.nodes;
    expect(b!.position.y).toBeGreaterThan(a!.position.y);
    expect(store.temporal.getState().pastStates.length).toBe(steps + 1);
  }, 60000);
});

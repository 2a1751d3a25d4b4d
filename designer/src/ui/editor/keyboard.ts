import { useEffect } from 'react';
import { commandForKey, runCommand, type CommandContext } from '../../commands/commands.js';

/** Typing in a field (inputs, Monaco) keeps its own keys: Ctrl+Z there undoes the text. */
function isEditingText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .monaco-editor, [role="dialog"]') !== null;
}

/** Editor shortcuts, through the same dispatch as the toolbar and the command palette. */
export function useCommandKeys(ctx: CommandContext, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isEditingText(e.target)) return;
      const id = commandForKey(e);
      if (!id) return;
      e.preventDefault();
      void runCommand(id, ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx, enabled]);
}

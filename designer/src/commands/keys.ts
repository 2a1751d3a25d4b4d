/** Keyboard combos written like `mod+shift+z`; `mod` is Ctrl, or Cmd on a Mac. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Keys whose character already implies Shift on common layouts ("?" is Shift+/). */
const shiftImplied = new Set(['?', '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '{', '}', ':', '"', '<', '>', '|', '~']);

/** Canonical form `mod+alt+shift+key` for both written combos and key events. */
export function canonicalCombo(combo: string): string {
  const parts = combo.toLowerCase().split('+');
  // "mod++" would mean the plus key; we use no such combo.
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  return [mods.has('mod') && 'mod', mods.has('alt') && 'alt', mods.has('shift') && !shiftImplied.has(key) && 'shift', key]
    .filter(Boolean)
    .join('+');
}

export function comboOf(event: KeyLike): string {
  const key = event.key.toLowerCase();
  return [event.ctrlKey || event.metaKey ? 'mod' : '', event.altKey ? 'alt' : '', event.shiftKey && !shiftImplied.has(key) ? 'shift' : '', key]
    .filter(Boolean)
    .join('+');
}

/** How a combo is shown in menus and the help overlay. */
export function formatCombo(combo: string, mac = false): string {
  return combo
    .split('+')
    .map((p) => (p === 'mod' ? (mac ? '⌘' : 'Ctrl') : p === 'shift' ? 'Shift' : p === 'alt' ? 'Alt' : p.length === 1 ? p.toUpperCase() : p))
    .join('+');
}

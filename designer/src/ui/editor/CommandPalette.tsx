/** Keyboard way to add any node kind or run any command: type to filter, Enter to run. */
import type { NodeKind } from '@voiceman/compiler';
import { commandIds, commands, isEnabled, type CommandContext, type CommandId } from '../../commands/commands.js';
import { formatCombo } from '../../commands/keys.js';
import { nodeViews } from '../../kinds/registry.js';
import { useT } from '../i18n.js';
import { paletteKinds } from './Palette.js';
import { Picker, type PickerRow } from './Picker.js';

type Entry = { type: 'kind'; kind: NodeKind; label: string } | { type: 'command'; id: CommandId; label: string };

export function CommandPalette(props: { ctx: CommandContext; onClose(): void; onAdd(kind: NodeKind): void; onCommand(id: CommandId): void }) {
  const t = useT();
  const entries: Entry[] = [
    ...paletteKinds.map((kind): Entry => ({ type: 'kind', kind, label: `+ ${t(`kind.${kind}`)}` })),
    // Only what can run now: a disabled command in the list would do nothing on Enter.
    ...commandIds.filter((id) => id !== 'palette' && isEnabled(id, props.ctx)).map((id): Entry => ({ type: 'command', id, label: t(commands[id].label) })),
  ];
  const keyOf = (e: Entry) => (e.type === 'kind' ? `kind-${e.kind}` : `cmd-${e.id}`);
  const rows = (query: string): PickerRow[] => {
    const q = query.trim().toLowerCase();
    return entries
      .filter((e) => !q || e.label.toLowerCase().includes(q) || (e.type === 'kind' ? e.kind.includes(q) : e.id.toLowerCase().includes(q)))
      .map((e) =>
        e.type === 'kind'
          ? { key: keyOf(e), icon: nodeViews[e.kind].icon, accent: nodeViews[e.kind].accent, text: e.label }
          : { key: keyOf(e), icon: '›', text: e.label, hint: commands[e.id].keys[0] ? <kbd>{formatCombo(commands[e.id].keys[0]!)}</kbd> : undefined },
      );
  };
  return (
    <Picker
      title={t('cmd.palette')}
      placeholder={t('palette.search')}
      testId="command-palette"
      rows={rows}
      onClose={props.onClose}
      onPick={(key) => {
        const e = entries.find((x) => keyOf(x) === key);
        if (!e) return;
        props.onClose();
        if (e.type === 'kind') props.onAdd(e.kind);
        else props.onCommand(e.id);
      }}
    />
  );
}

/** Keyboard way to add any node kind or run any command: type to filter, Enter to run. */
import { useMemo, useState } from 'react';
import type { NodeKind } from '@voiceman/compiler';
import { commandIds, commands, type CommandId } from '../../commands/commands.js';
import { formatCombo } from '../../commands/keys.js';
import { nodeViews } from '../../kinds/registry.js';
import { useT } from '../i18n.js';
import { paletteKinds } from './Palette.js';

type Entry = { type: 'kind'; kind: NodeKind; label: string } | { type: 'command'; id: CommandId; label: string };

export function CommandPalette(props: { onClose(): void; onAdd(kind: NodeKind): void; onCommand(id: CommandId): void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const entries = useMemo<Entry[]>(() => {
    const all: Entry[] = [
      ...paletteKinds.map((kind): Entry => ({ type: 'kind', kind, label: `+ ${t(`kind.${kind}`)}` })),
      ...commandIds.filter((id) => id !== 'palette').map((id): Entry => ({ type: 'command', id, label: t(commands[id].label) })),
    ];
    const q = query.trim().toLowerCase();
    return q ? all.filter((e) => e.label.toLowerCase().includes(q) || (e.type === 'kind' && e.kind.includes(q))) : all;
  }, [query, t]);
  const run = (e: Entry | undefined) => {
    if (!e) return;
    props.onClose();
    if (e.type === 'kind') props.onAdd(e.kind);
    else props.onCommand(e.id);
  };
  return (
    <div className="vm-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="vm-command-palette" role="dialog" aria-label={t('cmd.palette')} data-testid="command-palette">
        <input
          autoFocus
          className="vm-input vm-command-input"
          placeholder={t('palette.search')}
          value={query}
          data-testid="command-input"
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(entries.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') run(entries[index]);
            else if (e.key === 'Escape') props.onClose();
            else return;
            e.preventDefault();
          }}
        />
        <ul className="vm-command-list">
          {entries.map((e, i) => (
            <li key={e.type === 'kind' ? e.kind : e.id}>
              <button type="button" className={i === index ? 'is-active' : ''} onMouseEnter={() => setIndex(i)} onClick={() => run(e)}>
                {e.type === 'kind' && <span style={{ color: nodeViews[e.kind].accent }}>{nodeViews[e.kind].icon} </span>}
                {e.label}
                {e.type === 'command' && commands[e.id].keys[0] && <kbd>{formatCombo(commands[e.id].keys[0]!)}</kbd>}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

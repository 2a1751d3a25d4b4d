/**
 * The one keyboard list dialog: type to filter, arrows to move, Enter to pick, Escape to close.
 * The command palette, "Find node" and the keyboard connect are all this dialog, so they look
 * and behave alike (every row: icon, text left-aligned, hint right; the first row active;
 * "No results" when nothing matches).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n.js';

export interface PickerRow {
  key: string;
  icon?: ReactNode;
  accent?: string;
  text: ReactNode;
  /** Shown muted on the right: a shortcut, a kind, where an outcome leads now. */
  hint?: ReactNode;
}

export function Picker(props: {
  title: string;
  placeholder: string;
  testId: string;
  rows(query: string): PickerRow[];
  onPick(key: string): void;
  onClose(): void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const rows = props.rows(query);
  const active = Math.min(index, Math.max(0, rows.length - 1));
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[data-active="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const pick = (row: PickerRow | undefined) => {
    if (row) props.onPick(row.key);
  };
  return (
    <div className="vm-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="vm-command-palette" role="dialog" aria-label={props.title} data-testid={props.testId}>
        <div className="vm-command-title">{props.title}</div>
        <input
          autoFocus
          className="vm-input vm-command-input"
          placeholder={props.placeholder}
          value={query}
          role="combobox"
          aria-expanded
          aria-controls={`${props.testId}-list`}
          data-testid="command-input"
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex(Math.min(rows.length - 1, active + 1));
            else if (e.key === 'ArrowUp') setIndex(Math.max(0, active - 1));
            else if (e.key === 'Enter') pick(rows[active]);
            else if (e.key === 'Escape') props.onClose();
            else return;
            e.preventDefault();
          }}
        />
        <ul className="vm-command-list" role="listbox" id={`${props.testId}-list`} ref={list}>
          {rows.length === 0 && (
            <li className="vm-command-empty" data-testid="command-empty">
              {t('palette.noResults')}
            </li>
          )}
          {rows.map((row, i) => (
            <li key={row.key} role="option" aria-selected={i === active}>
              <button
                type="button"
                className={i === active ? 'is-active' : ''}
                data-active={i === active}
                data-testid={`pick-${row.key}`}
                onMouseEnter={() => setIndex(i)}
                onClick={() => pick(row)}
              >
                <span className="vm-command-icon" style={row.accent ? { color: row.accent } : undefined} aria-hidden>
                  {row.icon}
                </span>
                <span className="vm-command-text">{row.text}</span>
                {row.hint !== undefined && <span className="vm-command-hint">{row.hint}</span>}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

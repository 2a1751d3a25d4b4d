/** Plain typed inputs shared by the inspector forms. Each commits on every change (undoable). */
import { useId, useState, type ReactNode } from 'react';
import type { Lang, LocalizedText } from '@voiceman/runtime';

/**
 * A labelled group, deliberately not a `<label>`: a label forwards every click inside it to its
 * first control, so with two Monaco fields in one group the second could never be focused.
 */
export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="vm-field" role="group" aria-labelledby={id}>
      <span className="vm-field-label" id={id}>
        {label}
      </span>
      {children}
      {hint && <span className="vm-field-hint">{hint}</span>}
    </div>
  );
}

export function TextInput(props: { value: string; onChange(v: string): void; readOnly?: boolean; placeholder?: string; testId?: string; ariaLabel?: string }) {
  return (
    <input
      className="vm-input"
      value={props.value}
      readOnly={props.readOnly}
      placeholder={props.placeholder}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

export function NumberInput(props: { value: number | undefined; onChange(v: number | undefined): void; readOnly?: boolean; min?: number; testId?: string; ariaLabel?: string }) {
  return (
    <input
      className="vm-input vm-input-number"
      type="number"
      value={props.value ?? ''}
      aria-label={props.ariaLabel}
      min={props.min}
      readOnly={props.readOnly}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
    />
  );
}

export function Select<T extends string>(props: { value: T; options: readonly T[]; onChange(v: T): void; readOnly?: boolean; testId?: string; labels?: Partial<Record<T, string>> }) {
  return (
    <select className="vm-input" value={props.value} disabled={props.readOnly} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value as T)}>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {props.labels?.[o] ?? o}
        </option>
      ))}
    </select>
  );
}

/** One row per language the process declares. */
export function LocalizedInput(props: {
  value: LocalizedText | undefined;
  languages: Lang[];
  onChange?(v: LocalizedText): void;
  readOnly?: boolean;
  testId?: string;
  render?: (lang: Lang, value: string) => ReactNode;
}) {
  const value = props.value ?? {};
  return (
    <div className="vm-localized">
      {props.languages.map((lang) => {
        const set = (v: string) => props.onChange?.({ ...value, [lang]: v });
        return (
          <div key={lang} className="vm-localized-row">
            <span className="vm-lang-tag">{lang}</span>
            {props.render ? (
              props.render(lang, value[lang] ?? '')
            ) : (
              <TextInput value={value[lang] ?? ''} onChange={set} readOnly={props.readOnly} testId={props.testId && `${props.testId}-${lang}`} />
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Variable picker over the process's variables. */
export function VariableSelect(props: { value: string | undefined; names: string[]; onChange(v: string | undefined): void; readOnly?: boolean; testId?: string; noneLabel: string }) {
  return (
    <select
      className="vm-input"
      value={props.value ?? ''}
      disabled={props.readOnly}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
    >
      <option value="">{props.noneLabel}</option>
      {props.names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
      {props.value && !props.names.includes(props.value) && <option value={props.value}>{props.value} ⚠</option>}
    </select>
  );
}

/**
 * A comma-separated list typed as text: the text stays as typed while focused (so "ready," can
 * become "ready, done"), the parsed list is committed on every change.
 */
export function ListInput(props: { value: string[]; onChange(v: string[]): void; readOnly?: boolean; testId?: string; separator?: string }) {
  const sep = props.separator ?? ',';
  const [text, setText] = useState(props.value.join(`${sep} `));
  const [focused, setFocused] = useState(false);
  const shown = focused ? text : props.value.join(`${sep} `);
  return (
    <input
      className="vm-input"
      value={shown}
      readOnly={props.readOnly}
      data-testid={props.testId}
      onFocus={() => {
        setText(props.value.join(`${sep} `));
        setFocused(true);
      }}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(
          e.target.value
            .split(sep)
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}

/** Rows with a remove button each and an add button below. */
export function Rows<T>(props: {
  items: T[];
  render(item: T, index: number): ReactNode;
  onAdd(): void;
  onRemove(index: number): void;
  addLabel: string;
  removeLabel: string;
  readOnly?: boolean;
  testId?: string;
}) {
  return (
    <div className="vm-rows" data-testid={props.testId}>
      {props.items.map((item, i) => (
        <div className="vm-row" key={i}>
          <div className="vm-row-body">{props.render(item, i)}</div>
          {!props.readOnly && (
            <button type="button" className="vm-icon-button" title={props.removeLabel} aria-label={props.removeLabel} onClick={() => props.onRemove(i)}>
              ×
            </button>
          )}
        </div>
      ))}
      {!props.readOnly && (
        <button type="button" className="vm-link-button" onClick={props.onAdd} data-testid={props.testId && `${props.testId}-add`}>
          + {props.addLabel}
        </button>
      )}
    </div>
  );
}

/** A small number box with its name written beside it (range bounds: "Min", "Max"). */
export function LabelledNumber(props: { label: string; value: number | undefined; onChange(v: number | undefined): void; readOnly?: boolean; min?: number; testId?: string }) {
  return (
    <label className="vm-labelled-number">
      <span className="vm-field-hint">{props.label}</span>
      <NumberInput value={props.value} onChange={props.onChange} readOnly={props.readOnly} min={props.min} testId={props.testId} ariaLabel={props.label} />
    </label>
  );
}

/** A variable's default, edited the way its type needs: text, whole or decimal number, yes/no, or JSON. */
import { useEffect, useState } from 'react';
import type { JsonValue, VarType } from '@voiceman/runtime';
import { readJsonDefault } from '../../variables/var-defaults.js';
import { useT } from '../i18n.js';

export function VariableDefaultInput(props: {
  type: VarType;
  value: JsonValue | undefined;
  onChange(v: JsonValue | undefined): void;
  readOnly: boolean;
  testId: string;
  /** The compiler found the default wrong for the type (variable-default-type). */
  invalid?: string;
}) {
  const t = useT();
  const { type, value, readOnly, testId } = props;
  const common = { readOnly, 'data-testid': testId, 'aria-label': t('variables.default') };
  const invalidProps = (problem: string | undefined) => ({ 'aria-invalid': problem !== undefined, title: problem, className: `vm-input${problem ? ' is-invalid' : ''}` });
  if (type === 'string') {
    return <input {...common} {...invalidProps(props.invalid)} value={typeof value === 'string' ? value : ''} onChange={(e) => props.onChange(e.target.value)} />;
  }
  if (type === 'int' || type === 'double') {
    return (
      <input
        {...common}
        {...invalidProps(props.invalid)}
        type="number"
        step={type === 'int' ? 1 : 'any'}
        value={typeof value === 'number' ? value : ''}
        placeholder={t('variables.noDefault')}
        onChange={(e) => {
          if (e.target.value === '') return props.onChange(undefined);
          const n = Number(e.target.value);
          if (Number.isFinite(n)) props.onChange(type === 'int' ? Math.trunc(n) : n);
        }}
      />
    );
  }
  if (type === 'bool') {
    return (
      <select {...invalidProps(props.invalid)} disabled={readOnly} data-testid={testId} aria-label={t('variables.default')} value={value === true ? 'true' : value === false ? 'false' : ''} onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
        <option value="">{t('variables.noDefault')}</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  return <JsonDefault {...props} />;
}

/** list, map, dyn: JSON text, kept as typed while it does not parse or fit, so nothing typed is lost. */
function JsonDefault(props: { type: VarType; value: JsonValue | undefined; onChange(v: JsonValue | undefined): void; readOnly: boolean; testId: string; invalid?: string }) {
  const t = useT();
  const shown = props.value === undefined ? '' : JSON.stringify(props.value);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | undefined>();
  // A change from outside (undo, a type change) replaces the text.
  useEffect(() => {
    setText((current) => {
      const read = readJsonDefault(current, props.type);
      return read.ok && JSON.stringify(read.value) === JSON.stringify(props.value) ? current : shown;
    });
    setProblem(undefined);
  }, [shown, props.type, props.value]);
  const message = problem ?? props.invalid;
  return (
    <input
      className={`vm-input vm-input-code${message ? ' is-invalid' : ''}`}
      value={text}
      readOnly={props.readOnly}
      data-testid={props.testId}
      aria-label={t('variables.default')}
      aria-invalid={message !== undefined}
      title={message}
      placeholder={props.type === 'list' ? '[]' : props.type === 'map' ? '{}' : 'JSON'}
      onChange={(e) => {
        setText(e.target.value);
        const read = readJsonDefault(e.target.value, props.type);
        if (read.ok) {
          setProblem(undefined);
          props.onChange(read.value);
        } else {
          setProblem(read.problem === 'json' ? t('variables.badJson') : t('variables.badType', { type: props.type }));
        }
      }}
    />
  );
}

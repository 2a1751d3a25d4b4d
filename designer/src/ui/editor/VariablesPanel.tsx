/** The process's variables (name, type, default) and its process-wide voice words. */
import { useState } from 'react';
import type { FlowVariable } from '@voiceman/compiler';
import type { JsonValue, VarType } from '@voiceman/runtime';
import { selectNodes, selectProcess, selectReadOnly } from '../../store/editor-store.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { Field, ListInput, Rows, Select, TextInput } from '../fields.js';
import { useT } from '../i18n.js';
import { nextId } from '../../graph/ids.js';

const varTypes: readonly VarType[] = ['string', 'int', 'double', 'bool', 'list', 'map', 'dyn'];

/** Default typed as JSON; kept as text while it does not parse, so typing `"ab` loses nothing. */
function DefaultInput({ value, onChange, readOnly, testId }: { value: JsonValue | undefined; onChange(v: JsonValue | undefined): void; readOnly: boolean; testId: string }) {
  const t = useT();
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value));
  const [bad, setBad] = useState(false);
  return (
    <span className="vm-default">
      <input
        className={`vm-input${bad ? ' is-invalid' : ''}`}
        value={text}
        readOnly={readOnly}
        data-testid={testId}
        aria-invalid={bad}
        title={bad ? t('variables.badDefault') : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setBad(false);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value) as JsonValue);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
    </span>
  );
}

export function VariablesPanel() {
  const t = useT();
  const store = useEditorStore();
  const process = useEditor(selectProcess);
  const nodes = useEditor(selectNodes);
  const readOnly = useEditor(selectReadOnly);
  const setVars = (variables: FlowVariable[], key?: string) => store.getState().updateProcess((p) => ({ ...p, variables }), key);
  const setVar = (i: number, v: FlowVariable, key: string) => setVars(process.variables.map((x, j) => (j === i ? v : x)), `var.${i}.${key}`);
  return (
    <div className="vm-variables" data-testid="variables">
      <Field label={t('variables.title')}>
        <Rows
          items={process.variables}
          readOnly={readOnly}
          testId="variables-list"
          addLabel={t('variables.add')}
          removeLabel={t('common.remove')}
          onAdd={() => {
            const name = nextId('var', new Set(process.variables.map((v) => v.name)));
            setVars([...process.variables, { name, type: 'string', default: '' }]);
          }}
          onRemove={(i) => setVars(process.variables.filter((_, j) => j !== i))}
          render={(v, i) => (
            <div className="vm-variable">
              <TextInput value={v.name} readOnly={readOnly} ariaLabel={t('variables.name')} testId={`variable-${i}-name`} onChange={(name) => setVar(i, { ...v, name }, 'name')} />
              <Select value={v.type} options={varTypes} readOnly={readOnly} testId={`variable-${i}-type`} onChange={(type) => setVar(i, { ...v, type }, 'type')} />
              <DefaultInput key={`${i}:${v.name}`} value={v.default} readOnly={readOnly} testId={`variable-${i}-default`} onChange={(d) => setVar(i, { ...v, default: d }, 'default')} />
            </div>
          )}
        />
      </Field>
      <Field label={t('variables.words')}>
        <Rows
          items={process.globalWords}
          readOnly={readOnly}
          testId="words-list"
          addLabel={t('variables.addWord')}
          removeLabel={t('common.remove')}
          onAdd={() =>
            store.getState().updateProcess((p) => ({
              ...p,
              globalWords: [...p.globalWords, { name: nextId('word', new Set(p.globalWords.map((w) => w.name))), phrases: {}, target: nodes.find((n) => n.kind === 'end')?.id ?? '' }],
            }))
          }
          onRemove={(i) => store.getState().updateProcess((p) => ({ ...p, globalWords: p.globalWords.filter((_, j) => j !== i) }))}
          render={(w, i) => {
            const setWord = (change: Partial<typeof w>, key: string) =>
              store.getState().updateProcess((p) => ({ ...p, globalWords: p.globalWords.map((x, j) => (j === i ? { ...x, ...change } : x)) }), `word.${i}.${key}`);
            return (
              <div className="vm-word">
                <TextInput value={w.name} readOnly={readOnly} ariaLabel={t('variables.wordName')} onChange={(name) => setWord({ name }, 'name')} />
                {process.languages.map((lang) => (
                  <div className="vm-localized-row" key={lang}>
                    <span className="vm-lang-tag">{lang}</span>
                    <ListInput value={w.phrases[lang] ?? []} readOnly={readOnly} onChange={(list) => setWord({ phrases: { ...w.phrases, [lang]: list } }, `phrases.${lang}`)} />
                  </div>
                ))}
                <select className="vm-input" value={w.target} disabled={readOnly} aria-label={t('variables.wordTarget')} onChange={(e) => setWord({ target: e.target.value }, 'target')}>
                  <option value="">—</option>
                  {nodes
                    .filter((n) => n.kind !== 'start')
                    .map((n) => (
                      <option key={n.id} value={n.id}>
                        {n.label ? `${n.label} (${n.id})` : n.id}
                      </option>
                    ))}
                </select>
              </div>
            );
          }}
        />
      </Field>
    </div>
  );
}

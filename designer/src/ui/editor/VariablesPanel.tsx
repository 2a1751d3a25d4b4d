/** The process's variables (name, type, default, input/output, description) and its process-wide voice words. */
import type { FlowVariable } from '@voiceman/compiler';
import type { VarType } from '@voiceman/runtime';
import { selectDiagnostics, selectNodes, selectProcess, selectReadOnly } from '../../store/editor-store.js';
import { convertDefault, VAR_TYPES } from '../../variables/var-defaults.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { Field, Rows, Select, TextInput } from '../fields.js';
import { useLang, useT } from '../i18n.js';
import { nextId } from '../../graph/ids.js';
import { WordListEditor } from '../../kinds/word-list.js';
import { diagnosticText } from '../../i18n/diagnostic-messages.js';
import { VariableDefaultInput } from './VariableDefaultInput.js';

/** Sets or clears an optional flag, leaving no `false` behind (the flow's text stays as it was). */
function withFlag(v: FlowVariable, flag: 'input' | 'output', on: boolean): FlowVariable {
  const { [flag]: _old, ...rest } = v;
  return on ? { ...rest, [flag]: true } : rest;
}

export function VariablesPanel() {
  const t = useT();
  const store = useEditorStore();
  const process = useEditor(selectProcess);
  const nodes = useEditor(selectNodes);
  const readOnly = useEditor(selectReadOnly);
  const diagnostics = useEditor(selectDiagnostics);
  const { lang } = useLang();
  const typeLabels = Object.fromEntries(VAR_TYPES.map((type) => [type, t(`vartype.${type}`)])) as Record<VarType, string>;
  const defaultProblem = (i: number) => {
    const d = diagnostics.find((x) => x.code === 'variable-default-type' && x.field === `/process/variables/${i}/default`);
    return d && diagnosticText(d, lang);
  };
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
            <div className="vm-variable" data-testid={`variable-${i}`}>
              <div className="vm-variable-main">
                <TextInput value={v.name} readOnly={readOnly} ariaLabel={t('variables.name')} testId={`variable-${i}-name`} onChange={(name) => setVar(i, { ...v, name }, 'name')} />
                <Select
                  value={v.type}
                  options={VAR_TYPES}
                  labels={typeLabels}
                  readOnly={readOnly}
                  testId={`variable-${i}-type`}
                  onChange={(type) => setVar(i, { ...v, type, default: convertDefault(v.default, type) }, 'type')}
                />
                <VariableDefaultInput
                  type={v.type}
                  value={v.default}
                  readOnly={readOnly}
                  invalid={defaultProblem(i)}
                  testId={`variable-${i}-default`}
                  onChange={(d) => {
                    const { default: _old, ...rest } = v;
                    setVar(i, d === undefined ? rest : { ...rest, default: d }, 'default');
                  }}
                />
              </div>
              <div className="vm-variable-flags">
                {(['input', 'output'] as const).map((flag) => (
                  <label key={flag} className="vm-check" title={t(flag === 'input' ? 'variables.inputHint' : 'variables.outputHint')}>
                    <input type="checkbox" checked={v[flag] === true} disabled={readOnly} data-testid={`variable-${i}-${flag}`} onChange={(e) => setVar(i, withFlag(v, flag, e.target.checked), flag)} />
                    {t(flag === 'input' ? 'variables.input' : 'variables.output')}
                  </label>
                ))}
              </div>
              <TextInput
                value={v.description ?? ''}
                readOnly={readOnly}
                placeholder={t('variables.description')}
                ariaLabel={t('variables.description')}
                testId={`variable-${i}-description`}
                onChange={(description) => {
                  const { description: _old, ...rest } = v;
                  setVar(i, description === '' ? rest : { ...rest, description }, 'description');
                }}
              />
            </div>
          )}
        />
      </Field>
      <Field label={t('variables.words')}>
        <WordListEditor
          words={process.globalWords}
          kind="global"
          languages={process.languages}
          nodes={nodes}
          readOnly={readOnly}
          testId="words-list"
          addLabel={t('variables.addWord')}
          onChange={(globalWords, key) => store.getState().updateProcess((p) => ({ ...p, globalWords }), key)}
        />
      </Field>
      <Field label={t('variables.inPlaceWords')}>
        <WordListEditor
          words={process.inPlaceWords ?? []}
          kind="inPlace"
          languages={process.languages}
          nodes={nodes}
          readOnly={readOnly}
          testId="in-place-words-list"
          addLabel={t('variables.addWord')}
          onChange={(inPlaceWords, key) => store.getState().updateProcess(({ inPlaceWords: _old, ...p }) => (inPlaceWords.length > 0 ? { ...p, inPlaceWords } : p), key)}
        />
      </Field>
    </div>
  );
}

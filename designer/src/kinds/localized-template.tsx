import type { LocalizedText, VarType } from '@voiceman/runtime';
import type { FlowProcess } from '@voiceman/compiler';
import { LocalizedInput } from '../ui/fields.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';

/** A prompt template per declared language, each a Monaco template field. */
export function LocalizedTemplate(props: {
  nodeId: string;
  /** Field path of the text inside the node's data, e.g. `prompt`. */
  field: string;
  value: LocalizedText | undefined;
  process: FlowProcess;
  readOnly: boolean;
  onChange(lang: string, text: string): void;
  testId: string;
  /** Names only this text sees (a read-back's `answer`). */
  extraVariables?: Record<string, VarType>;
}) {
  return (
    <LocalizedInput
      value={props.value}
      languages={props.process.languages}
      render={(lang, value) => (
        <ProcessCodeField
          nodeId={props.nodeId}
          field={`${props.field}/${lang}`}
          value={value}
          language="template"
          extraVariables={props.extraVariables}
          readOnly={props.readOnly}
          testId={`${props.testId}-${lang}`}
          onChange={(v) => props.onChange(lang, v)}
        />
      )}
    />
  );
}

/**
 * The ask inspector's round-2 section: checked answer (check expression, wrong text per
 * language, wrong-try limit, which answers are checked), read-back with its condition,
 * confidence band and barge-in. Logic in ask-checks-logic.ts.
 */
import type { Lang } from '@voiceman/runtime';
import { Field, NumberInput } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';
import { ConfidenceInput } from '../ui/ConfidenceInput.js';
import { checks, patchCheck, toggleCheckedOutcome, withBand, withBargeIn, withCheck, withConfirm, withConfirmCondition, withLimit } from './ask-checks-logic.js';
import { LocalizedTemplate } from './localized-template.js';
import type { InspectorProps } from './types.js';

const ANSWER = { answer: 'map' } as const;

export function AskChecksEditor({ node, process, update, readOnly }: InspectorProps<'ask'>) {
  const t = useT();
  const d = node.data;
  const languages = process.languages as Lang[];
  const toggle = (label: string, checked: boolean, testId: string, onChange: (on: boolean) => void, title?: string) => (
    <label className="vm-check" title={title}>
      <input type="checkbox" checked={checked} disabled={readOnly} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
  return (
    <>
      {toggle(t('ask.check'), d.check !== undefined, 'ask-check', (on) => update((x) => withCheck(x, on, languages), 'check'), t('ask.checkHint'))}
      {d.check && (
        <>
          <Field label={t('ask.checkExpr')} hint={t('ask.checkExprHint')}>
            <ProcessCodeField
              nodeId={node.id}
              field="check/expr"
              value={d.check.expr}
              language="cel"
              extraVariables={ANSWER}
              readOnly={readOnly}
              testId="ask-check-expr"
              onChange={(v) => update((x) => patchCheck(x, { expr: v }), 'check.expr')}
            />
          </Field>
          <Field label={t('ask.checkWrong')}>
            <LocalizedTemplate
              nodeId={node.id}
              field="check/wrong"
              value={d.check.wrong}
              process={process}
              readOnly={readOnly}
              extraVariables={ANSWER}
              testId="ask-check-wrong"
              onChange={(lang, v) => update((x) => patchCheck(x, { wrong: { ...x.check!.wrong, [lang]: v } }), `check.wrong.${lang}`)}
            />
          </Field>
          <Field label={t('ask.checkLimit')} hint={t('ask.checkLimitHint')}>
            <NumberInput value={d.check.limit} min={1} readOnly={readOnly} testId="ask-check-limit" onChange={(v) => update((x) => withLimit(x, v), 'check.limit')} />
          </Field>
          <Field label={t('ask.checkOutcomes')}>
            {d.outcomes.map((o) => (
              <span key={o.name}>
                {toggle(o.name, checks(d.check!, o.name), `ask-check-outcome-${o.name}`, (on) => update((x) => toggleCheckedOutcome(x, o.name, on)))}
              </span>
            ))}
          </Field>
        </>
      )}
      {toggle(t('ask.confirm'), d.confirm !== undefined, 'ask-confirm', (on) => update((x) => withConfirm(x, on, languages), 'confirm'), t('ask.confirmHint'))}
      {d.confirm && (
        <>
          <Field label={t('ask.confirmPrompt')}>
            <LocalizedTemplate
              nodeId={node.id}
              field="confirm/prompt"
              value={d.confirm.prompt}
              process={process}
              readOnly={readOnly}
              extraVariables={ANSWER}
              testId="ask-confirm-prompt"
              onChange={(lang, v) => update((x) => ({ ...x, confirm: { ...x.confirm!, prompt: { ...x.confirm!.prompt, [lang]: v } } }), `confirm.prompt.${lang}`)}
            />
          </Field>
          <Field label={t('ask.confirmCondition')} hint={t('ask.confirmConditionHint')}>
            <ProcessCodeField
              nodeId={node.id}
              field="confirm/condition"
              value={d.confirm.condition ?? ''}
              language="cel"
              extraVariables={ANSWER}
              readOnly={readOnly}
              testId="ask-confirm-condition"
              onChange={(v) => update((x) => withConfirmCondition(x, v), 'confirm.condition')}
            />
          </Field>
        </>
      )}
      <Field label={t('ask.confirmBelow')} hint={t('ask.confirmBelowHint')}>
        <ConfidenceInput
          value={d.confirmBelow}
          placeholder={process.settings?.confirmBelow !== undefined ? String(process.settings.confirmBelow) : ''}
          readOnly={readOnly}
          testId="ask-confirm-below"
          onChange={(v) => update((x) => withBand(x, v), 'confirmBelow')}
        />
      </Field>
      {toggle(t('ask.bargeIn'), d.bargeIn !== false, 'ask-barge-in', (on) => update((x) => withBargeIn(x, on)), t('ask.bargeInHint'))}
    </>
  );
}

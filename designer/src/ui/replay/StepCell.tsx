/** One side of one step: the input, what was said, the states entered, the WMS calls, the end. */
import type { ReplayStep } from '../../replay/replay-api.js';
import { describeInput } from '../../replay/report.js';
import { useT } from '../i18n.js';

export function StepCell({ step }: { step: ReplayStep | undefined }) {
  const t = useT();
  if (!step) return <td className="vm-muted">{t('compare.missing')}</td>;
  return (
    <td>
      <div className="vm-step-input">{describeInput(step)}</div>
      {step.prompts.map((p, i) => <div key={`p${i}`} className="vm-step-prompt">{t('compare.says')} “{p}”</div>)}
      {step.path.length > 0 && <div className="vm-step-path">{t('compare.enters')} {step.path.join(' → ')}</div>}
      {step.requests?.map((r, i) => (
        <div key={`r${i}`} className="vm-step-request">{t('compare.calls')} {r.method} {r.path} <span className="vm-muted">({r.node}{r.answer ? `: ${r.answer}` : ''})</span></div>
      ))}
      <div className="vm-step-state">{step.end ? `${t('compare.ends')} ${step.end.status}${step.end.result !== undefined ? ` ${JSON.stringify(step.end.result)}` : ''}` : `${t('compare.waits')} ${step.state ?? '—'}`}</div>
    </td>
  );
}

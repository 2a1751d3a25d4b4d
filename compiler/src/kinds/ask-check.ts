/**
 * The ask's round-2 properties (format version 2): the checked answer (`check`, leaving through
 * `wrong`), the conditional read-back (`confirm.condition`), the confidence band
 * (`confirmBelow`) and `bargeIn`. Lint and compile parts, so ask.ts stays one screen.
 */
import type { AskParams } from '@voiceman/runtime';
import { canonicalForm } from '../canonical.js';
import type { LintContext } from '../lint/context.js';
import type { AskData } from './ask.js';

/** The outcome a checked ask leaves through after `check.limit` wrong answers. */
export const WRONG_OUTCOME = 'wrong';

/**
 * What the runtime gets of these properties, set on `params` in canonical key order with
 * `confirm` between them (bargeIn, check, confirm, confirmBelow); absent ones add nothing
 * (same bytes as before).
 */
export function compileAskExtras(d: AskData, params: AskParams): void {
  if (d.bargeIn === false) params.bargeIn = false;
  if (d.check !== undefined) params.check = canonicalForm(d.check);
  if (d.confirm !== undefined) params.confirm = canonicalForm(d.confirm);
  if (d.confirmBelow !== undefined) params.confirmBelow = d.confirmBelow;
}

export function lintAskExtras(node: { id: string; data: AskData }, ctx: LintContext): void {
  const d = node.data;
  const where = (field: string) => ({ nodeId: node.id, field });
  const answer = { answer: 'map' } as const;
  if (d.confirm?.condition !== undefined) {
    ctx.expression(d.confirm.condition, where('/confirm/condition'), answer, { type: 'bool', code: 'cel-type-mismatch', target: 'The read-back condition' });
  }
  if (d.check) {
    ctx.expression(d.check.expr, where('/check/expr'), answer, { type: 'bool', code: 'cel-type-mismatch', target: 'The answer check' });
    ctx.text(d.check.wrong, where('/check/wrong'), 'The wrong-answer text', true, answer);
    const names = new Set(d.outcomes.map((o) => o.name));
    d.check.outcomes?.forEach((name, i) => {
      if (!names.has(name)) ctx.report('ask-check-outcome', `The check names answer "${name}", which this ask does not have.`, where(`/check/outcomes/${i}`));
    });
  }
  const floor = d.minConfidence ?? ctx.flow.process.settings?.minConfidence ?? 0.5;
  if (d.confirmBelow !== undefined && d.confirmBelow <= floor) {
    ctx.report('ask-confidence-band', `The read-back band (below ${d.confirmBelow}) is not above the confidence threshold (${floor}): nothing would be read back.`, where('/confirmBelow'));
  }
}

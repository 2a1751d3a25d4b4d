/**
 * Edits of an ask's round-2 properties, framework-free (the inspector in ask-checks.tsx is a
 * thin view over these): the checked answer, the (conditional) read-back, the confidence band
 * and barge-in. Each returns new node data; defaults are left out so an untouched ask keeps
 * the same bytes.
 */
import type { FlowNode } from '@voiceman/compiler';
import type { Lang, LocalizedText } from '@voiceman/runtime';

export type AskData = Extract<FlowNode, { kind: 'ask' }>['data'];
export type AskCheck = NonNullable<AskData['check']>;

const WRONG_TEXT: Record<Lang, string> = { en: 'Wrong, try again.', ru: 'Неверно, повторите.' };
const CONFIRM_TEXT: Record<Lang, string> = { en: 'You said {{ answer.text }}, correct?', ru: 'Вы сказали {{ answer.text }}, верно?' };

const textIn = (languages: readonly Lang[], texts: Record<Lang, string>): LocalizedText => Object.fromEntries(languages.map((l) => [l, texts[l]]));

/** Turns the check on (a check that accepts everything, three tries, "Wrong, try again.") or off. */
export function withCheck(d: AskData, on: boolean, languages: readonly Lang[]): AskData {
  if (!on) {
    const { check: _check, ...rest } = d;
    return rest;
  }
  if (d.check) return d;
  return { ...d, check: { expr: 'true', wrong: textIn(languages, WRONG_TEXT), limit: 3 } };
}

export function patchCheck(d: AskData, patch: Partial<AskCheck>): AskData {
  return d.check ? { ...d, check: { ...d.check, ...patch } } : d;
}

/** The wrong-try limit from the input's text: a whole number from 1 to 20, else unchanged. */
export function withLimit(d: AskData, value: number | undefined): AskData {
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > 20) return d;
  return patchCheck(d, { limit: value });
}

/** Whether the check applies to answer `name` (no list: every answer). */
export const checks = (check: AskCheck, name: string): boolean => check.outcomes === undefined || check.outcomes.includes(name);

/**
 * Includes or leaves out one answer from the check. Every answer checked is written as no list
 * (the default), so adding an answer later checks it too.
 */
export function toggleCheckedOutcome(d: AskData, name: string, checked: boolean): AskData {
  if (!d.check) return d;
  const all = d.outcomes.map((o) => o.name);
  const current = new Set(d.check.outcomes ?? all);
  if (checked) current.add(name);
  else current.delete(name);
  const list = all.filter((n) => current.has(n));
  const { outcomes: _outcomes, ...check } = d.check;
  return { ...d, check: list.length === all.length ? check : { ...check, outcomes: list } };
}

/** Turns the read-back on (a default "You said …, correct?") or off. */
export function withConfirm(d: AskData, on: boolean, languages: readonly Lang[]): AskData {
  if (!on) {
    const { confirm: _confirm, ...rest } = d;
    return rest;
  }
  if (d.confirm) return d;
  return { ...d, confirm: { prompt: textIn(languages, CONFIRM_TEXT) } };
}

/** The read-back's condition; blank: always read back. */
export function withConfirmCondition(d: AskData, condition: string): AskData {
  if (!d.confirm) return d;
  const { condition: _old, ...confirm } = d.confirm;
  return { ...d, confirm: condition.trim() === '' ? confirm : { ...confirm, condition } };
}

/** The band from the input (0..1 exclusive of 0); empty or out of range: no band of its own. */
export function withBand(d: AskData, value: number | undefined): AskData {
  const { confirmBelow: _old, ...rest } = d;
  if (value === undefined || !Number.isFinite(value) || value <= 0 || value > 1) return rest;
  return { ...rest, confirmBelow: value };
}

/** Barge-in on is the default and is not written. */
export function withBargeIn(d: AskData, on: boolean): AskData {
  const { bargeIn: _old, ...rest } = d;
  return on ? rest : { ...rest, bargeIn: false };
}

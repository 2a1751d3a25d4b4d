import { describe, expect, it } from 'vitest';
import { checks, toggleCheckedOutcome, withBand, withBargeIn, withCheck, withConfirm, withConfirmCondition, withLimit, type AskData } from './ask-checks-logic.js';

const ask = (): AskData => ({
  prompt: { en: 'Slot 4 A.', ru: 'Ячейка 4 A.' },
  outcomes: [
    { name: 'checkDigits', grammar: { type: 'digits', minLength: 2, maxLength: 3 } },
    { name: 'description', grammar: { type: 'phrases', phrases: { en: ['description'], ru: ['описание'] } } },
  ],
  noInput: { reprompts: [], maxAttempts: 3 },
  noMatch: { reprompts: [], maxAttempts: 3 },
});

describe('ask check editors', () => {
  it('turns the check on with texts in every language and off without a trace', () => {
    const on = withCheck(ask(), true, ['en', 'ru']);
    expect(on.check).toEqual({ expr: 'true', wrong: { en: 'Wrong, try again.', ru: 'Неверно, повторите.' }, limit: 3 });
    expect(withCheck(on, false, ['en', 'ru'])).toEqual(ask());
  });

  it('keeps the limit a whole number from 1 to 20', () => {
    const on = withCheck(ask(), true, ['en']);
    expect(withLimit(on, 5).check!.limit).toBe(5);
    for (const bad of [0, -1, 2.5, 21, undefined]) expect(withLimit(on, bad).check!.limit).toBe(3);
  });

  it('leaves an answer out of the check, and writes no list once every answer is checked again', () => {
    const on = withCheck(ask(), true, ['en']);
    const digitsOnly = toggleCheckedOutcome(on, 'description', false);
    expect(digitsOnly.check!.outcomes).toEqual(['checkDigits']);
    expect(checks(digitsOnly.check!, 'description')).toBe(false);
    expect(toggleCheckedOutcome(digitsOnly, 'description', true).check).not.toHaveProperty('outcomes');
  });

  it('a blank read-back condition is no condition', () => {
    const on = withConfirm(ask(), true, ['en', 'ru']);
    expect(on.confirm!.prompt.ru).toContain('{{ answer.text }}');
    const conditional = withConfirmCondition(on, 'answer.value < 5');
    expect(conditional.confirm!.condition).toBe('answer.value < 5');
    expect(withConfirmCondition(conditional, '  ').confirm).not.toHaveProperty('condition');
    expect(withConfirm(conditional, false, ['en'])).toEqual(ask());
  });

  it('the band takes a confidence above 0 up to 1; barge-in on is the default and not written', () => {
    expect(withBand(ask(), 0.8).confirmBelow).toBe(0.8);
    for (const bad of [0, 1.5, Number.NaN, undefined]) expect(withBand({ ...ask(), confirmBelow: 0.8 }, bad)).toEqual(ask());
    expect(withBargeIn(ask(), false).bargeIn).toBe(false);
    expect(withBargeIn(withBargeIn(ask(), false), true)).toEqual(ask());
  });
});

import { describe, expect, it } from 'vitest';
import type { ListenVocabulary } from '@voiceman/runtime';
import { fleetSeed, operatorIdOf } from './fleet-wms.js';
import { createOperator, spokenDigits } from './operator.js';

const data = fleetSeed([0, 7], 2);
const vocabulary = (phrases: string[]): ListenVocabulary => ({ language: 'en', phrases });
const never = () => 0.99;

describe('the simulated operator', () => {
  it('answers the case-picking prompts as a trained picker does', () => {
    const op = createOperator(operatorIdOf(7), data, { random: never });
    const say = (prompt: string, phrases: string[] = []) => op.answer(prompt, vocabulary(phrases));
    expect(say('Operator ID?')).toMatchObject({ kind: 'speech', text: 'one zero zero zero zero seven' });
    expect(say('Operator 1 0 0 0 0 7, correct?', ['yes', 'no'])).toMatchObject({ text: 'yes' });
    expect(say('Slot 4 A.')).toMatchObject({ text: 'five seven' });
    expect(say('Pick 3.')).toMatchObject({ text: 'three' });
    expect(say('Deliver to door 5.')).toMatchObject({ text: 'three eight' });
    expect(say('Aisle 12.', ['ready', 'repeat'])).toMatchObject({ text: 'ready' });
    expect(say('Something new?', ['repeat'])).toEqual({ kind: 'silence' });
  });

  it('misreads check digits at the given rate', () => {
    const op = createOperator(operatorIdOf(0), data, { random: () => 0, mistakeRate: 0.03 });
    expect(op.answer('Slot 4 A.', vocabulary([]))).toMatchObject({ text: spokenDigits('11') });
  });
});

describe('the fleet WMS data set', () => {
  it('gives each terminal its own operator and assignments, with stock that never runs out', () => {
    expect(data.operators.map((o) => o.id)).toEqual(['100000', '100007']);
    const mine = data.assignments.filter((a) => a.operatorId === '100007');
    expect(mine).toHaveLength(2);
    expect(new Set(data.assignments.flatMap((a) => a.picks.map((p) => p.id))).size).toBe(data.assignments.length * 4);
    expect(Math.min(...data.stock.map((s) => s.quantity))).toBeGreaterThan(1e6);
  });
});

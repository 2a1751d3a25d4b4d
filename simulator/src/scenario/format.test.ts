import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioFormatError } from './format.js';
import { scenarioSchema } from './schema.js';

const valid = {
  formatVersion: 1, name: 'sign on', process: 'case-pick',
  stubs: { getAssignment: [{ status: 503 }, { timeout: true }, { networkError: 'ECONNRESET' }, { status: 200, body: { a: 1 }, delayMs: 20 }] },
  start: { prompts: ['Welcome to voice picking', { contains: 'Operator' }] },
  steps: [{ say: 'one two three', confidence: 0.8, expect: { prompts: [{ matches: '^Operator \\d+' }], variables: { main: { operator: '' } } } }, { silence: true }, { unclear: true }],
  end: { status: 'done', state: 'done', result: { picked: 3 } },
};

const problem = (value: unknown): ScenarioFormatError => {
  try {
    parseScenario(JSON.stringify(value), 'x.scenario.json');
  } catch (error) {
    if (error instanceof ScenarioFormatError) return error;
    throw error;
  }
  throw new Error('parsed');
};

describe('the scenario format', () => {
  it('takes every kind of input, stub answer, prompt matcher and expectation', () => {
    expect(parseScenario(JSON.stringify(valid))).toEqual(valid);
  });

  it('names the file and the field of a bad scenario', () => {
    expect(problem({ ...valid, steps: [{ say: 'x' }, { say: 'y', confidence: 2 }] })).toMatchObject({ file: 'x.scenario.json', field: '/steps/1/confidence' });
    expect(problem({ ...valid, formatVersion: 2 })).toMatchObject({ field: '/formatVersion' });
    expect(problem({ ...valid, stubs: { getAssignment: [{ status: 99 }] } }).field).toBe('/stubs/getAssignment/0/status');
    const missing = problem({ formatVersion: 1, name: 'n', steps: [] });
    expect(missing.message).toContain('x.scenario.json');
    expect(missing.message).toContain('process');
    expect(problem({ ...valid, steps: [{ say: 'a', silence: true }] }).field).toMatch(/^\/steps\/0/);
  });

  it('says what is wrong in words: an unknown field, a step of no or two kinds, a format version', () => {
    const typo = problem({ ...valid, steps: [{ say: 'x' }, { sya: 'yes' }] });
    expect(typo.field).toBe('/steps/1');
    expect(typo.message).toBe('x.scenario.json at /steps/1: a step has exactly one of say, silence or unclear (it has none; unknown field "sya")');
    expect(problem({ ...valid, steps: [{ say: 'a', silence: true }] }).message).toContain('a step has exactly one of say, silence or unclear (it has say and silence)');
    expect(problem({ ...valid, stubz: {} }).message).toBe('x.scenario.json at /stubz: unknown field "stubz"');
    expect(problem({ ...valid, steps: [{ say: 'a', expect: { prompt: ['x'] } }] }).message).toBe('x.scenario.json at /steps/0/expect/prompt: unknown field "prompt"');
    expect(problem({ ...valid, formatVersion: 2 }).message).toBe('x.scenario.json at /formatVersion: formatVersion 2 is not supported: this runner reads formatVersion 1');
  });

  it('refuses a prompt pattern that is not a regular expression, and text that is not JSON', () => {
    const bad = problem({ ...valid, start: { prompts: [{ matches: '(' }] } });
    expect(bad).toMatchObject({ field: '/start/prompts/0/matches' });
    expect(bad.message).toContain('not a regular expression');
    expect(() => parseScenario('{"formatVersion":', 'y.scenario.json')).toThrow(/y\.scenario\.json: not JSON/);
  });

  it('ships the schema file written from the source literal', () => {
    const file = JSON.parse(readFileSync(new URL('../../scenario.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(scenarioSchema)));
  });
});

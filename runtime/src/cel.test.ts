import { describe, expect, it } from 'vitest';
import { RE2JS } from 're2js';
import { registerRegexEngine } from './cel-regex.js';
import { checkCel, checkCelIn, createCelChecker, createCelEnvironment, isAssignable, toCel, type CelVariables } from './cel.js';
import type { JsonValue } from './format.js';
import { loadMachine, MachineValidationError } from './load.js';
import { askMachine } from '../test/helpers.js';

describe('createCelChecker', () => {
  const checker = createCelChecker({ qty: 'int', name: 'string', tags: 'list', price: 'double' });

  it('reports what checkCel reports, with positions', () => {
    for (const expr of ['qty +', 'nope + 1', 'name + qty', 'qty + 1', 'event.value', 'session.terminalId']) {
      expect(checker.check(expr), expr).toEqual(checkCel(expr, { qty: 'int', name: 'string', tags: 'list', price: 'double' }));
    }
    expect(checker.check('nope + 1')[0]).toMatchObject({ message: expect.stringContaining('nope') });
    expect(checker.check('')).toEqual([{ message: 'expression is empty' }]);
  });

  it('gives the result type of a valid expression and nothing for an invalid one', () => {
    expect(checker.typeOf('qty + 1')).toBe('int');
    expect(checker.typeOf('price * 2.0')).toBe('double');
    expect(checker.typeOf('name + "!"')).toBe('string');
    expect(checker.typeOf('qty > 2')).toBe('bool');
    expect(checker.typeOf('tags')).toMatch(/^list/);
    expect(checker.typeOf('event.value')).toBe('dyn');
    expect(checker.typeOf('qty +')).toBeUndefined();
  });
});

describe('isAssignable is the loader\'s rule', () => {
  it.each([
    ['int', 'int', true],
    ['int', 'double', true],
    ['double', 'int', false],
    ['dyn', 'string', true],
    ['string', 'dyn', true],
    ['list<int>', 'list', true],
    ['map<string, dyn>', 'map', true],
    ['map<string, dyn>', 'list', false],
    ['int', 'bool', false],
    ['bool', 'bool', true],
  ] as const)('%s into %s: %s', (result, type, ok) => {
    expect(isAssignable(result, type)).toBe(ok);
  });

  it('agrees with loadMachine on an assignment', () => {
    const load = (expr: string) => {
      const m = askMachine();
      const on = m.states.q!.on! as Record<string, { actions?: { params: { assignments: { variable: string; expr: string }[] } }[] }>;
      on['ANSWER.ready']!.actions![0]!.params.assignments = [{ variable: 'way', expr }];
      try {
        loadMachine(m);
        return true;
      } catch (error) {
        if (error instanceof MachineValidationError) return false;
        throw error;
      }
    };
    const checker = createCelChecker({ answer: 'dyn', way: 'string' });
    for (const expr of ['"x"', '1', 'string(1)', 'event.value', '[1]']) {
      expect(load(expr), expr).toBe(isAssignable(checker.typeOf(expr)!, 'string'));
    }
  });
});

describe('numbers from JSON in CEL arithmetic', () => {
  const run = (expr: string, vars: Record<string, JsonValue>, types: CelVariables = {}) => {
    const env = createCelEnvironment(types);
    const { issues, program } = checkCelIn(env, expr);
    expect(issues).toEqual([]);
    const activation: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(vars)) activation[k] = toCel(v, types[k]);
    return program!.run(activation);
  };

  it('event.body.weight * 1.5 works whether the WMS sent 2 or 2.5', () => {
    expect(run('event.body.weight * 1.5', { event: { body: { weight: 2 } } })).toBe(3);
    expect(run('event.body.weight * 1.5', { event: { body: { weight: 2.5 } } })).toBe(3.75);
    expect(run('event.body.weight + 1', { event: { body: { weight: 2.5 } } })).toBe(3.5);
    expect(run('1 - event.body.weight', { event: { body: { weight: 0.5 } } })).toBe(0.5);
    expect(run('event.body.weight / 2', { event: { body: { weight: 5 } } })).toBe(2); // int / int stays int
    expect(run('event.body.weight / 2.0', { event: { body: { weight: 5 } } })).toBe(2.5);
  });

  it('typed variables mix too, and the result is typed double', () => {
    const env = createCelEnvironment({ n: 'int', d: 'double' });
    expect(checkCelIn(env, 'n * 1.5').type).toBe('double');
    expect(checkCelIn(env, 'd - n').type).toBe('double');
    expect(run('n * d', { n: 3, d: 0.5 }, { n: 'int', d: 'double' })).toBe(1.5);
    expect(checkCelIn(env, 'n % 1.5').issues).not.toEqual([]);
  });
});

describe('environments shared between loads', () => {
  it('one environment per declaration, so a second load reuses every checked expression', () => {
    const a = createCelEnvironment({ qty: 'int', name: 'string' }, ['bins']);
    expect(createCelEnvironment({ qty: 'int', name: 'string' }, ['bins'])).toBe(a);
    expect(createCelEnvironment({ qty: 'double', name: 'string' }, ['bins'])).not.toBe(a);
    expect(createCelEnvironment({ qty: 'int', name: 'string' }, [])).not.toBe(a);
    expect(checkCelIn(a, 'qty + 1')).toBe(checkCelIn(createCelEnvironment({ qty: 'int', name: 'string' }, ['bins']), 'qty + 1'));
  });

  it('two machines with the same declaration share compiled programs but not their scopes', () => {
    const first = loadMachine(askMachine());
    const second = loadMachine(askMachine());
    const [a, b] = [first.scopes.main!, second.scopes.main!];
    expect(a).not.toBe(b);
    expect(a.env).toBe(b.env);
  });
});

describe('shared CEL environments and the regex engine', () => {
  it('a check made with one regex engine is not reused after another engine is registered', () => {
    const expr = "name.matches('^a')";
    expect(checkCel(expr, { name: 'string' })).toEqual([]);
    registerRegexEngine({ compile: () => { throw new Error('refused by this engine'); } });
    try {
      expect(checkCel(expr, { name: 'string' })[0]?.message).toContain('refused by this engine');
    } finally {
      registerRegexEngine({ compile: (pattern) => RE2JS.compile(pattern) });
    }
    expect(checkCel(expr, { name: 'string' })).toEqual([]);
  });
});

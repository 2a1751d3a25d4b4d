import { describe, expect, it } from 'vitest';
import { checkField } from './check.js';

describe('live CEL field checks', () => {
  it('accepts a valid expression over declared variables', () => {
    expect(checkField('qty > 0 && location != ""', 'cel', { qty: 'int', location: 'string' })).toEqual([]);
  });
  it('flags an undeclared variable with a range inside the field', () => {
    const issues = checkField('qty > limit', 'cel', { qty: 'int' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.start).toBeGreaterThanOrEqual(0);
    expect(issues[0]!.end).toBeLessThanOrEqual('qty > limit'.length);
  });
  it('checks expressions inside a template at their offsets', () => {
    const text = 'Aisle {{ aisle }}, slot {{ slott }}';
    const issues = checkField(text, 'template', { aisle: 'string', slot: 'string' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.start).toBeGreaterThanOrEqual(text.indexOf('slott'));
  });
  it('reports an unclosed placeholder', () => {
    expect(checkField('Pick {{ qty', 'template', { qty: 'int' })[0]?.message).toMatch(/unclosed/);
  });
});

import { describe, expect, it } from 'vitest';
import { localTarget } from './local-target.js';

describe('localTarget (login ?next=)', () => {
  it('keeps a local path with its query', () => {
    expect(localTarget('/history?site=dev-lab&page=2')).toBe('/history?site=dev-lab&page=2');
    expect(localTarget('/history/sessions/abc')).toBe('/history/sessions/abc');
  });

  it.each(['/\\evil.example', '//evil.example/x', '\\\\evil.example', 'https://evil.example/', 'https:evil.example', '/\t/evil.example', 'javascript:alert(1)', '//evil.example@x', ''])(
    'refuses %j (another origin or nothing)',
    (next) => {
      expect(localTarget(next)).toBe('/history');
    },
  );

  it('drops a fragment and never emits a host', () => {
    expect(localTarget('/history#x')).toBe('/history');
    expect(localTarget('history')).toBe('/history');
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportPlan } from './api.js';
import { addVersion, decide, packageFileName, readPackageText, removeVersion } from './model.js';

const plan = (counts: Partial<ImportPlan['counts']>, newProcesses: string[] = []): ImportPlan => ({
  applied: false, source: { installationId: 'x', createdAt: '' }, signer: { status: 'trusted' }, items: [], newProcesses,
  counts: { add: 0, present: 0, downgrade: 0, clash: 0, ...counts },
});

describe('packages section logic', () => {
  it('keeps the export list unique and sorted, and names the download after it', () => {
    let list = addVersion([], { processKey: 'putaway', number: 2 });
    list = addVersion(list, { processKey: 'case-picking', number: 3 });
    list = addVersion(list, { processKey: 'case-picking', number: 3 });
    expect(list.map((r) => `${r.processKey}@${r.number}`)).toEqual(['case-picking@3', 'putaway@2']);
    expect(packageFileName(list, new Date('2026-12-02T16:00:00Z'))).toBe('voiceman-case-picking@3+1-2026-12-02.json');
    expect(removeVersion(list, { processKey: 'putaway', number: 2 })).toHaveLength(1);
  });

  it('reads a file as JSON, refusing what is too large or not JSON', () => {
    expect(readPackageText('{"a":1}', 7)).toEqual({ ok: true, value: { a: 1 } });
    expect(readPackageText('{"a":', 5)).toMatchObject({ ok: false, reason: 'not_json' });
    expect(readPackageText('{}', 17 * 1024 * 1024)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('allows applying only what changes something, never a clash, a downgrade only once confirmed', () => {
    expect(decide(plan({ add: 2 }), false).canApply).toBe(true);
    expect(decide(plan({ present: 3 }), false)).toMatchObject({ changes: false, canApply: false });
    expect(decide(plan({ add: 1, clash: 1 }), true)).toMatchObject({ blocked: true, canApply: false });
    expect(decide(plan({ downgrade: 1 }), false)).toMatchObject({ needsConfirmation: true, canApply: false });
    expect(decide(plan({ downgrade: 1 }), true).canApply).toBe(true);
  });
});

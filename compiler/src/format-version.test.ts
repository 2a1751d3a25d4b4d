import { loadMachine, MAX_FORMAT_VERSION, validateMachine, type MachineJson } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow } from './index.js';
import { machineFormatVersion, VERSION_2_FEATURES } from './format-version.js';
import { baseFlow } from '../test/helpers.js';

describe('machine format version', () => {
  it('a flow without a feature of format 2 compiles to formatVersion 1', () => {
    const result = compileFlow(baseFlow());
    expect(result.ok).toBe(true);
    expect(result.machine!.meta.vm.formatVersion).toBe(1);
    expect(machineFormatVersion(result.machine!)).toBe(1);
  });

  it('each feature predicate is false for a version-1 machine', () => {
    const machine = compileFlow(baseFlow()).machine!;
    for (const [name, uses] of Object.entries(VERSION_2_FEATURES)) expect(uses(machine), name).toBe(false);
  });

  it('the runtime runs 1 and 2 and refuses a newer machine with one clear issue', () => {
    const machine = compileFlow(baseFlow()).machine! as MachineJson;
    const v2 = structuredClone(machine);
    v2.meta.vm.formatVersion = 2;
    expect(() => loadMachine(v2)).not.toThrow();
    const v3 = structuredClone(machine) as unknown as { meta: { vm: { formatVersion: number } } };
    v3.meta.vm.formatVersion = MAX_FORMAT_VERSION + 1;
    const issues = validateMachine(v3);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/formatVersion 3 is newer than this runtime runs \(1 to 2\)/);
  });
});

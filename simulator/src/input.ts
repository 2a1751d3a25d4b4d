/** Checks of what a tester starts a simulation with, before the runtime would throw on them. */
import { valueTypeMismatch, type JsonValue, type LoadedMachine } from '@voiceman/runtime';

/** Problems of start values for the process's own variables (empty: usable). */
export function inputProblems(machine: LoadedMachine, input: Record<string, JsonValue> | undefined): string[] {
  const types = machine.scopes.main?.types ?? {};
  return Object.entries(input ?? {}).flatMap(([name, value]) => {
    if (!Object.hasOwn(types, name)) return [`input "${name}" is not a variable of process "${machine.meta.processKey}"`];
    const mismatch = valueTypeMismatch(value, types[name]!);
    return mismatch ? [`input "${name}": ${mismatch}`] : [];
  });
}

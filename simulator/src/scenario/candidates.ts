/**
 * What a generated path may say at a waiting ask, drawn from the ask's own vocabulary: one
 * phrase per outcome, yes and no (read-backs), digits of the right length (the values the
 * dialog holds, e.g. check digits from the WMS, and a wrong one), numbers in range and out of
 * it, the global words and the ask's own words, silence and unclear speech (the escalation paths).
 */
import { NO_WORDS, YES_WORDS, type JsonValue, type Lang, type LoadedMachine } from '@voiceman/runtime';
import type { SimInput, SimView } from '../types.js';

function collect(value: JsonValue | undefined, strings: Set<string>, numbers: Set<number>, depth = 0): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === 'string') strings.add(value);
  else if (typeof value === 'number') numbers.add(value);
  else if (Array.isArray(value)) for (const v of value.slice(0, 20)) collect(v, strings, numbers, depth + 1);
  else if (typeof value === 'object') for (const v of Object.values(value)) collect(v, strings, numbers, depth + 1);
}

export function candidateInputs(machine: LoadedMachine, view: SimView): SimInput[] {
  const e = view.expecting;
  if (!e) return [];
  const lang: Lang = e.language;
  const texts = new Set<string>();
  const ask = machine.asks[e.stateId];
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const scope of Object.values(view.variables)) collect(scope as JsonValue, strings, numbers);
  for (const o of ask?.outcomes ?? []) {
    const g = o.grammar;
    if (g.type === 'phrases') {
      const p = g.phrases[lang]?.[0];
      if (p) texts.add(p);
    } else if (g.type === 'yes') texts.add(YES_WORDS[lang][0]!);
    else if (g.type === 'no') texts.add(NO_WORDS[lang][0]!);
    else if (g.type === 'digits') {
      const fits = (s: string) => /^\d+$/.test(s) && s.length >= g.minLength && s.length <= g.maxLength;
      const known = [...strings].filter(fits).concat([...numbers].map(String).filter(fits)).slice(0, 4);
      for (const k of known) texts.add(k.split('').join(' '));
      const wrong = ['1', '2', '3'].map((d) => d.repeat(g.minLength)).find((w) => !known.includes(w))!;
      texts.add(wrong.split('').join(' '));
    } else if (g.type === 'number') {
      const min = g.min ?? 0;
      const inRange = (n: number) => Number.isInteger(n) && n >= min && (g.max === undefined || n <= g.max);
      const picks = new Set<number>([min, ...[...numbers].filter(inRange).slice(0, 6)]);
      if (g.max !== undefined) picks.add(g.max + 1);
      for (const n of [...numbers].filter(inRange).slice(0, 2)) picks.add(n + 1);
      for (const n of picks) texts.add(String(n));
    }
  }
  // Read-backs ("Operator 4 2 7, correct?") wait in the same state for yes or no.
  texts.add(YES_WORDS[lang][0]!);
  texts.add(NO_WORDS[lang][0]!);
  for (const w of [...(machine.meta.globalWords ?? []), ...(ask?.words ?? [])]) {
    const p = w.phrases[lang]?.[0];
    if (p) texts.add(p);
  }
  return [...[...texts].map((text): SimInput => ({ kind: 'speech', text })), { kind: 'silence' }, { kind: 'unclear' }];
}

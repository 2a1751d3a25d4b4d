/**
 * How deep a JSON value nests, found without recursion. Recursive walkers (JSON Schema
 * validators, canonical JSON, CEL value conversion) overflow the call stack on a value nested
 * a few thousand levels deep, so the compiler and the loader refuse such input first. A cyclic
 * object (handed in through an API, not JSON) counts as too deep.
 */
export interface DepthProblem {
  /** JSON pointer of the first value below the limit. */
  path: string;
  message: string;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function depthProblem(value: unknown, maxDepth: number): DepthProblem | null {
  // One frame per open container: its entries and how far we are through them.
  const frames: { entries: [string, unknown][]; next: number }[] = [];
  const open = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    // Object.entries for arrays too: holes are skipped, odd own keys (`__proto__`) are seen.
    const entries = Object.entries(v as object);
    frames.push({ entries, next: 0 });
  };
  open(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.entries.length) {
      frames.pop();
      continue;
    }
    const child = frame.entries[frame.next++]![1];
    if (child === null || typeof child !== 'object') continue;
    if (frames.length >= maxDepth) {
      const path = frames.map((f) => '/' + escape(f.entries[f.next - 1]![0])).join('');
      return { path, message: `the value nests deeper than ${maxDepth} levels at ${path}` };
    }
    open(child);
  }
  return null;
}

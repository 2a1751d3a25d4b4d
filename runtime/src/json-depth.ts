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
  // Fast pass without allocation per object: values and their depths on two stacks.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    for (const key in v) {
      const child = v[key];
      if (child === null || typeof child !== 'object') continue;
      if (depth + 1 >= maxDepth) return locate(value, maxDepth);
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return null;
}

/** The slow pass, only for a value known to be too deep: the path to the first culprit. */
function locate(value: unknown, maxDepth: number): DepthProblem {
  const frames: { entries: [string, unknown][]; next: number }[] = [];
  const open = (v: unknown) => frames.push({ entries: Object.entries(v as object), next: 0 });
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
  // Only through inherited enumerable keys, which JSON never has.
  return { path: '', message: `the value nests deeper than ${maxDepth} levels` };
}

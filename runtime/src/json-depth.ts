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

/**
 * Limits up to which the check recurses: a walk that stops descending at `maxDepth` never has
 * more than `maxDepth` frames, and recursion is about twice as fast as an explicit stack (no
 * push/pop per object; the loader runs this over every machine it loads). Larger limits walk
 * with a stack.
 */
const RECURSION_LIMIT = 1000;

export function depthProblem(value: unknown, maxDepth: number): DepthProblem | null {
  if (value === null || typeof value !== 'object') return null;
  const deep = maxDepth <= RECURSION_LIMIT ? nestsDeeper(value, 1, maxDepth) : nestsDeeperIteratively(value, maxDepth);
  return deep ? locate(value, maxDepth) : null;
}

/** Whether a child of `v` (at `depth`) reaches `maxDepth`; arrays by index (JSON arrays have no other keys). */
function nestsDeeper(v: object, depth: number, maxDepth: number): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const child: unknown = v[i];
      if (child === null || typeof child !== 'object') continue;
      if (depth >= maxDepth || nestsDeeper(child, depth + 1, maxDepth)) return true;
    }
    return false;
  }
  for (const key in v) {
    const child = (v as Record<string, unknown>)[key];
    if (child === null || typeof child !== 'object') continue;
    if (depth >= maxDepth || nestsDeeper(child, depth + 1, maxDepth)) return true;
  }
  return false;
}

/** The same walk without recursion: values and their depths on two stacks. */
function nestsDeeperIteratively(value: object, maxDepth: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    for (const key in v) {
      const child = v[key];
      if (child === null || typeof child !== 'object') continue;
      if (depth + 1 >= maxDepth) return true;
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
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

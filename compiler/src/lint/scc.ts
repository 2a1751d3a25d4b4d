/**
 * Strongly connected components (Tarjan's algorithm, iterative so that a 10,000-node chain
 * does not overflow the call stack). Bookkeeping lives in typed arrays indexed by position in
 * `ids`, and the explicit stack holds positions: a 10,000-node lint allocates a few arrays
 * here instead of a frame object and a successor list per node.
 */
export function stronglyConnected(ids: readonly string[], successors: (id: string) => Iterable<string>): string[][] {
  const n = ids.length;
  const position = new Map<string, number>();
  for (let i = 0; i < n; i++) position.set(ids[i]!, i);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  // The DFS path: each frame is a node and the iterator over its successors.
  const pathNode = new Int32Array(n);
  const pathNext: (Iterator<string> | undefined)[] = new Array(n);
  let depth = 0;
  const components: string[][] = [];
  let counter = 0;

  const open = (v: number) => {
    index[v] = low[v] = counter++;
    stack[top++] = v;
    onStack[v] = 1;
    pathNode[depth] = v;
    pathNext[depth++] = successors(ids[v]!)[Symbol.iterator]();
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    open(root);
    while (depth > 0) {
      const v = pathNode[depth - 1]!;
      const step = pathNext[depth - 1]!.next();
      if (!step.done) {
        const w = position.get(step.value);
        if (w === undefined) continue; // not among `ids`
        if (index[w] === -1) open(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      pathNext[--depth] = undefined;
      if (depth > 0) {
        const parent = pathNode[depth - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        const component: string[] = [];
        let member: number;
        do {
          member = stack[--top]!;
          onStack[member] = 0;
          component.push(ids[member]!);
        } while (member !== v);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

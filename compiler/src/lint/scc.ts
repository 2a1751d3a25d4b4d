/**
 * Strongly connected components (Tarjan's algorithm, iterative so that a 10,000-node chain
 * does not overflow the call stack).
 */
export function stronglyConnected(ids: readonly string[], successors: (id: string) => string[]): string[][] {
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const allowed = new Set(ids);

  for (const root of ids) {
    if (indexOf.has(root)) continue;
    const work: { id: string; next: string[]; i: number }[] = [];
    const open = (id: string) => {
      indexOf.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: successors(id).filter((s) => allowed.has(s)), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.next.length) {
        const succ = frame.next[frame.i++]!;
        if (!indexOf.has(succ)) open(succ);
        else if (onStack.has(succ)) low.set(frame.id, Math.min(low.get(frame.id)!, indexOf.get(succ)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === indexOf.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

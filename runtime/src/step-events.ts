/**
 * The dialog events of each microstep: a `variable` event per changed variable and a
 * `transition` event when the leaf state changed (or was left and entered again). The driver
 * reports every microstep's result here (from the step hooks, job-sink.ts), and after each
 * actor call the snapshot it ended in.
 */
import type { DialogContext } from './context.js';
import type { EventEmitter } from './emitter.js';

export class StepEvents {
  /** The leaf state last reported (null before the first). */
  leaf: string | null = null;
  /** The variables last reported: XState contexts are immutable, so an unchanged scope is the same object. */
  vars: DialogContext['vars'];

  constructor(
    private readonly events: EventEmitter,
    vars: DialogContext['vars'],
  ) {
    this.vars = vars;
  }

  /** Records the transition and variable changes of one microstep, ending in `leaf` with `ctx`. */
  observe(leaf: string, ctx: DialogContext, eventType: string, reentered = false): void {
    if (ctx.vars !== this.vars) {
      for (const [scope, values] of Object.entries(ctx.vars)) {
        const before = this.vars[scope] ?? {};
        if (values === before) continue;
        for (const name in values) {
          const value = values[name]!;
          const previous = before[name] ?? null;
          if (value === previous) continue;
          // Distinct primitives always differ; only objects need their JSON compared.
          const objects = (typeof value === 'object' && value !== null) || (typeof previous === 'object' && previous !== null);
          if (!objects || JSON.stringify(previous) !== JSON.stringify(value)) this.events.emit('variable', leaf, { scope, name, value, previous });
        }
      }
      this.vars = ctx.vars;
    }
    if (leaf !== this.leaf || reentered) {
      this.events.emit('transition', leaf, { from: this.leaf, to: leaf, event: eventType });
      this.leaf = leaf;
    }
  }
}

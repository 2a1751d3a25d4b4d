/**
 * Inspection: the one place that reads XState's inspection events (`@xstate.actor`,
 * `@xstate.event`, `@xstate.snapshot`, `@xstate.microstep`; XState 6 renames them). Embedders
 * (the simulator, a Stately inspector bridge) see only `DialogInspectionEvent`.
 */
import type { AnyMachineSnapshot, InspectionEvent } from 'xstate';

export interface InspectedSnapshot {
  status: string;
  /** The state value (state keys are state ids). */
  value: unknown;
  context: unknown;
}

export interface InspectedEvent {
  type: string;
  [key: string]: unknown;
}

export interface InspectedTransition {
  /** `''` for an eventless (`always`) transition. */
  eventType: string;
  source: string;
  targets: string[];
  reenter: boolean;
}

interface InspectionBase {
  /** The dialog's session id: the machine spawns no children, so there is one actor. */
  actorId: string;
}

export type DialogInspectionEvent =
  /** The actor was created (its first snapshot follows as a `snapshot` event). */
  | (InspectionBase & { type: 'actor' })
  | (InspectionBase & { type: 'event'; event: InspectedEvent; sourceId: string | null })
  | (InspectionBase & { type: 'snapshot'; event: InspectedEvent; snapshot: InspectedSnapshot })
  | (InspectionBase & { type: 'microstep'; event: InspectedEvent; snapshot: InspectedSnapshot; transitions: InspectedTransition[] });

/** Receives every inspection event of a dialog, synchronously, while the machine steps. */
export type DialogInspector = (event: DialogInspectionEvent) => void;

function snapshotOf(s: unknown): InspectedSnapshot {
  const snap = s as Partial<AnyMachineSnapshot> | undefined;
  return { status: String(snap?.status ?? 'active'), value: snap?.value ?? null, context: snap?.context ?? null };
}

function transitionsOf(ev: Extract<InspectionEvent, { type: '@xstate.microstep' }>): InspectedTransition[] {
  return (ev._transitions ?? []).map((t) => ({
    eventType: t.eventType,
    source: t.source.id,
    targets: (t.target ?? []).map((n) => n.id),
    reenter: !!t.reenter,
  }));
}

/** Adapts one XState inspection event; `null` for kinds we do not pass on. */
export function adaptInspection(ev: InspectionEvent, actorId: string): DialogInspectionEvent | null {
  switch (ev.type) {
    case '@xstate.actor':
      // Its snapshot cannot be read yet: XState reports the actor while it initialises.
      return { type: 'actor', actorId };
    case '@xstate.event': {
      const source = ev.sourceRef as { sessionId?: string } | undefined;
      return { type: 'event', actorId, event: ev.event as InspectedEvent, sourceId: source?.sessionId ?? null };
    }
    case '@xstate.snapshot':
      return { type: 'snapshot', actorId, event: ev.event as InspectedEvent, snapshot: snapshotOf(ev.snapshot) };
    case '@xstate.microstep':
      return { type: 'microstep', actorId, event: ev.event as InspectedEvent, snapshot: snapshotOf(ev.snapshot), transitions: transitionsOf(ev) };
    default:
      return null;
  }
}

/**
 * The observer `createActor(…, { inspect })` gets when an embedder asks to inspect a dialog.
 * The driver itself records microsteps through the loader's step hooks (job-sink.ts), so a
 * dialog without an inspector pays nothing for inspection. XState's public inspection events
 * carry no transitions; the microstep's `_transitions` (underscored, present since v5.0) is
 * the only source for an embedder's view of them, so it is read here and only here.
 */
export function inspectionObserver(inspector: DialogInspector, actorId: string): (ev: InspectionEvent) => void {
  return (ev) => {
    try {
      const adapted = adaptInspection(ev, actorId);
      if (adapted) inspector(adapted);
    } catch {
      // An inspector is an observer: its failure must not change the dialog.
    }
  };
}

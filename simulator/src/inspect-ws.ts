/**
 * `@voiceman/simulator/inspect`: shows a simulation in a Stately inspector listening on a
 * WebSocket (any URL the tester gives). A separate entry: the core does not pull in the
 * inspector's WebSocket client. Works in the browser (native WebSocket) and in Node (`ws`).
 */
import { createWebSocketInspector } from '@statelyai/inspect';
import type { DialogInspectionEvent, DialogInspector, LoadedMachine } from '@voiceman/runtime';

export interface WebSocketInspection {
  /** Pass as `inspect` to `createSimulation`. */
  inspect: DialogInspector;
  /** Closes the connection; later events are dropped. */
  stop(): void;
}

export interface WebSocketInspectionOptions {
  /** Sent with the actor so the inspector can draw the state chart. */
  machine?: LoadedMachine;
}

/** The inspector's own id for an actor: a string, or an actor-like object that carries the chart. */
type ActorLike = Parameters<ReturnType<typeof createWebSocketInspector>['actor']>[0];

export function connectWebSocketInspector(url: string, options: WebSocketInspectionOptions = {}): WebSocketInspection {
  // No URL class in the core's types (no DOM, no Node): the shape is enough, the socket parses it.
  if (!/^wss?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i.test(url)) throw new TypeError(`"${url}" is not a WebSocket URL (ws://host:port or wss://…)`);
  const inspector = createWebSocketInspector({ url });
  let stopped = false;
  const inspect = (e: DialogInspectionEvent) => {
    if (stopped) return;
    switch (e.type) {
      case 'actor': {
        // An actor-like object: the inspector reads the chart from `logic.config`.
        const actor = { sessionId: e.actorId, id: e.actorId, logic: { config: options.machine?.json } } as unknown as ActorLike;
        inspector.actor(options.machine ? actor : e.actorId);
        return;
      }
      case 'event':
        inspector.event(e.actorId, e.event, e.sourceId ? { source: e.sourceId } : {});
        return;
      case 'snapshot':
        inspector.snapshot(e.actorId, e.snapshot as never, { event: e.event });
        return;
      case 'microstep':
        // No Stately counterpart: the macrostep's snapshot follows.
        return;
    }
  };
  return {
    inspect,
    stop() {
      stopped = true;
      inspector.stop();
    },
  };
}

/**
 * One simulation panel's state: the run settings, the simulation session (in the page or on the
 * server, both behind `SimulationSession`) and the latest `SimView`. Framework-free (a vanilla
 * zustand store, like the editor store); the React views only select from it and call actions.
 *
 * Operations on the session are serialised: a chip clicked while the previous answer is still
 * being processed is sent after it, in order, never interleaved.
 */
import { createStore } from 'zustand/vanilla';
import type { JsonValue, Lang } from '@voiceman/runtime';
import type { SimInput, SimView, SimulationSession, WmsStubs } from '@voiceman/simulator';
import type { StubForm } from './stub-form.js';

export type ClockMode = 'virtual' | 'real';
export type RunWhere = 'page' | 'server';

export interface RunSettings {
  language: Lang;
  clock: ClockMode;
  where: RunWhere;
  /** Input variables the run starts with (typed values). */
  input: Record<string, JsonValue>;
  /** Operator id the session's events carry ('' = none). */
  operatorId: string;
  stubs: WmsStubs;
  /** Confidence of typed answers; null = the simulator's default. */
  confidence: number | null;
  /** A Stately inspector's WebSocket URL the next in-page run reports to, or null. */
  inspectUrl: string | null;
  /** The browser's microphone and speech synthesis (off by default; text always works). */
  voice: boolean;
}

/** A new panel's settings: the process's first language, virtual time, in the page, nothing stubbed. */
export function initialSettings(language: Lang): RunSettings {
  return { language, clock: 'virtual', where: 'page', input: {}, operatorId: '', stubs: {}, confidence: null, inspectUrl: null, voice: false };
}

/** Why a session could not be created, in a form the panel can show (compile problems listed). */
export class SimStartError extends Error {
  constructor(
    message: string,
    readonly problems: { message: string; nodeId?: string }[] = [],
  ) {
    super(message);
  }
}

/** What the panel uses of a session: in the page (`createSimulation`) or on the server. */
export type PanelSession = Pick<SimulationSession, 'start' | 'send' | 'stepBack' | 'restart' | 'view' | 'subscribe' | 'dispose'>;

/** Creates (and starts nothing yet) a session for these settings: compiles the flow, etc. */
export type SessionFactory = (settings: RunSettings) => Promise<PanelSession>;

export interface SimState {
  settings: RunSettings;
  phase: 'idle' | 'starting' | 'running' | 'failed';
  /** An operation is on its way to the session. */
  busy: boolean;
  view: SimView | null;
  error: string | null;
  problems: { message: string; nodeId?: string }[];
  /** Transcript entry (seq) whose details are open, e.g. a WMS call's bodies. */
  openEntry: number | null;
  /** What the tester is editing for the next run: input variables as text, WMS stub answers. */
  inputText: Record<string, string>;
  /** The site settings that prefill `inputText` (e.g. the WMS address) are on their way. */
  inputsLoading: boolean;
  stubForm: StubForm;

  setSettings(change: Partial<RunSettings>): void;
  /** Starts a fresh run with the current settings (disposing any earlier one). */
  start(): Promise<void>;
  send(input: SimInput): Promise<void>;
  /** A typed or recognised answer, with the panel's confidence when one is set. */
  say(text: string, confidence?: number): Promise<void>;
  stepBack(toStep: number): Promise<void>;
  restart(): Promise<void>;
  stop(): void;
  toggleEntry(seq: number): void;
  setInputText(name: string, text: string): void;
  /** Runs `load` (which fills `inputText`) with `inputsLoading` set meanwhile, failed or not. */
  loadInputs(load: () => Promise<void>): Promise<void>;
  setStubForm(change: (form: StubForm) => StubForm): void;
}

export type SimStore = ReturnType<typeof createSimStore>;

export function createSimStore(factory: SessionFactory, initial: RunSettings, initialInputText: Record<string, string> = {}) {
  let session: PanelSession | null = null;
  let unsubscribe: (() => void) | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** Operations queued or running (busy while any is). */
  let pending = 0;
  /** Bumped by start/stop, so an answer that arrives for a disposed session is dropped. */
  let generation = 0;

  const store = createStore<SimState>()((set, get) => {
    const fail = (err: unknown) =>
      set({
        error: err instanceof Error ? err.message : String(err),
        problems: err instanceof SimStartError ? err.problems : [],
      });

    /** Runs `op` on the session after every earlier operation, and shows the view it returns. */
    const enqueue = (op: (s: PanelSession) => Promise<SimView>): Promise<void> => {
      const gen = generation;
      if (!session) return Promise.resolve();
      pending++;
      set({ busy: true });
      queue = queue.then(async () => {
        try {
          if (!session || gen !== generation) return;
          const view = await op(session);
          if (gen === generation) set({ view, error: null });
        } catch (err) {
          if (gen === generation) fail(err);
        } finally {
          if (gen === generation && --pending === 0) set({ busy: false });
        }
      });
      return queue;
    };

    return {
      settings: initial,
      phase: 'idle',
      busy: false,
      view: null,
      error: null,
      problems: [],
      openEntry: null,
      inputText: initialInputText,
      inputsLoading: false,
      stubForm: {},

      setSettings(change) {
        set({ settings: { ...get().settings, ...change } });
      },

      async start() {
        get().stop();
        const gen = generation;
        set({ phase: 'starting', busy: true, error: null, problems: [] });
        try {
          const created = await factory(get().settings);
          if (gen !== generation) return created.dispose();
          session = created;
          // A real-time clock moves the run on its own (a silence timeout fires).
          unsubscribe = created.subscribe((view) => {
            if (gen === generation) set({ view });
          });
          const view = await created.start();
          if (gen !== generation) return;
          set({ view, phase: 'running', busy: false });
        } catch (err) {
          if (gen !== generation) return;
          fail(err);
          set({ phase: 'failed', busy: false });
        }
      },

      send(input) {
        return enqueue((s) => s.send(input));
      },

      say(text, confidence) {
        const trimmed = text.trim();
        if (!trimmed) return Promise.resolve();
        const c = confidence ?? get().settings.confidence;
        return get().send(c === null ? { kind: 'speech', text: trimmed } : { kind: 'speech', text: trimmed, confidence: c });
      },

      stepBack(toStep) {
        set({ openEntry: null });
        return enqueue((s) => s.stepBack(toStep));
      },

      restart() {
        set({ openEntry: null });
        return enqueue((s) => s.restart());
      },

      stop() {
        generation++;
        unsubscribe?.();
        unsubscribe = null;
        session?.dispose();
        session = null;
        queue = Promise.resolve();
        pending = 0;
        set({ phase: 'idle', busy: false, view: null, openEntry: null });
      },

      toggleEntry(seq) {
        set({ openEntry: get().openEntry === seq ? null : seq });
      },

      setInputText(name, text) {
        set({ inputText: { ...get().inputText, [name]: text } });
      },

      async loadInputs(load) {
        set({ inputsLoading: true });
        try {
          await load();
        } finally {
          set({ inputsLoading: false });
        }
      },

      setStubForm(change) {
        set({ stubForm: change(get().stubForm) });
      },
    };
  });
  return store;
}

export const selectView = (s: SimState) => s.view;
export const selectSettings = (s: SimState) => s.settings;

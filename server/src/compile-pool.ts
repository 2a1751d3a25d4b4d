/**
 * Compiling a large draft takes seconds of CPU (a 20,000-node flow: several seconds): on the
 * event loop it would hold up event ingest and /healthz the whole time. Validate and publish
 * compile in worker threads through piscina, with a time budget: a compile over it is
 * stopped (its worker terminated) and answered 503 `compile_timeout`; when every worker is
 * busy and the queue is full, 503 `compile_busy`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { CompileResult } from '@voiceman/compiler';
import type { CompileInput, CompileRunner } from './compile.js';
import { HttpError } from './errors.js';

export interface CompilePoolOptions {
  /** Milliseconds one compile (queue wait included) may take. */
  timeoutMs?: number;
  /** Worker threads at most (they start on demand and stop when idle). */
  threads?: number;
  /** Compiles waiting for a thread at most; more are refused with 503. */
  maxQueue?: number;
}

export interface CompilePool extends CompileRunner {
  readonly timeoutMs: number;
  close(): Promise<void>;
}

const envNumber = (name: string): number | undefined => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

export function compilePoolDefaults(): Required<CompilePoolOptions> {
  return {
    timeoutMs: envNumber('VOICEMAN_COMPILE_TIMEOUT_MS') ?? 30_000,
    threads: envNumber('VOICEMAN_COMPILE_THREADS') ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    maxQueue: envNumber('VOICEMAN_COMPILE_QUEUE') ?? 32,
  };
}

/**
 * A worker module (`base`, default the compile worker): the built `.js` beside this file, or, when the server runs
 * from its TypeScript sources (tests, tsx), `compile-worker.ts` through tsx with the
 * workspaces' `source` export condition (the sources, as the test runner uses them).
 */
export function workerEntry(base: URL = new URL('./compile-worker.js', import.meta.url)): { filename: string; execArgv: string[] } {
  if (existsSync(fileURLToPath(base))) return { filename: base.href, execArgv: [] };
  return { filename: new URL(base.href.replace(/\.js$/, '.ts')).href, execArgv: ['--import', 'tsx', '--conditions=source'] };
}

let running = 0;
/** Compiles handed to a pool of this process and not yet answered (tests watch it). */
export const compilesRunning = (): number => running;

export function createCompilePool(options: CompilePoolOptions = {}): CompilePool {
  const settings = { ...compilePoolDefaults(), ...options };
  const { filename, execArgv } = workerEntry();
  const piscina = new Piscina<CompileInput, CompileResult>({
    filename,
    execArgv,
    minThreads: 0,
    maxThreads: settings.threads,
    idleTimeout: 60_000,
  });
  // Counted here rather than with piscina's `maxQueue`: piscina 5.3 does not apply that limit
  // to tasks given an abort signal, and every compile here has one (its time budget).
  let inPool = 0;
  const busy = () => new HttpError(503, 'compile_busy', 'the server is compiling too many drafts at once; try again in a few seconds');
  return {
    timeoutMs: settings.timeoutMs,
    async run(input) {
      if (inPool >= settings.threads + settings.maxQueue) throw busy();
      const signal = AbortSignal.timeout(settings.timeoutMs);
      inPool += 1;
      running += 1;
      try {
        return await piscina.run(input, { signal });
      } catch (error) {
        if (signal.aborted) {
          throw new HttpError(503, 'compile_timeout', `compiling took longer than ${settings.timeoutMs / 1000} s and was stopped; a draft this large may need splitting into subflows`);
        }
        if (/task queue/i.test((error as Error).message)) throw busy();
        throw error;
      } finally {
        inPool -= 1;
        running -= 1;
      }
    },
    close: () => piscina.close({ force: true }),
  };
}

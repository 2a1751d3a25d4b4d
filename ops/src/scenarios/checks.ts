/** A scenario's outcome: named checks that pass or fail, and the figures it measured. */
export interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioResult {
  name: string;
  checks: Check[];
  figures: Record<string, unknown>;
  seconds: number;
}

export const check = (what: string, ok: boolean, detail: string): Check => ({ what, ok, detail });

/** Prints every check; true when all passed. */
export function report(results: ScenarioResult[]): boolean {
  let ok = true;
  for (const r of results) {
    console.log(`\n${r.name} (${r.seconds.toFixed(0)} s)`);
    for (const c of r.checks) {
      ok &&= c.ok;
      console.log(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.what}: ${c.detail}`);
    }
    console.log(`  figures: ${JSON.stringify(r.figures)}`);
  }
  return ok;
}

/** Runs `fn` with a time limit; `cleanup` runs whatever happens. */
export async function bounded<T>(name: string, limitMs: number, fn: () => Promise<T>, cleanup: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: over its time limit of ${limitMs / 1000} s`)), limitMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await cleanup().catch((err: Error) => console.error(`${name}: cleanup failed: ${err.message}`));
  }
}

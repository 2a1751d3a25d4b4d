import { useCallback, useEffect, useState } from 'react';

/** Loads `fn` now and on `reload()`; the error as text (the server's message). */
export function useLoad<T>(fn: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const load = useCallback(fn, deps);
  useEffect(() => {
    let live = true;
    load().then((d) => live && (setData(d), setError(undefined)), (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [load, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

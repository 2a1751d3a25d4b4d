/**
 * Small pieces the console's admin sections share (fleet, users, reference, audit): loading a
 * resource with its error, an error line, a relative time. Tables are styled in admin.css.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import './admin.css';

export interface Resource<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads `load()` now, again on `reload()` or when `key` changes; `everyMs` polls. */
export function useResource<T>(load: () => Promise<T>, key: string, everyMs?: number): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (d) => live && (setData(d), setError(undefined), setLoading(false)),
      (e: unknown) => live && (setError(messageOf(e)), setLoading(false)),
    );
    return () => {
      live = false;
    };
    // `load` is recreated each render; `key` says when what it loads changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  useEffect(() => {
    if (!everyMs) return;
    const id = setInterval(reload, everyMs);
    return () => clearInterval(id);
  }, [everyMs, reload]);
  return { data, error, loading, reload };
}

/** The server's own message (it names what is wrong), else the error's text. */
export const messageOf = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

export function ErrorLine({ error, testId }: { error: string | undefined; testId?: string }) {
  return error ? <p className="vm-error" role="alert" data-testid={testId}>{error}</p> : null;
}

/** Runs an action, keeping its error for display and a busy flag. */
export function useAction() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, clear: () => setError(undefined) };
}

/** A timestamp as the reader's local date and time. */
export const localTime = (iso: string | null | undefined, lang: 'en' | 'ru') => (iso ? new Date(iso).toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB') : '—');

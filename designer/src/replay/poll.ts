/** Polls a running replay until it ends (every ~300 ms), handing each report to `onReport`. */
import type { ReplayApi, ReplayReport } from './replay-api.js';

export function pollReplay(api: Pick<ReplayApi, 'get'>, id: string, onReport: (r: ReplayReport) => void, onError: (e: unknown) => void, intervalMs = 300): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const report = await api.get(id);
      if (stopped) return;
      onReport(report);
      if (report.status === 'running') timer = setTimeout(() => void tick(), intervalMs);
    } catch (error) {
      if (!stopped) onError(error);
    }
  };
  void tick();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

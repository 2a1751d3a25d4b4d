/**
 * Replay jobs, in memory: the sessions a filter picks from the dialog log, replayed on a draft
 * or a version by the simulator's replay engine, with progress while it runs. A job is a
 * report to look at now (not a record to keep): it lives until the server restarts, for an
 * hour after it ends, or until its owner starts more than `keep` others.
 */
import { randomUUID } from 'node:crypto';
import type { LoadedMachine } from '@voiceman/runtime';
import { replaySession, replaySessions, type ReplayOptions, type ReplayOutcome, type SessionReplay } from '@voiceman/simulator';
import { HttpError } from '../errors.js';
import type { PickedSession, ReplayFilter, ReplaysRepository } from '../repositories/replays.js';
import type { StoredEvent } from '../repositories/events.js';

export interface ReplayLimits {
  /** Jobs one user may have running at once (default 2). */
  perUser?: number;
  /** Jobs kept per user, running or ended (default 20): the oldest ended ones go first. */
  keep?: number;
  /** Ended jobs are dropped this long after they end (default 1 h). */
  ttlMs?: number;
}

export type ReplayTarget = 'draft' | number;

export type SessionVerdict = PickedSession & ReplayOutcome;

export interface ReplayJob {
  id: string;
  userId: number;
  processKey: string;
  filter: ReplayFilter;
  target: ReplayTarget;
  versionHash: string;
  status: 'running' | 'done' | 'failed';
  error?: string;
  total: number;
  done: number;
  totals: { same: number; diverged: number; inconclusive: number };
  /** Replayed sessions, in the order picked (newest first). */
  sessions: SessionVerdict[];
  startedAt: string;
  finishedAt: string | null;
}

/** What a job needs from the server: the log, the machine, each site's dialog options. */
export interface ReplaySources {
  repo: ReplaysRepository;
  machine: LoadedMachine;
  versionHash: string;
  /** The dialog options a session at `siteId` gets (input, settings, secrets); cached per job. */
  siteOptions(siteId: string): Promise<Omit<ReplayOptions, 'machine' | 'versionHash'>>;
  /** Stored events with the site's secrets hidden. */
  redact(siteId: string, events: StoredEvent[]): Promise<StoredEvent[]>;
}

/** Sessions loaded and replayed together (one events query each). */
const CHUNK = 200;
/**
 * Sessions in flight at once. Each replayed step gives the event loop a turn; with 8 in flight
 * the server's other requests waited p50 6.5 ms, p99 81 ms in the benchmark (32: 42 / 195 ms),
 * at no cost in throughput (the work is CPU-bound either way).
 */
const CONCURRENCY = 8;

interface Running {
  job: ReplayJob;
  sources: ReplaySources;
  options: Map<string, Promise<Omit<ReplayOptions, 'machine' | 'versionHash'>>>;
  /** Where each picked session is in `job.sessions` once replayed. */
  order: Map<string, number>;
}

export class ReplayJobs {
  private readonly jobs = new Map<string, Running>();
  private closed = false;
  private readonly perUser: number;
  private readonly keep: number;
  private readonly ttlMs: number;

  constructor(limits: ReplayLimits = {}) {
    this.perUser = limits.perUser ?? 2;
    this.keep = limits.keep ?? 20;
    this.ttlMs = limits.ttlMs ?? 3_600_000;
  }

  start(userId: number, filter: ReplayFilter, target: ReplayTarget, sources: ReplaySources): ReplayJob {
    this.expire();
    const mine = [...this.jobs.values()].filter((r) => r.job.userId === userId);
    if (mine.filter((r) => r.job.status === 'running').length >= this.perUser) {
      throw new HttpError(429, 'too_many_replays', `at most ${this.perUser} replays may run at once per user; wait for one to finish`);
    }
    // Oldest ended first, so the new one fits within `keep`.
    for (const r of mine.filter((x) => x.job.status !== 'running').slice(0, Math.max(0, mine.length + 1 - this.keep))) this.jobs.delete(r.job.id);
    const job: ReplayJob = {
      id: randomUUID(), userId, processKey: filter.processKey, filter, target, versionHash: sources.versionHash,
      status: 'running', total: 0, done: 0, totals: { same: 0, diverged: 0, inconclusive: 0 }, sessions: [],
      startedAt: new Date().toISOString(), finishedAt: null,
    };
    const running: Running = { job, sources, options: new Map(), order: new Map() };
    this.jobs.set(job.id, running);
    void this.run(running).then(
      () => this.finish(job, 'done'),
      (error: unknown) => this.finish(job, 'failed', error instanceof Error ? error.message : String(error)),
    );
    return job;
  }

  /** The job if `userId` started it (or `admin`); else 404, as for a job that never was. */
  get(id: string, userId: number, admin = false): ReplayJob {
    this.expire();
    const r = this.jobs.get(id);
    if (!r || (r.job.userId !== userId && !admin)) throw new HttpError(404, 'not_found', `replay ${id} not found`);
    return r.job;
  }

  /** One session of a job replayed again, with both sides' steps (deterministic: same answer as in the job). */
  async sessionOf(id: string, sessionId: string, userId: number, admin: boolean): Promise<SessionReplay> {
    const job = this.get(id, userId, admin);
    const r = this.jobs.get(job.id)!;
    const at = r.order.get(sessionId);
    const picked = at === undefined ? undefined : job.sessions[at];
    if (!picked) throw new HttpError(404, 'not_found', `session ${sessionId} is not among the replayed sessions of replay ${id}`);
    const events = (await r.sources.repo.events([sessionId])).get(sessionId) ?? [];
    return replaySession(await r.sources.redact(picked.siteId, events), await this.optionsFor(r, picked.siteId));
  }

  close(): void {
    this.closed = true;
  }

  private optionsFor(r: Running, siteId: string): Promise<ReplayOptions> {
    let o = r.options.get(siteId);
    if (!o) {
      o = r.sources.siteOptions(siteId);
      r.options.set(siteId, o);
    }
    return o.then((x) => ({ ...x, machine: r.sources.machine, versionHash: r.sources.versionHash }));
  }

  private async run(r: Running): Promise<void> {
    const { job, sources } = r;
    const picked = await sources.repo.pick(job.filter);
    job.total = picked.length;
    for (let i = 0; i < picked.length && !this.closed; i += CHUNK) {
      const chunk = picked.slice(i, i + CHUNK);
      const events = await sources.repo.events(chunk.map((p) => p.sessionId));
      const items = await Promise.all(chunk.map(async (p) => ({ key: p, events: await sources.redact(p.siteId, events.get(p.sessionId) ?? []) })));
      await replaySessions(items, {
        options: (item) => this.optionsFor(r, item.key.siteId),
        concurrency: CONCURRENCY,
        stopped: () => this.closed,
        onResult: (item, result) => {
          const { verdict, step, reason, expected, actual } = result;
          r.order.set(item.key.sessionId, job.sessions.length);
          job.sessions.push({
            ...item.key, verdict,
            ...(step !== undefined ? { step } : {}), ...(reason !== undefined ? { reason } : {}),
            ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}),
          });
          job.totals[verdict] += 1;
          job.done += 1;
        },
      });
    }
    // Concurrent replays finish out of order: list them as picked.
    const rank = new Map(picked.map((p, i) => [p.sessionId, i]));
    job.sessions.sort((a, b) => rank.get(a.sessionId)! - rank.get(b.sessionId)!);
    job.sessions.forEach((s, i) => r.order.set(s.sessionId, i));
  }

  private finish(job: ReplayJob, status: 'done' | 'failed', error?: string): void {
    job.status = this.closed && status === 'done' && job.done < job.total ? 'failed' : status;
    if (error !== undefined) job.error = error;
    else if (job.status === 'failed') job.error = 'the server stopped before the replay finished';
    job.finishedAt = new Date().toISOString();
  }

  private expire(): void {
    const cutoff = Date.now() - this.ttlMs;
    for (const [id, r] of this.jobs) if (r.job.finishedAt && Date.parse(r.job.finishedAt) < cutoff) this.jobs.delete(id);
  }
}

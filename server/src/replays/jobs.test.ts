import { describe, expect, it } from 'vitest';
import type { LoadedMachine } from '@voiceman/runtime';
import type { ReplaysRepository } from '../repositories/replays.js';
import { ReplayJobs, type ReplaySources } from './jobs.js';

/** No session is ever picked here, so no machine runs. */
const machine = {} as LoadedMachine;
const filter = { processKey: 'case-pick', limit: 10 };

/** A log with no sessions whose selection waits until `release` (a job that stays running). */
function sources() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const repo = {
    pick: async () => {
      await gate;
      return [];
    },
    events: async () => new Map(),
  } as unknown as ReplaysRepository;
  const s: ReplaySources = { repo, machine, versionHash: 'h', siteOptions: async () => ({}), redact: async (_site, events) => events };
  return { s, release };
}

const settle = async (jobs: ReplayJobs, id: string, user: number) => {
  for (let i = 0; i < 100 && jobs.get(id, user).status === 'running'; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('replay jobs', () => {
  it('refuses a user more running jobs than the limit with 429, others are not held back', async () => {
    const jobs = new ReplayJobs({ perUser: 1 });
    const a = sources();
    const first = jobs.start(1, filter, 'draft', a.s);
    expect(() => jobs.start(1, filter, 'draft', sources().s)).toThrow(expect.objectContaining({ statusCode: 429, code: 'too_many_replays' }));
    expect(jobs.start(2, filter, 'draft', sources().s).status).toBe('running');
    a.release();
    await settle(jobs, first.id, 1);
    expect(jobs.get(first.id, 1)).toMatchObject({ status: 'done', total: 0, done: 0 });
    expect(jobs.start(1, filter, 'draft', sources().s).status).toBe('running');
  });

  it('shows a job to its starter and admins only, and keeps the newest ended ones', async () => {
    const jobs = new ReplayJobs({ keep: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const x = sources();
      const job = jobs.start(7, filter, 1, x.s);
      x.release();
      await settle(jobs, job.id, 7);
      ids.push(job.id);
    }
    expect(() => jobs.get(ids[0]!, 7)).toThrow(expect.objectContaining({ statusCode: 404 }));
    expect(jobs.get(ids[2]!, 7).target).toBe(1);
    expect(() => jobs.get(ids[2]!, 8)).toThrow(expect.objectContaining({ statusCode: 404 }));
    expect(jobs.get(ids[2]!, 8, true).id).toBe(ids[2]);
  });

  it('fails a job whose selection fails, with the reason', async () => {
    const jobs = new ReplayJobs();
    const s: ReplaySources = { ...sources().s, repo: { pick: async () => Promise.reject(new Error('database gone')), events: async () => new Map() } as unknown as ReplaysRepository };
    const job = jobs.start(1, filter, 'draft', s);
    await settle(jobs, job.id, 1);
    expect(jobs.get(job.id, 1)).toMatchObject({ status: 'failed', error: 'database gone' });
  });
});

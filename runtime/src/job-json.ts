/**
 * The JSON text of the jobs a session record holds, the same bytes as `JSON.stringify`. An ask
 * job (the job of nearly every step) is written field by field: `JSON.stringify` walking its
 * nested object generically was a tenth of a dialog event (bench, profile), about twice this.
 */
import type { AskJob, Job } from './jobs.js';

const str = JSON.stringify;

function texts(list: string[]): string {
  if (list.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < list.length; i++) out += (i === 0 ? '' : ',') + str(list[i]);
  return out + ']';
}

function hasOwn(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** In the order ask.ts builds the job (`help` last), so the text equals `JSON.stringify(job)`. */
function askJson(j: AskJob): string {
  const kept = keptParts(j);
  return kept.head + str(j.prompt) + kept.tail;
}

const headJson = (j: AskJob) => `{"kind":"ask","stateId":${str(j.stateId)},"language":${str(j.language)},"prompt":`;

function tailJson(j: AskJob): string {
  return (
    `,"noInput":{"reprompts":${texts(j.noInput.reprompts)},"maxAttempts":${str(j.noInput.maxAttempts)}}` +
    `,"noMatch":{"reprompts":${texts(j.noMatch.reprompts)},"maxAttempts":${str(j.noMatch.maxAttempts)}}` +
    `,"bounds":${hasOwn(j.bounds) ? str(j.bounds) : '{}'},"timeoutMs":${str(j.timeoutMs)},"minConfidence":${str(j.minConfidence)}` +
    (j.help === undefined ? '}' : `,"help":${str(j.help)}}`)
  );
}

/*
 * Everything but the prompt is, for most asks, the same at every visit of the state (fixed
 * reprompts and help, no CEL bounds, the same settings): its text is kept per state id and
 * reused when the new job's fields equal those it was made from (compared, never assumed).
 */
const tails = new Map<string, { job: AskJob; head: string; tail: string }>();
const TAILS_KEPT = 1000;

const sameList = (a: string[], b: string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
const samePolicy = (a: AskJob['noInput'], b: AskJob['noInput']) => a.maxAttempts === b.maxAttempts && sameList(a.reprompts, b.reprompts);

function keptParts(j: AskJob): { head: string; tail: string } {
  let kept = tails.get(j.stateId);
  if (kept !== undefined) {
    const k = kept.job;
    if (k.language === j.language && k.timeoutMs === j.timeoutMs && k.minConfidence === j.minConfidence && k.help === j.help && samePolicy(k.noInput, j.noInput) && samePolicy(k.noMatch, j.noMatch) && !hasOwn(j.bounds) && !hasOwn(k.bounds)) return kept;
  }
  if (tails.size >= TAILS_KEPT) tails.clear();
  tails.set(j.stateId, (kept = { job: j, head: headJson(j), tail: tailJson(j) }));
  return kept;
}

/**
 * An ask job as ask.ts makes it (nine fields, `help` a tenth): anything else, such as a record
 * written by another version, is written generically, so no field is ever dropped.
 */
function isPlainAsk(job: Job): job is AskJob {
  if (job.kind !== 'ask') return false;
  const j = job as Partial<AskJob>;
  if (j.stateId === undefined || j.language === undefined || j.prompt === undefined || j.noInput === undefined || j.noMatch === undefined || j.bounds === undefined || j.timeoutMs === undefined || j.minConfidence === undefined) return false;
  let n = 0;
  for (const _ in job) n++;
  return n === (j.help === undefined ? 9 : 10);
}

/**
 * The texts of the jobs written last, by identity: jobs are never changed once queued, and one
 * job is written in several saves (queued, then current while its progress is saved, then in
 * its back-up entry). A few slots suffice; a WeakMap's set per job cost more than it saved.
 */
const RECENT = 8;
const recentJobs: (Job | null)[] = new Array<Job | null>(RECENT).fill(null);
const recentTexts: string[] = new Array<string>(RECENT).fill('');
let next = 0;

export function jobJson(job: Job | null): string {
  if (job === null) return 'null';
  for (let i = 0; i < RECENT; i++) if (recentJobs[i] === job) return recentTexts[i]!;
  const text = isPlainAsk(job) ? askJson(job) : str(job);
  recentJobs[next] = job;
  recentTexts[next] = text;
  next = (next + 1) % RECENT;
  return text;
}

export function jobsJson(jobs: Job[]): string {
  if (jobs.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < jobs.length; i++) out += (i === 0 ? '' : ',') + jobJson(jobs[i]!);
  return out + ']';
}

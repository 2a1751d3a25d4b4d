/**
 * Locks a username after repeated wrong passwords: `maxFailures` within `windowMs` lock it for
 * `lockMs`, during which even the right password is refused (429 + Retry-After). A success
 * clears the count. In memory, per server process, bounded to `maxEntries` names.
 *
 * Why not @fastify/rate-limit here: it counts requests; a lockout counts failures and resets on
 * a success (that library limits the login attempts per IP, see plugins/security.ts).
 */
export interface LockoutOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  maxEntries?: number;
}

export const DEFAULT_LOCKOUT: LockoutOptions = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export class LoginLockout {
  private readonly entries = new Map<string, { failures: number[]; lockedUntil: number }>();
  constructor(private readonly opts: LockoutOptions = DEFAULT_LOCKOUT) {}

  /** Milliseconds `name` stays locked (0 = not locked). */
  lockedFor(name: string, now = Date.now()): number {
    const e = this.entries.get(name.toLowerCase());
    return e && e.lockedUntil > now ? e.lockedUntil - now : 0;
  }

  /** Records a wrong password; returns the milliseconds `name` is now locked for (0 = not yet). */
  failed(name: string, now = Date.now()): number {
    const key = name.toLowerCase();
    const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    this.entries.delete(key);
    e.failures = e.failures.filter((t) => now - t < this.opts.windowMs);
    e.failures.push(now);
    if (e.failures.length >= this.opts.maxFailures) {
      e.lockedUntil = now + this.opts.lockMs;
      e.failures = [];
    }
    this.entries.set(key, e);
    // Oldest first (Map keeps insertion order, and every touch re-inserts).
    while (this.entries.size > (this.opts.maxEntries ?? 10_000)) this.entries.delete(this.entries.keys().next().value!);
    return Math.max(0, e.lockedUntil - now);
  }

  succeeded(name: string): void {
    this.entries.delete(name.toLowerCase());
  }
}

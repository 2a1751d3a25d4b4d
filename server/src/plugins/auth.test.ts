import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import access, { browserScope, TerminalTokenCache, terminalScope } from './auth.js';
import type { UsersRepository } from '../repositories/users.js';
import type { Terminal, TerminalsRepository } from '../repositories/terminals.js';

// Only the lookups the hooks call; the full repositories run in test/*.test.ts against real databases.
const users = { userForSession: async () => undefined } as unknown as UsersRepository;
function terminalsWith(known: Record<string, Terminal>) {
  let lookups = 0;
  const repo = { byToken: async (token: string) => (lookups++, known[token] && { terminal: known[token], validUntil: null }) } as unknown as TerminalsRepository;
  return { repo, lookups: () => lookups };
}

describe('access scopes', () => {
  it('a browser scope refuses a terminal route, a terminal scope refuses any other level', async () => {
    const start = async (scope: typeof browserScope | typeof terminalScope, opts: object, level: 'terminal' | 'public') => {
      const app = Fastify();
      await app.register(access);
      await app.register(async (s) => {
        await s.register(scope as typeof browserScope, opts as { users: UsersRepository });
        s.get('/api/x', { config: { access: level } }, async () => 'x');
      });
      await app.ready();
    };
    await expect(start(browserScope, { users }, 'terminal')).rejects.toThrow(/access terminal cannot be served in the browser scope/);
    await expect(start(terminalScope, { terminals: terminalsWith({}).repo }, 'public')).rejects.toThrow(/access public cannot be served in the terminal scope/);
    await expect(start(terminalScope, { terminals: terminalsWith({}).repo }, 'terminal')).resolves.toBeUndefined();
  });

  it('the terminal scope remembers a token, answers 401 for a missing or unknown one, and parses no cookies', async () => {
    const t = terminalsWith({ good: { id: 't1', siteId: 's1', name: 'T' } });
    const app = Fastify();
    await app.register(access);
    await app.register(async (s) => {
      await s.register(terminalScope, { terminals: t.repo, tokenCache: new TerminalTokenCache() });
      s.get('/api/t', { config: { access: 'terminal' } }, async (req) => ({ id: req.terminal?.id, cookies: (req as { cookies?: unknown }).cookies ?? null }));
    });
    const ok = await app.inject({ url: '/api/t', headers: { authorization: 'Bearer good', cookie: 'vm_session=abc' } });
    expect(ok.json()).toEqual({ id: 't1', cookies: null });
    await app.inject({ url: '/api/t', headers: { authorization: 'Bearer good' } });
    expect(t.lookups()).toBe(1);
    expect((await app.inject({ url: '/api/t', headers: { authorization: 'Bearer bad' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/t' })).statusCode).toBe(401);
    expect(t.lookups()).toBe(2);
    await app.close();
  });
});

/**
 * The CLI's way into a server's package routes: a session token (`--token` / `VOICEMAN_TOKEN`,
 * the `vm_session` cookie value a login returns) or a login with `VOICEMAN_USERNAME` and
 * `VOICEMAN_PASSWORD` (logged out again afterwards). The server's browser API is cookie-based,
 * so the token travels as that cookie.
 */
export interface ServerOptions {
  url: string;
  token?: string;
  username?: string;
  password?: string;
}

/** An answer of the server that is not a success: its `{code, message}`. */
export class ServerError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly body: Record<string, unknown> = {}) {
    super(message);
  }
}

async function answer(res: Response): Promise<unknown> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ServerError(res.status, 'not_json', `the server answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) {
    const b = (body ?? {}) as { code?: string; message?: string };
    throw new ServerError(res.status, b.code ?? 'error', b.message ?? `HTTP ${res.status}`, b as Record<string, unknown>);
  }
  return body;
}

export interface Session {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function openSession(opts: ServerOptions): Promise<Session> {
  const base = opts.url.replace(/\/+$/, '');
  const request = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(token ? { cookie: `vm_session=${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ServerError(0, 'unreachable', `cannot reach ${base}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
    }
    return res;
  };
  let token = opts.token;
  let loggedIn = false;
  if (!token) {
    if (!opts.username || !opts.password) {
      throw new ServerError(0, 'no_credentials', 'give a token (--token or VOICEMAN_TOKEN) or VOICEMAN_USERNAME and VOICEMAN_PASSWORD');
    }
    const res = await request('POST', '/api/auth/login', undefined, { username: opts.username, password: opts.password });
    await answer(res);
    token = /vm_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new ServerError(res.status, 'no_session', 'the server accepted the login but set no session cookie');
    loggedIn = true;
  }
  return {
    call: async <T>(method: string, path: string, body?: unknown) => (await answer(await request(method, path, token, body))) as T,
    close: async () => {
      if (loggedIn) await request('POST', '/api/auth/logout', token).catch(() => undefined);
    },
  };
}

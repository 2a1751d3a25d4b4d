/**
 * HTTP to the Voiceman server, over a list of servers (main, standby): a request goes to the one
 * that answered last; a network failure or a 502/503/504 moves on to the next and so on once
 * round the list. Bearer token once paired.
 */
export interface ServerClientOptions {
  servers: string[];
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Told after every request: did any server answer? */
  onReachable?: (reachable: boolean) => void;
}

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`HTTP ${status}${body && typeof body === 'object' && 'message' in body ? `: ${String((body as { message: unknown }).message)}` : ''}`);
    this.name = 'HttpError';
  }
}

export interface ServerResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: unknown;
}

const RETRY_ELSEWHERE = new Set([502, 503, 504]);

export class ServerClient {
  servers: string[];
  token: string | null;
  private current = 0;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly onReachable: ((reachable: boolean) => void) | undefined;

  constructor(options: ServerClientOptions) {
    this.servers = options.servers.map((s) => s.replace(/\/+$/, ''));
    this.token = options.token ?? null;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.onReachable = options.onReachable;
  }

  get server(): string {
    return this.servers[this.current] ?? '';
  }

  /** Any status comes back; only when no server answered does it throw NetworkError. */
  async request(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; raw?: boolean } = {}): Promise<ServerResponse> {
    if (this.servers.length === 0) throw new NetworkError('no server configured');
    let lastError = 'unreachable';
    for (let i = 0; i < this.servers.length; i++) {
      const index = (this.current + i) % this.servers.length;
      const base = this.servers[index]!;
      const headers: Record<string, string> = { ...options.headers };
      if (this.token) headers.authorization = `Bearer ${this.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.timeoutMs);
      try {
        const res = await this.fetchImpl(base + path, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: abort.signal,
        });
        if (RETRY_ELSEWHERE.has(res.status) && i < this.servers.length - 1) {
          lastError = `HTTP ${res.status} from ${base}`;
          continue;
        }
        this.current = index;
        this.onReachable?.(true);
        let body: unknown = null;
        if (options.raw) body = new Uint8Array(await res.arrayBuffer());
        else {
          const text = await res.text();
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
        }
        return { status: res.status, headers: res.headers, body };
      } catch (error) {
        lastError = `${base}: ${(error as Error).message}`;
      } finally {
        clearTimeout(timer);
      }
    }
    this.onReachable?.(false);
    throw new NetworkError(lastError);
  }

  /** `request` that throws HttpError unless 2xx. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body === undefined ? {} : { body });
    if (res.status < 200 || res.status >= 300) throw new HttpError(res.status, res.body);
    return res.body as T;
  }
}

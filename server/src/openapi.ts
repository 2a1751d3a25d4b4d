/**
 * What /docs says about answers: @fastify/swagger names every response without a description
 * "Default Response". Each status the API uses means one thing everywhere (errors.ts gives
 * every error the same `{ code, message }` shape), so its description is written once here and
 * given to every route's response that has none of its own. Docs only: validation and
 * serialization use the route's schema as it is.
 */
const STATUS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  204: 'Done; no body',
  304: 'Not modified: the ETag sent in If-None-Match is still current',
  400: 'The request breaks the schema or a rule; `code` says which (`invalid_request`, `invalid_characters`, `too_deep`, …)',
  401: 'Not logged in, or no valid terminal token (`unauthenticated`, `bad_credentials`)',
  403: "Logged in without the role this needs (`forbidden`), or the one-time password is not changed yet",
  404: 'No such resource (`not_found`)',
  409: 'Conflicts with the current state (a stale revision, a taken key, a deployed process); the body says what is current',
  413: "The body is over this route's limit (`body_too_large`)",
  422: 'Understood but refused: the flow has errors or calls an unpublished subflow (with `diagnostics`)',
  429: 'Too many requests or attempts; Retry-After says when to try again',
  503: 'Unavailable for now: the compile timed out or its queue is full, or the database does not answer',
};

interface RouteSchema {
  response?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** @fastify/swagger's `transform`: every response gets its status's description unless it has one. */
export function describeResponses({ schema, url }: { schema: unknown; url: string }) {
  const s = schema as RouteSchema | undefined;
  if (!s?.response) return { schema: s, url };
  const response = Object.fromEntries(Object.entries(s.response).map(([status, r]) => [
    status,
    typeof r.description === 'string' ? r : { ...r, description: STATUS[status] ?? `HTTP ${status}` },
  ]));
  return { schema: { ...s, response }, url };
}

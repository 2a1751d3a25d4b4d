import { PROCESS_KEY_PATTERN, PROCESS_KEY_RULE } from '@voiceman/compiler';
import type { FastifyError } from 'fastify';

/** An error the API answers as JSON `{ code, message, ...details }` with `statusCode`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

export interface ErrorReply {
  statusCode: number;
  body: { code: string; message: string; [detail: string]: unknown };
  /** An unexpected error: log it (the client only reads `internal_error`). */
  unexpected?: boolean;
}

/** Fastify's own errors, in the documented shape (`docs/api.md`) instead of Fastify's `{error, code, statusCode}`. */
const FRAMEWORK: Record<string, (err: FastifyError) => Omit<ErrorReply, 'unexpected'>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => ({ statusCode: 413, body: { code: 'body_too_large', message: 'the request body is larger than this route accepts' } }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => ({ statusCode: 415, body: { code: 'unsupported_media_type', message: 'send application/json' } }),
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => ({ statusCode: 400, body: { code: 'invalid_json', message: `the body is not valid JSON: ${e.message}` } }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => ({ statusCode: 400, body: { code: 'invalid_json', message: 'the body is empty; send a JSON document' } }),
  FST_ERR_BAD_URL: () => ({ statusCode: 400, body: { code: 'invalid_url', message: 'the URL is not valid (bad percent-encoding?)' } }),
  FST_ERR_MAX_PARAM_LENGTH: () => ({ statusCode: 414, body: { code: 'uri_too_long', message: 'a path segment of the URL is too long' } }),
};

/** Every error the server answers, in one shape. */
export function errorReply(err: FastifyError | HttpError | Error): ErrorReply {
  if (err instanceof HttpError) return { statusCode: err.statusCode, body: { code: err.code, message: err.message, ...err.details } };
  const e = err as FastifyError;
  if (e.validation) {
    // A process key that breaks the rule: say the rule, not "body/key must match pattern …".
    // (Reference tables and environments share the pattern but not the name: only keys get this.)
    const badKey = e.validation.find((v) => v.keyword === 'pattern' && /\/(key|processKey)$/.test(v.instancePath) && (v.params as { pattern?: unknown }).pattern === PROCESS_KEY_PATTERN);
    if (badKey) {
      const where = `${e.validationContext ?? 'request'}${badKey.instancePath.replaceAll('/', '.')}`;
      return { statusCode: 400, body: { code: 'invalid_key', message: `${where} is not a valid process key: ${PROCESS_KEY_RULE}`, pattern: PROCESS_KEY_PATTERN } };
    }
    return {
      statusCode: 400,
      body: { code: 'invalid_request', message: `${e.validationContext ?? 'request'}${e.message.replace(/^(body|querystring|params|headers)/, '')}` },
    };
  }
  const framework = e.code ? FRAMEWORK[e.code] : undefined;
  if (framework) return framework(e);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 429) return { statusCode: 429, body: { code: 'rate_limited', message: e.message } };
    return { statusCode: e.statusCode, body: { code: 'bad_request', message: e.message } };
  }
  return { statusCode: 500, body: { code: 'internal_error', message: 'something went wrong on the server' }, unexpected: true };
}

import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { jsonProblem } from '../guards/text.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route checks each item of its body on its own (event ingest: one bad event is
     * refused by name, the rest of the batch lands), so the whole-body guard skips the body.
     */
    checksItems?: boolean;
  }
}

/**
 * Before any schema validation or SQL: a body, query string or path parameter holding a
 * string PostgreSQL cannot store (NUL, lone surrogate) or nested deeper than MAX_JSON_DEPTH is
 * one clear 400, never a 500 from the database halfway through a write.
 */
async function inputGuard(app: FastifyInstance) {
  app.addHook('preValidation', (req, _reply, done) => {
    const parts: [string, unknown][] = [['params', req.params], ['querystring', req.query]];
    if (!req.routeOptions.config?.checksItems) parts.push(['body', req.body]);
    for (const [where, value] of parts) {
      const problem = jsonProblem(value);
      if (problem) {
        const code = problem.kind === 'depth' ? 'too_deep' : 'invalid_characters';
        return done(new HttpError(400, code, `${where}: ${problem.message}`, { where, path: problem.path }));
      }
    }
    done();
  });
}
export default fp(inputGuard, { name: 'input-guard' });

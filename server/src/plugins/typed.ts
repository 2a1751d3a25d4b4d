import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';

/**
 * A route file's Fastify with the JSON Schema type provider: a route's `schema` is its type
 * (params, querystring, body, headers, and what each status may answer), so no route restates
 * its request as a generic. Routes that still pass `app.get<{ Body: … }>` keep compiling on the
 * plain instance; move them here one file at a time.
 */
export const typed = (app: FastifyInstance) => app.withTypeProvider<JsonSchemaToTsProvider>();

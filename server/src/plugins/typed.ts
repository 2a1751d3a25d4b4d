import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';

/**
 * What a route's schema types as: JSON Schema's own types, except that a `format: 'binary'`
 * string in a response is bytes (a download answers with a Buffer, which fastify sends as it is).
 */
type Provider = JsonSchemaToTsProvider<{
  SerializerSchemaOptions: { deserialize: [{ pattern: { type: 'string'; format: 'binary' }; output: Buffer }] };
}>;

/**
 * A route file's Fastify with the JSON Schema type provider: a route's `schema` is its type
 * (params, querystring, body, headers, and what each status may answer), so no route restates
 * its request as a generic.
 */
export const typed = (app: FastifyInstance) => app.withTypeProvider<Provider>();

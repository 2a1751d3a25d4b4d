/**
 * JSON Schemas of the mock WMS's requests and responses. Fastify validates bodies against them
 * (unknown fields are refused, types are not coerced) and @fastify/swagger publishes them as
 * OpenAPI at /docs.
 */

export const errorSchema = {
  type: 'object',
  description: 'Every error: a stable snake_case code and a sentence a person reads.',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', examples: ['operator_not_found'] },
    message: { type: 'string' },
  },
} as const;

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, errorSchema])) as Record<number, typeof errorSchema>;

export const idParam = (name: string, description: string) =>
  ({
    type: 'object',
    required: [name],
    properties: { [name]: { type: 'string', minLength: 1, maxLength: 40, description } },
  }) as const;

const text = {
  type: 'object',
  required: ['en', 'ru'],
  properties: { en: { type: 'string' }, ru: { type: 'string' } },
} as const;

export const operatorSchema = {
  type: 'object',
  required: ['id', 'name', 'active', 'signedOn'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string', description: 'Latin, as records and reports show it.' },
    nameRu: { type: 'string', description: 'The name in Cyrillic for Russian prompts; absent when none is on file.' },
    active: { type: 'boolean' },
    signedOn: { type: 'boolean' },
  },
} as const;

/** A location as the terminal announces it. */
export const locationSchema = {
  type: 'object',
  required: ['id', 'type', 'aisle', 'slot', 'level', 'checkDigits'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: ['pick', 'reserve', 'door', 'receiving'] },
    aisle: { type: 'string', description: 'Spoken as "aisle <aisle>".' },
    slot: { type: 'string', description: 'Spoken as "slot <slot>".' },
    level: { type: ['string', 'null'], description: 'Rack level of reserve locations ("level <level>"); null at pick faces.' },
    checkDigits: { type: 'string', pattern: '^[0-9]{2,3}$', description: 'Printed at the location, read aloud by the operator.' },
  },
} as const;

const stockSchema = {
  type: 'object',
  required: ['locationId', 'skuId', 'quantity'],
  properties: { locationId: { type: 'string' }, skuId: { type: 'string' }, quantity: { type: 'integer' } },
} as const;

export const skuSchema = {
  type: 'object',
  required: ['id', 'description', 'unitsPerCase'],
  properties: { id: { type: 'string' }, description: text, unitsPerCase: { type: 'integer' } },
} as const;

export const pickSchema = {
  type: 'object',
  description: 'One line of a pick assignment, flattened for the voice dialog.',
  required: ['id', 'locationId', 'aisle', 'slot', 'checkDigits', 'skuId', 'description', 'quantity', 'status'],
  properties: {
    id: { type: 'string' },
    locationId: { type: 'string' },
    aisle: { type: 'string' },
    slot: { type: 'string' },
    checkDigits: { type: 'string' },
    skuId: { type: 'string' },
    description: text,
    quantity: { type: 'integer', description: 'Cases requested.' },
    picked: { type: ['integer', 'null'], description: 'Cases confirmed; null while open.' },
    reasonCode: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['open', 'done'] },
    skips: { type: 'integer' },
  },
} as const;

export const assignmentSchema = {
  type: 'object',
  required: ['id', 'orderId', 'customer', 'status', 'pickCount', 'remaining', 'doorId', 'doorNumber', 'doorCheckDigits'],
  properties: {
    id: { type: 'string' },
    orderId: { type: 'string' },
    customer: { type: 'string' },
    status: { type: 'string', enum: ['open', 'in_progress', 'done', 'delivered'] },
    pickCount: { type: 'integer' },
    remaining: { type: 'integer', description: 'Open picks.' },
    caseCount: { type: 'integer', description: 'Cases requested over all picks.' },
    doorId: { type: 'string' },
    doorNumber: { type: 'string', description: 'Spoken as "door <doorNumber>".' },
    doorCheckDigits: { type: 'string' },
  },
} as const;

export const putawaySchema = {
  type: 'object',
  required: ['id', 'lpn', 'skuId', 'description', 'quantity', 'location', 'status'],
  properties: {
    id: { type: 'string' },
    lpn: { type: 'string', description: 'License plate of the pallet; the last four digits are spoken.' },
    lpnTail: { type: 'string' },
    skuId: { type: 'string' },
    description: text,
    quantity: { type: 'integer' },
    location: locationSchema,
    status: { type: 'string' },
  },
} as const;

export const replenishmentSchema = {
  type: 'object',
  required: ['id', 'skuId', 'description', 'quantity', 'from', 'to', 'status'],
  properties: {
    id: { type: 'string' },
    skuId: { type: 'string' },
    description: text,
    quantity: { type: 'integer' },
    from: locationSchema,
    to: locationSchema,
    status: { type: 'string' },
  },
} as const;

export const countSchema = {
  type: 'object',
  description: 'A blind count of one SKU (`skuId`) at one location: the expected quantity is not disclosed.',
  required: ['id', 'skuId', 'description', 'location', 'status'],
  properties: {
    id: { type: 'string' },
    skuId: { type: 'string' },
    description: text,
    location: locationSchema,
    status: { type: 'string' },
  },
} as const;

const nullable = <S extends object>(schema: S) => ({ anyOf: [schema, { type: 'null' }] }) as const;

export const operatorBody = {
  type: 'object',
  required: ['operatorId'],
  additionalProperties: false,
  properties: { operatorId: { type: 'string', minLength: 1, maxLength: 20 } },
} as const;

/**
 * "The operator's next piece of work": every kind of task is asked for the same way, answered
 * `{ available, <field> }` with the field null when there is no work.
 */
const nextWorkRoute = (o: { tag: string; summary: string; description?: string; field: string; schema: object }) => ({
  tags: [o.tag],
  summary: o.summary,
  ...(o.description ? { description: o.description } : {}),
  body: operatorBody,
  response: {
    200: {
      type: 'object',
      required: ['available', o.field],
      properties: { available: { type: 'boolean' }, [o.field]: nullable(o.schema) },
    },
    ...errors(400, 404, 409),
  },
});

const quantityBody = {
  type: 'object',
  required: ['operatorId', 'quantity'],
  additionalProperties: false,
  properties: {
    operatorId: { type: 'string', minLength: 1, maxLength: 20 },
    quantity: { type: 'integer', minimum: 0, maximum: 100000 },
  },
} as const;

export const schemas = {
  health: {
    tags: ['system'],
    summary: 'Liveness',
    response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
  },
  reasonCodes: {
    tags: ['reference'],
    summary: 'Short-pick reason codes',
    response: {
      200: {
        type: 'object',
        properties: {
          reasonCodes: {
            type: 'array',
            items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'string' }, description: text } },
          },
        },
      },
    },
  },
  sku: {
    tags: ['reference'],
    summary: 'One SKU',
    params: idParam('skuId', 'SKU number'),
    response: { 200: { type: 'object', properties: { sku: skuSchema } }, ...errors(404) },
  },
  location: {
    tags: ['reference'],
    summary: 'A location and its stock',
    params: idParam('locationId', 'Location id, e.g. 12-04A'),
    response: {
      200: { type: 'object', properties: { location: locationSchema, stock: { type: 'array', items: stockSchema } } },
      ...errors(404),
    },
  },
  operator: {
    tags: ['operators'],
    summary: 'One operator',
    params: idParam('operatorId', 'Operator id, spoken digit by digit'),
    response: { 200: { type: 'object', properties: { operator: operatorSchema } }, ...errors(404) },
  },
  signOn: {
    tags: ['operators'],
    summary: 'Sign an operator on (404 unknown, 403 inactive)',
    params: idParam('operatorId', 'Operator id'),
    response: { 200: { type: 'object', properties: { operator: operatorSchema } }, ...errors(403, 404) },
  },
  signOff: {
    tags: ['operators'],
    summary: 'Sign an operator off',
    params: idParam('operatorId', 'Operator id'),
    response: { 200: { type: 'object', properties: { operator: operatorSchema } }, ...errors(404) },
  },
  nextAssignment: nextWorkRoute({
    tag: 'picking',
    summary: "The operator's current or next pick assignment",
    description: 'Always 200: `available: false` with `assignment: null` when there is no work.',
    field: 'assignment',
    schema: assignmentSchema,
  }),
  assignment: {
    tags: ['picking'],
    summary: 'An assignment with all its picks in route order',
    params: idParam('assignmentId', 'Assignment id'),
    response: {
      200: {
        type: 'object',
        properties: { assignment: assignmentSchema, picks: { type: 'array', items: pickSchema } },
      },
      ...errors(404),
    },
  },
  nextPick: {
    tags: ['picking'],
    summary: 'The next open pick in route order',
    description: '`done: true` and `pick: null` once every pick is confirmed: deliver next.',
    params: idParam('assignmentId', 'Assignment id'),
    response: {
      200: {
        type: 'object',
        required: ['done', 'remaining', 'pick'],
        properties: { done: { type: 'boolean' }, remaining: { type: 'integer' }, pick: nullable(pickSchema) },
      },
      ...errors(404),
    },
  },
  confirmPick: {
    tags: ['picking'],
    summary: 'Confirm a pick; a lower quantity is a short and needs a reason code',
    params: idParam('pickId', 'Pick id'),
    body: {
      type: 'object',
      required: ['operatorId', 'quantity'],
      additionalProperties: false,
      properties: {
        operatorId: { type: 'string', minLength: 1, maxLength: 20 },
        quantity: { type: 'integer', minimum: 0, maximum: 100000 },
        reasonCode: { type: 'string', minLength: 1, maxLength: 10, description: 'Required when quantity is below the requested one.' },
      },
    },
    response: { 200: { type: 'object', properties: { pick: pickSchema } }, ...errors(400, 403, 404, 409, 422) },
  },
  skipPick: {
    tags: ['picking'],
    summary: 'Move a pick to the end of the route',
    params: idParam('pickId', 'Pick id'),
    body: operatorBody,
    response: {
      200: { type: 'object', properties: { pick: pickSchema, position: { type: 'integer' } } },
      ...errors(400, 403, 404, 409),
    },
  },
  deliver: {
    tags: ['picking'],
    summary: 'Deliver a fully picked assignment to its door',
    params: idParam('assignmentId', 'Assignment id'),
    body: {
      type: 'object',
      required: ['operatorId', 'doorId'],
      additionalProperties: false,
      properties: { operatorId: { type: 'string', minLength: 1, maxLength: 20 }, doorId: { type: 'string', minLength: 1, maxLength: 20 } },
    },
    response: { 200: { type: 'object', properties: { assignment: assignmentSchema } }, ...errors(400, 403, 404, 409, 422) },
  },
  nextPutaway: nextWorkRoute({
    tag: 'putaway',
    summary: "The operator's next putaway (always 200; `available: false` when none)",
    field: 'task',
    schema: putawaySchema,
  }),
  confirmPutaway: {
    tags: ['putaway'],
    summary: 'Confirm a putaway (the whole pallet)',
    params: idParam('taskId', 'Task id'),
    body: quantityBody,
    response: { 200: { type: 'object', properties: { task: putawaySchema } }, ...errors(400, 403, 404, 409, 422) },
  },
  nextReplenishment: nextWorkRoute({
    tag: 'replenishment',
    summary: "The operator's next replenishment (always 200; `available: false` when none)",
    field: 'task',
    schema: replenishmentSchema,
  }),
  confirmReplenishment: {
    tags: ['replenishment'],
    summary: 'Confirm a replenishment: moves stock from reserve to the pick face',
    params: idParam('taskId', 'Task id'),
    body: quantityBody,
    response: { 200: { type: 'object', properties: { task: replenishmentSchema } }, ...errors(400, 403, 404, 409, 422) },
  },
  nextCount: nextWorkRoute({
    tag: 'cycle count',
    summary: "The operator's next cycle count (always 200; `available: false` when none)",
    field: 'task',
    schema: countSchema,
  }),
  submitCount: {
    tags: ['cycle count'],
    summary: 'Submit a count: `match`, `recount` (first count differs) or `variance` (second count differs; stock adjusted)',
    params: idParam('taskId', 'Task id'),
    body: quantityBody,
    response: {
      200: {
        type: 'object',
        required: ['result', 'attempt'],
        properties: { result: { type: 'string', enum: ['match', 'recount', 'variance'] }, attempt: { type: 'integer' }, task: countSchema },
      },
      ...errors(400, 403, 404, 409),
    },
  },
  reset: {
    tags: ['testing'],
    summary: 'Restore the seed data and clear faults',
    response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
  },
  setFaults: {
    tags: ['testing'],
    summary: 'Make the next `count` requests (under `pathPrefix`) fail with `status` and/or wait `delayMs` (before handling) or `delayResponseMs` (after)',
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: { type: 'integer', minimum: 0, maximum: 599, default: 500, description: 'HTTP status to answer; 0 = answer normally (delay only).' },
        count: { type: 'integer', minimum: 1, maximum: 1000, default: 1 },
        pathPrefix: { type: 'string', default: '/' },
        delayMs: { type: 'integer', minimum: 0, maximum: 60000, default: 0 },
        delayResponseMs: {
          type: 'integer',
          minimum: 0,
          maximum: 60000,
          default: 0,
          description: 'With status 0: handle (apply) the request at once, hold its answer back this long (a reply lost to a client timeout).',
        },
      },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          status: { type: 'integer' },
          count: { type: 'integer' },
          pathPrefix: { type: 'string' },
          delayMs: { type: 'integer' },
          delayResponseMs: { type: 'integer' },
        },
      },
      ...errors(400),
    },
  },
  clearFaults: {
    tags: ['testing'],
    summary: 'Clear injected faults',
    response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
  },
} as const;

/**
 * The package routes' answers as JSON Schema (plain data): the routes answer with them and
 * `api-types.ts` derives the designer's types from them.
 */
export const installationSchema = {
  type: 'object', additionalProperties: false, required: ['installationId', 'publicKey', 'fingerprint', 'requireSignature'],
  properties: { installationId: { type: 'string' }, publicKey: { type: 'string' }, fingerprint: { type: 'string' }, requireSignature: { type: 'boolean' } },
} as const;

export const trustedKeySchema = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'publicKey', 'fingerprint', 'addedAt', 'addedBy'],
  properties: { id: { type: 'integer' }, name: { type: 'string' }, publicKey: { type: 'string' }, fingerprint: { type: 'string' }, addedAt: { type: 'string' }, addedBy: { type: 'string' } },
} as const;

const signer = {
  type: 'object', additionalProperties: false, required: ['status'],
  properties: { status: { type: 'string', enum: ['own', 'trusted', 'untrusted', 'unsigned'] }, name: { type: 'string' }, fingerprint: { type: 'string' } },
} as const;

export const importPlanSchema = {
  type: 'object', additionalProperties: false, required: ['applied', 'source', 'signer', 'items', 'newProcesses', 'counts'],
  properties: {
    applied: { type: 'boolean' },
    source: { type: 'object', additionalProperties: false, required: ['installationId', 'createdAt'], properties: { installationId: { type: 'string' }, createdAt: { type: 'string' } } },
    signer,
    items: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['kind', 'label', 'name', 'number', 'action'],
        properties: {
          kind: { type: 'string', enum: ['version', 'reference'] }, label: { type: 'string' }, name: { type: 'string' }, number: { type: 'integer' },
          hash: { type: 'string' }, action: { type: 'string', enum: ['add', 'present', 'downgrade', 'clash'] }, message: { type: 'string' },
        },
      },
    },
    newProcesses: { type: 'array', items: { type: 'string' } },
    counts: {
      type: 'object', additionalProperties: false, required: ['add', 'present', 'downgrade', 'clash'],
      properties: { add: { type: 'integer' }, present: { type: 'integer' }, downgrade: { type: 'integer' }, clash: { type: 'integer' } },
    },
  },
} as const;

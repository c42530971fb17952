/**
 * JSON Schema of the spec file itself. loadSpec() validates every spec against it, so a typo in
 * spec/*.yaml is reported with the path of the bad entry instead of surfacing later as a wrong check.
 */
const source = { enum: ['model', 'botocore', 'seed', 'example', 'design'] };
/** What every named check of the spec says of itself: an invariant, a client check. */
const checkProperties = { id: { type: 'string', pattern: '^[a-z0-9-]+$' }, strength: { enum: ['required', 'opt-in', 'advisory'] }, evidence: { type: 'string' }, source };
const http = {
  type: 'object',
  required: ['method', 'uri', 'code'],
  additionalProperties: false,
  properties: {
    method: { enum: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] },
    uri: { type: 'string', pattern: '^/' },
    code: { type: 'integer', minimum: 200, maximum: 299 },
  },
};
const bounds = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 0 } },
};
const regex = { type: 'string', minLength: 1, format: 'regex' };
const constraintKinds = { type: 'array', items: { enum: ['required', 'length', 'pattern', 'range', 'enum', 'type', 'syntax'] } };

const shape = {
  type: 'object',
  required: ['type', 'source'],
  properties: { type: { enum: ['structure', 'list', 'string', 'integer', 'enum', 'timestamp', 'boolean'] }, source },
  allOf: [
    {
      if: { properties: { type: { const: 'structure' } } },
      then: {
        required: ['members'],
        additionalProperties: false,
        properties: {
          type: true,
          source: true,
          members: {
            type: 'object',
            minProperties: 1,
            additionalProperties: {
              type: 'object',
              required: ['target'],
              additionalProperties: false,
              properties: { target: { type: 'string' }, required: { type: 'boolean' }, location: { enum: ['label', 'query'] }, queryName: { type: 'string', minLength: 1 } },
              // A query member names its parameter, and only a query member has one.
              if: { properties: { location: { const: 'query' } }, required: ['location'] },
              then: { required: ['queryName'] },
              else: { not: { required: ['queryName'] } },
            },
          },
        },
      },
    },
    {
      if: { properties: { type: { const: 'list' } } },
      then: { required: ['member'], additionalProperties: false, properties: { type: true, source: true, member: { type: 'string' }, length: bounds } },
    },
    {
      if: { properties: { type: { const: 'string' } } },
      then: {
        additionalProperties: false,
        properties: {
          type: true,
          source: true,
          length: bounds,
          pattern: regex,
          sensitive: { type: 'boolean' },
          stricterPattern: { type: 'object', required: ['pattern', 'source'], additionalProperties: false, properties: { pattern: regex, source } },
          fictional: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['shape', 'pattern', 'why'],
              additionalProperties: false,
              properties: {
                shape: { type: 'string' },
                pattern: { ...regex, pattern: '^\\^.*\\$$' },
                why: { type: 'string' },
              },
            },
          },
        },
      },
    },
    {
      if: { properties: { type: { const: 'integer' } } },
      then: { additionalProperties: false, properties: { type: true, source: true, range: bounds } },
    },
    {
      if: { properties: { type: { const: 'enum' } } },
      then: {
        required: ['values'],
        additionalProperties: false,
        properties: { type: true, source: true, values: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } },
      },
    },
    {
      if: { properties: { type: { const: 'boolean' } } },
      then: { additionalProperties: false, properties: { type: true, source: true } },
    },
    {
      if: { properties: { type: { const: 'timestamp' } } },
      then: { required: ['timestampFormat'], additionalProperties: false, properties: { type: true, source: true, timestampFormat: { const: 'date-time' } } },
    },
  ],
};

export const metaSchema = {
  $id: 'https://conformance.local/spec-meta-schema.json',
  type: 'object',
  required: ['specVersion', 'service', 'operation', 'operations', 'cleanup', 'shapes', 'errors', 'errorContract', 'retry', 'oracle', 'lifecycle', 'invariants'],
  additionalProperties: false,
  properties: {
    specVersion: { const: 1 },
    service: {
      type: 'object',
      required: ['name', 'sdkId', 'protocol', 'signingName', 'endpoint', 'source'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        sdkId: { type: 'string' },
        protocol: { const: 'restJson1' },
        signingName: { type: 'string', minLength: 1 },
        endpoint: { type: 'string', pattern: '^https://' },
        source,
        deprecation: { type: 'object', required: ['since', 'source'], additionalProperties: false, properties: { since: { type: 'string', format: 'date' }, source } },
      },
    },
    operation: {
      type: 'object',
      required: ['name', 'http', 'input', 'output', 'errors', 'source'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        http,
        input: { type: 'string' },
        output: { type: 'string' },
        errors: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
        source,
      },
    },
    operations: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['http', 'input', 'errors', 'source'],
        additionalProperties: false,
        properties: {
          http,
          input: { type: 'string' },
          output: { type: 'string' },
          errors: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
          paging: {
            type: 'object',
            required: ['inputToken', 'outputToken', 'items', 'pageSize'],
            additionalProperties: false,
            properties: { inputToken: { type: 'string' }, outputToken: { type: 'string' }, items: { type: 'string' }, pageSize: { type: 'string' } },
          },
          source,
        },
      },
    },
    cleanup: { type: 'object', required: ['operation', 'source'], additionalProperties: false, properties: { operation: { type: 'string' }, source } },
    shapes: { type: 'object', minProperties: 1, additionalProperties: shape },
    errors: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        required: ['status', 'fault', 'source'],
        additionalProperties: false,
        properties: { status: { type: 'integer', minimum: 400, maximum: 599 }, fault: { enum: ['client', 'server'] }, source },
      },
    },
    errorContract: {
      type: 'object',
      required: ['header', 'requestIdHeader', 'bodyMembers', 'source'],
      additionalProperties: false,
      properties: {
        header: { type: 'string', minLength: 1 },
        requestIdHeader: { type: 'string', minLength: 1 },
        bodyMembers: { type: 'object', additionalProperties: { type: 'string' } },
        source,
      },
    },
    retry: {
      type: 'object',
      required: ['errors', 'maxAttempts', 'baseDelayMs', 'maxDelayMs', 'source'],
      additionalProperties: false,
      properties: {
        errors: { type: 'array', uniqueItems: true, items: { type: 'string' } },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
        baseDelayMs: { type: 'integer', minimum: 0 },
        maxDelayMs: { type: 'integer', minimum: 0 },
        source,
      },
    },
    oracle: {
      type: 'object',
      required: ['constraintViolation', 'malformedInput', 'malformedHttp', 'unknownVoiceConnector', 'unknownProxySession', 'unauthenticated', 'unspecified'],
      additionalProperties: false,
      properties: {
        constraintViolation: {
          type: 'object',
          required: ['status', 'error', 'constraints', 'source'],
          additionalProperties: false,
          properties: { status: { type: 'integer' }, error: { type: 'string' }, constraints: constraintKinds, source },
        },
        malformedInput: {
          type: 'object',
          required: ['status', 'constraints', 'source'],
          additionalProperties: false,
          properties: { status: { type: 'integer' }, constraints: constraintKinds, source },
        },
        malformedHttp: {
          type: 'object',
          required: ['oversizeBodyBytes', 'methods', 'unknownPathSegment', 'source'],
          additionalProperties: false,
          properties: {
            oversizeBodyBytes: { type: 'integer', minimum: 1 },
            methods: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[A-Z]+$' } },
            unknownPathSegment: { type: 'string', pattern: '^[a-z0-9-]+$' },
            source,
          },
        },
        unknownVoiceConnector: {
          type: 'object',
          required: ['status', 'error', 'source'],
          additionalProperties: false,
          properties: { status: { type: 'integer' }, error: { type: 'string' }, source },
        },
        unknownProxySession: {
          type: 'object',
          required: ['status', 'error', 'source'],
          additionalProperties: false,
          properties: { status: { type: 'integer' }, error: { type: 'string' }, source },
        },
        unauthenticated: {
          type: 'object',
          required: ['errors', 'source'],
          additionalProperties: false,
          properties: { errors: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } }, source },
        },
        unspecified: {
          type: 'object',
          required: ['source', 'cases'],
          additionalProperties: false,
          properties: {
            source,
            cases: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'why'],
                additionalProperties: false,
                properties: {
                  id: { type: 'string', pattern: '^[a-z0-9-]+$' },
                  operation: { type: 'string' },
                  member: { type: 'string' },
                  why: { type: 'string' },
                  value: true,
                  duplicate: { const: true },
                  above: { type: 'integer' },
                  below: { type: 'integer' },
                  nullOptional: { const: true },
                  identical: { const: true },
                  emptyStrings: { const: true },
                  breaksStricterPattern: { const: true },
                },
                minProperties: 3,
              },
            },
          },
        },
      },
    },
    lifecycle: {
      type: 'object',
      required: ['consistency', 'expired', 'listing', 'cleanupAttempts', 'geoMatch', 'provision', 'source'],
      additionalProperties: false,
      properties: {
        consistency: {
          type: 'object',
          required: ['attempts', 'delayMs', 'maxDelayMs', 'source'],
          additionalProperties: false,
          properties: { attempts: { type: 'integer', minimum: 1, maximum: 20 }, delayMs: { type: 'integer', minimum: 0 }, maxDelayMs: { type: 'integer', minimum: 0 }, source },
        },
        expired: {
          type: 'object',
          required: ['status', 'endedMember', 'slackSeconds', 'source'],
          additionalProperties: false,
          properties: { status: { type: 'string' }, endedMember: { type: 'string' }, slackSeconds: { type: 'integer', minimum: 0, maximum: 300 }, source },
        },
        listing: { type: 'object', required: ['maxPages', 'source'], additionalProperties: false, properties: { maxPages: { type: 'integer', minimum: 1, maximum: 1000 }, source } },
        cleanupAttempts: { type: 'object', required: ['deletes', 'source'], additionalProperties: false, properties: { deletes: { type: 'integer', minimum: 1, maximum: 10 }, source } },
        geoMatch: {
          type: 'object',
          required: ['callingCodes', 'source'],
          additionalProperties: false,
          properties: { callingCodes: { type: 'object', additionalProperties: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } }, source },
        },
        provision: {
          type: 'object',
          required: ['connector', 'proxy', 'operations', 'connectorId', 'source'],
          additionalProperties: false,
          properties: {
            connector: { type: 'object' },
            proxy: { type: 'object' },
            operations: {
              type: 'object',
              required: ['createConnector', 'putProxy', 'deleteProxy', 'deleteConnector'],
              additionalProperties: false,
              properties: { createConnector: { type: 'string' }, putProxy: { type: 'string' }, deleteProxy: { type: 'string' }, deleteConnector: { type: 'string' } },
            },
            connectorId: { type: 'string', pattern: '^(/[A-Za-z0-9_]+)+$' },
            source,
          },
        },
        source,
      },
    },
    clients: {
      type: 'object',
      required: ['minAttempts', 'scenarios', 'backoff', 'retryAfterSlackMs', 'clockSkewSeconds', 'checks', 'source'],
      additionalProperties: false,
      properties: {
        minAttempts: { type: 'integer', minimum: 1, maximum: 20 },
        scenarios: {
          type: 'object',
          required: ['throttles', 'retryAfterSeconds', 'slowAnswerMs', 'pages', 'source'],
          additionalProperties: false,
          properties: {
            throttles: { type: 'integer', minimum: 1, maximum: 10 },
            retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 60 },
            slowAnswerMs: { type: 'integer', minimum: 0, maximum: 60000 },
            pages: {
              type: 'object',
              required: ['sessions', 'pageSize'],
              additionalProperties: false,
              properties: { sessions: { type: 'integer', minimum: 1, maximum: 100 }, pageSize: { type: 'integer', minimum: 1, maximum: 100 } },
            },
            source,
          },
        },
        backoff: {
          type: 'object',
          required: ['turnarounds', 'minMeanMs', 'minRetries'],
          additionalProperties: false,
          properties: { turnarounds: { type: 'number', minimum: 0 }, minMeanMs: { type: 'integer', minimum: 0 }, minRetries: { type: 'integer', minimum: 1 } },
        },
        retryAfterSlackMs: { type: 'integer', minimum: 0 },
        clockSkewSeconds: { type: 'integer', minimum: 1 },
        checks: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['id', 'strength', 'evidence', 'source'],
            additionalProperties: false,
            properties: checkProperties,
          },
        },
        source,
      },
    },
    invariants: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'strength', 'evidence', 'source'],
        additionalProperties: false,
        properties: { ...checkProperties, toleranceSeconds: { type: 'integer', minimum: 1 } },
      },
    },
  },
} as const;

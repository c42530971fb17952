import type { Shape, Spec } from './types.ts';

export type JsonSchema = Record<string, unknown>;

/**
 * Translates one spec shape (and what it targets) into JSON Schema, trait by trait:
 * Smithy @length → minLength/maxLength or minItems/maxItems, @pattern → pattern (unanchored in both),
 * @range → minimum/maximum, enum → enum, @required → required, timestamps (date-time) → format date-time.
 * `labels: 'omit'` leaves out @httpLabel members (they travel in the URI, not the body).
 * `nullableOptional` (for output) admits JSON null for optional members. Extra members stay allowed: clients must ignore unknown output members, and the oracle never asks a
 * server to reject unknown input members.
 */
export function jsonSchemaOf(spec: Spec, shapeName: string, options: { labels?: 'include' | 'omit'; nullableOptional?: boolean } = {}): JsonSchema {
  const shape = spec.shapes[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}`);
  return schemaFor(spec, shape, options.labels ?? 'include', options.nullableOptional ?? false);
}

function schemaFor(spec: Spec, shape: Shape, labels: 'include' | 'omit', nullable: boolean): JsonSchema {
  switch (shape.type) {
    case 'structure': {
      const entries = Object.entries(shape.members).filter(([, m]) => labels === 'include' || m.location !== 'label');
      const required = entries.filter(([, m]) => m.required).map(([name]) => name);
      return {
        type: 'object',
        properties: Object.fromEntries(
          entries.map(([name, m]) => {
            const member = jsonSchemaOf(spec, m.target, { nullableOptional: nullable });
            // Output: an optional member sent as JSON null is absent to AWS SDKs (smithy expectString(null)).
            return [name, nullable && !m.required ? { anyOf: [member, { type: 'null' }] } : member];
          }),
        ),
        ...(required.length > 0 ? { required } : {}),
      };
    }
    case 'list':
      return {
        type: 'array',
        items: jsonSchemaOf(spec, shape.member, { nullableOptional: nullable }),
        ...(shape.length?.min !== undefined ? { minItems: shape.length.min } : {}),
        ...(shape.length?.max !== undefined ? { maxItems: shape.length.max } : {}),
      };
    case 'string':
      return {
        type: 'string',
        ...(shape.length?.min !== undefined ? { minLength: shape.length.min } : {}),
        ...(shape.length?.max !== undefined ? { maxLength: shape.length.max } : {}),
        ...(shape.pattern !== undefined ? { pattern: shape.pattern } : {}),
      };
    case 'integer':
      return {
        type: 'integer',
        ...(shape.range?.min !== undefined ? { minimum: shape.range.min } : {}),
        ...(shape.range?.max !== undefined ? { maximum: shape.range.max } : {}),
      };
    case 'enum':
      return { type: 'string', enum: [...shape.values] };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'boolean':
      return { type: 'boolean' };
  }
}

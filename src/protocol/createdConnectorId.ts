import type { OperationModel } from '../spec/index.ts';
import type { NotSent, TransportFailure, WireResponse } from './types.ts';

/**
 * The id of the voice connector a connector create's answer names (spec /lifecycle/provision/connectorId,
 * a JSON pointer into its output), if it made one: from a 2xx JSON body, or, when the body was too large to
 * read, from the bytes that were read (the connector exists either way and must be removed).
 */
export function createdConnectorId(model: OperationModel, result: WireResponse | TransportFailure | NotSent | undefined): string | undefined {
  if (!result) return undefined;
  const pointer = model.spec.lifecycle.provision.connectorId.split('/').slice(1);
  if ('kind' in result) {
    if (result.kind !== 'too-large') return undefined;
    const member = pointer.at(-1)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`"${member}"\\s*:\\s*"([^"\\\\]{1,256})"`).exec(result.partialBody ?? '')?.[1];
  }
  if (result.status < 200 || result.status > 299) return undefined;
  let value: unknown = result.json;
  for (const key of pointer) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && /\S/.test(value) ? value : undefined;
}

import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import { documentedLimits, validValue, type Documented } from './validValue.ts';

export type Presence = 'random' | 'required' | 'all';

/**
 * A valid, documented request body: required members always, optional members per `presence`.
 * `pinned` replaces the arbitrary of some members (boundaries, one enum value, a violation).
 */
export function validBody(
  model: OperationModel,
  options: { presence?: Presence; pinned?: Record<string, fc.Arbitrary<unknown>>; limits?: Record<string, Documented> } = {},
): fc.Arbitrary<Record<string, unknown>> {
  const presence = options.presence ?? 'random';
  const members = Object.entries(model.bodyMembers);
  const record = Object.fromEntries(
    members.map(([name, m]) => [name, options.pinned?.[name] ?? validValue(model, m.target, { ...documentedLimits(model, name), ...options.limits?.[name] })]),
  );
  const requiredKeys = members.filter(([name, m]) => m.required || presence === 'all' || options.pinned?.[name] !== undefined).map(([n]) => n);
  if (presence === 'required') {
    const kept = Object.fromEntries(Object.entries(record).filter(([name]) => requiredKeys.includes(name)));
    return fc.record(kept) as fc.Arbitrary<Record<string, unknown>>;
  }
  return fc.record(record, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

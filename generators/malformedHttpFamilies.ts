import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import { slug } from './_family.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import type { Case, CaseFamily, RequestCase } from './types.ts';
import { validBody } from './validBody.ts';

/**
 * Requests one operation's HTTP binding gets wrong, derived from the protocol (restJson1) and the spec,
 * each a deterministic family (the same cases whatever --runs):
 * - must reject, for an operation with a body: an empty body (every required member missing: the
 *   oracle's constraintViolation, when the body has required members) and a body that is JSON `null` (a
 *   body that is not an object: malformedInput);
 * - malformed HTTP (spec /oracle/malformedHttp), any answer but a server error: a valid body padded with
 *   JSON whitespace past the size the spec names, each HTTP method no operation binds to the operation's
 *   path, and a path below it that no operation binds.
 * Labels name `ctx`'s connector; a path that names a session gets its session from operationFamilies.
 */
export function malformedHttpFamilies(model: OperationModel, ctx: FamilyContext, kind: 'reject' | 'unspecified', options: { routes?: boolean } = {}): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const families: CaseFamily[] = [];
  const add = (id: string, title: string, familyKind: CaseFamily['kind'], step: RequestCase, covers?: string) => {
    const testCase: Case = { family: id, steps: [step] };
    families.push({ id, title, kind: familyKind, ...(covers ? { covers } : {}), arbitrary: fc.constant(testCase), cases: [testCase] });
  };
  const members = Object.values(model.bodyMembers);
  const malformed = model.spec.oracle.malformedHttp;
  if (kind === 'reject' && members.length > 0) {
    if (members.some((m) => m.required)) {
      const violation = { member: '', constraint: 'required' as const, how: 'an empty body: every required member missing' };
      add(slug('reject', 'body', 'required', 'empty'), `body: required: ${violation.how}`, 'reject', { kind: 'reject', labels, rawBody: '', violation }, '#required');
    }
    const violation = { member: '', constraint: 'type' as const, how: 'the body is JSON null' };
    add(slug('reject', 'body', 'type', 'null'), `body: type: ${violation.how}`, 'reject', { kind: 'reject', labels, rawBody: 'null', violation }, '#type');
  }
  if (kind !== 'unspecified') return families;
  const routes = options.routes ?? true;
  if (members.length > 0) {
    // A valid body, so only its size is unusual; the padding is JSON whitespace, which every parser skips.
    const body = JSON.stringify(fc.sample(validBody(model, { presence: 'required' }), { seed: 0, numRuns: 1 })[0]);
    const rawBody = `${body.slice(0, -1)}${' '.repeat(Math.max(0, malformed.oversizeBodyBytes - body.length))}}`;
    add(slug('unspecified', 'http', 'oversize-body'), `a valid body padded with whitespace to ${malformed.oversizeBodyBytes} bytes (no size limit is modelled)`, 'unspecified', { kind: 'malformed-http', labels, rawBody, unspecified: `a ${malformed.oversizeBodyBytes}-byte body` });
  }
  // Methods no operation of the spec binds to this path, and a path below it that none binds (once per path:
  // `routes` is false for the other operations on a path already tried).
  if (!routes) return families;
  const bound = new Set(Object.keys(model.spec.operations).concat(model.spec.operation.name).map((name) => model.operation(name).http).filter((h) => h.uri === model.http.uri).map((h) => h.method));
  for (const method of malformed.methods.filter((m) => !bound.has(m))) {
    add(slug('unspecified', 'http', 'method', method), `${method} on ${model.http.uri}, which no operation binds`, 'unspecified', { kind: 'malformed-http', labels, method, unspecified: `no operation binds ${method} to ${model.http.uri}` });
  }
  const segment = malformed.unknownPathSegment;
  add(slug('unspecified', 'http', 'unknown-path'), `GET ${model.http.uri}/${segment}, a path no operation binds`, 'unspecified', { kind: 'malformed-http', labels, method: 'GET', pathSuffix: `/${segment}`, unspecified: `no operation binds ${model.http.uri}/${segment}` });
  return families;
}

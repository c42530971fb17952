import fc from 'fast-check';
import type { Case, CaseFamily, CaseKind, RequestCase } from './types.ts';

/** @internal A family whose cases are single requests. */
export function singleRequestFamily(
  id: string,
  title: string,
  kind: CaseKind,
  request: fc.Arbitrary<Omit<RequestCase, 'kind'>>,
  covers?: string,
): CaseFamily {
  return {
    id,
    title,
    kind,
    ...(covers ? { covers } : {}),
    arbitrary: request.map((r): Case => ({ family: id, steps: [{ kind, ...r }] })),
  };
}

/** @internal Family ids are stable, readable slugs: they name the case in reports and on the replay command line. */
export function slug(...parts: (string | number)[]): string {
  return parts
    .map((p) => String(p).replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, ''))
    .filter(Boolean)
    .join('.');
}

export { fc };

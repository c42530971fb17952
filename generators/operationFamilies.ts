import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import { inputFamilies } from './inputFamilies.ts';
import { sessionLabelOf, siblingOperations } from './otherOperations.ts';
import type { Case, CaseFamily, RequestCase } from './types.ts';
import { validBody } from './validBody.ts';

/**
 * The families of the spec's other operations that any run may call (otherOperations.ts: those on one
 * proxy session, and reads), derived from each one's input shape (inputFamilies.ts). A step on one session
 * acts on a session the case itself creates first (RequestCase.sessionFrom), never on anyone else's; only
 * a step that breaks the session label itself needs no session: its one violation is that label. The
 * operations that change a connector have families of their own (connectorFamilies.ts).
 */
export function operationFamilies(model: OperationModel, ctx: FamilyContext, kind: 'accept' | 'reject' | 'unspecified'): CaseFamily[] {
  return siblingOperations(model).flatMap((operation) => inputFamilies(model, operation, ctx, kind).map((f) => onOwnSession(model, operation, f, ctx)));
}

// --- internal ---

/** The family with a session made first for every step on one session. */
function onOwnSession(model: OperationModel, operation: OperationModel, family: CaseFamily, ctx: FamilyContext): CaseFamily {
  const sessionLabel = sessionLabelOf(model);
  if (!operation.labels.includes(sessionLabel)) return family;
  const connector = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const onSession = (step: RequestCase) => step.violation?.member !== `/${sessionLabel}`;
  const call = (step: RequestCase): RequestCase => (onSession(step) ? { ...step, sessionFrom: { step: 0, label: sessionLabel } } : step);
  const create = (body: Record<string, unknown>): RequestCase => ({ kind: 'accept', labels: connector, body });
  const withSession = (c: Case, body: Record<string, unknown>): Case => ({ family: family.id, steps: c.steps.some(onSession) ? [create(body), ...c.steps.map(call)] : c.steps });
  // The session a case acts on is created with a plain valid body; a deterministic family gets one fixed body.
  const bodies = validBody(model, { presence: 'required' });
  const fixed = fc.sample(bodies, { seed: 0, numRuns: 1 })[0]!;
  return {
    ...family,
    arbitrary: fc.tuple(family.arbitrary, bodies).map(([c, body]) => withSession(c, body)),
    ...(family.cases ? { cases: family.cases.map((c) => withSession(c, fixed)) } : {}),
  };
}

import type { OperationModel } from '../src/spec/index.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import { inputFamilies } from './inputFamilies.ts';
import { connectorOperations } from './otherOperations.ts';
import type { Case, CaseFamily, RequestCase } from './types.ts';

/**
 * The families of the spec's operations that change a voice connector or its proxy configuration
 * (otherOperations.ts: PutVoiceConnectorProxy, DeleteVoiceConnectorProxy, CreateVoiceConnector,
 * DeleteVoiceConnector), derived from each one's input shape like every other operation's
 * (inputFamilies.ts). Each family is marked `changesConnectors`: it runs only when the run may make and
 * change connectors of its own (with --provision, or against the embedded emulator), and is reported as
 * not run otherwise. Even then a case acts only on what the case or the run made:
 * - a step meant to succeed (must-accept, unspecified) acts on a connector the case creates first, with
 *   spec /lifecycle/provision's connector body (and its proxy body too, for the operation that deletes a
 *   proxy configuration, which has nothing to delete otherwise); the engine removes it afterwards;
 * - a must-reject PutVoiceConnectorProxy acts on the run's connector, as the create's must-reject cases
 *   do: a correct server changes nothing, and should one accept it the engine puts spec
 *   /lifecycle/provision's proxy configuration back (a wrongly accepted delete could not be undone, so
 *   any other must-reject step acts on a connector of the case's own);
 * - a step that breaks the connector label itself names no connector: its one violation is that label;
 * - a CreateVoiceConnector step needs no connector; what it makes is removed all the same.
 */
export function connectorFamilies(model: OperationModel, ctx: FamilyContext, kind: 'accept' | 'reject' | 'unspecified'): CaseFamily[] {
  return connectorOperations(model).flatMap((operation) => inputFamilies(model, operation, ctx, kind).map((f) => onOwnConnector(model, operation, f)));
}

// --- internal ---

function onOwnConnector(model: OperationModel, operation: OperationModel, family: CaseFamily): CaseFamily {
  const { operations, connector, proxy } = model.spec.lifecycle.provision;
  // The connector label: the one the conformance target's path names its connector with (VoiceConnectorId).
  const label = model.labels[0]!;
  const onRunConnector = (step: RequestCase) => step.kind === 'reject' && operation.name === operations.putProxy;
  const onOwn = (step: RequestCase) => operation.labels.includes(label) && step.violation?.member !== `/${label}` && !onRunConnector(step);
  const from = { step: 0, label };
  // The label of a step on the case's connector is filled in when the case runs (RequestCase.connectorFrom):
  // blank until then, so such a step never names the run's connector.
  const onConnectorMade = (step: RequestCase): RequestCase => ({ ...step, labels: { ...step.labels, [label]: '' }, connectorFrom: from });
  const setUp: RequestCase[] = [
    { kind: 'accept', operation: operations.createConnector, labels: {}, body: connector },
    // A proxy configuration to delete (the operation would answer 404 without one).
    ...(operation.name === operations.deleteProxy ? [onConnectorMade({ kind: 'accept', operation: operations.putProxy, labels: {}, body: proxy })] : []),
  ];
  const own = (c: Case): Case => (c.steps.some(onOwn) ? { family: c.family, steps: [...setUp, ...c.steps.map((s) => (onOwn(s) ? onConnectorMade(s) : s))] } : c);
  return {
    ...family,
    changesConnectors: true,
    arbitrary: family.arbitrary.map(own),
    ...(family.cases ? { cases: family.cases.map(own) } : {}),
  };
}

import type { EnumShape, IntegerShape, OperationModel, RangeTrait } from '../src/spec/index.ts';

/** The spec facts the lifecycle suite speaks in, found in the compiled model once (see lifecycleTerms). */
export interface LifecycleTerms {
  /** CreateProxySession's list of participant numbers (the list whose items are fictional phone numbers). */
  participantsMember: string;
  /** The status of a session that is neither ended nor in a call (status-open's value), a ProxySessionStatus value. */
  openStatus: string;
  /** The NumberSelectionBehavior value that asks for the same numbers again (sticky-numbers). */
  stickyBehavior: string;
  /** A NumberSelectionBehavior value that does not ask for them (the geo-match probe: no stickiness to outweigh its preference). */
  otherBehavior: string;
  /** ListProxySessions paging (spec /operations/ListProxySessions/paging) with the query names of its members. */
  list: {
    items: string;
    outputToken: string;
    tokenQuery: string;
    pageSizeQuery: string;
    pageSizeRange: RangeTrait;
    /** The remaining query member: the status filter. */
    statusQuery: string;
  };
}

/**
 * The words of the lifecycle, read from the spec: which members page a list, which query parameter filters
 * by status, which enum values mean "open" and "sticky". Two enum values carry meaning that data cannot
 * say; they are named here once, as the spec's prose names them (invariant status-open: "a just-created
 * session is Open"; sticky-numbers: "with NumberSelectionBehavior PreferSticky"), and checked against the
 * spec's enums so a spec that drops them fails loudly instead of filtering by a value it no longer has.
 */
export function lifecycleTerms(model: OperationModel): LifecycleTerms {
  const create = model.operation(model.spec.operation.name);
  const participantsMember = Object.entries(create.bodyMembers).find(([, m]) => {
    const shape = create.shape(m.target);
    return shape.type === 'list' && 'fictional' in create.shape(shape.member);
  })?.[0];
  if (participantsMember === undefined) throw new Error('the spec has no list of phone numbers in the create input');

  const list = model.operation('ListProxySessions');
  const paging = list.paging;
  if (!paging) throw new Error('spec /operations/ListProxySessions has no paging');
  const queryOf = (member: string) => {
    const q = list.queryMembers[member];
    if (!q) throw new Error(`ListProxySessions has no query member ${member}`);
    return q;
  };
  const pageSize = queryOf(paging.pageSize);
  const statusMember = Object.keys(list.queryMembers).find((m) => m !== paging.inputToken && m !== paging.pageSize);
  if (statusMember === undefined) throw new Error('ListProxySessions has no status filter among its query members');
  const status = queryOf(statusMember);

  const behaviors = create.bodyMembers.NumberSelectionBehavior?.target ?? 'NumberSelectionBehavior';
  const stickyBehavior = enumValue(model, behaviors, 'PreferSticky');
  const otherBehavior = (model.shape(behaviors) as EnumShape).values.find((v) => v !== stickyBehavior);
  if (otherBehavior === undefined) throw new Error(`enum ${behaviors} has no value but ${stickyBehavior}`);

  return {
    participantsMember,
    openStatus: enumValue(model, status.target, 'Open'),
    stickyBehavior,
    otherBehavior,
    list: {
      items: paging.items,
      outputToken: paging.outputToken,
      tokenQuery: queryOf(paging.inputToken).queryName,
      pageSizeQuery: pageSize.queryName,
      pageSizeRange: (list.shape(pageSize.target) as IntegerShape).range ?? {},
      statusQuery: status.queryName,
    },
  };
}

function enumValue(model: OperationModel, shapeName: string, value: string): string {
  const values = (model.shape(shapeName) as EnumShape).values;
  if (!values.includes(value)) throw new Error(`the lifecycle suite needs ${value} in enum ${shapeName}, which has ${values.join(', ')}`);
  return value;
}

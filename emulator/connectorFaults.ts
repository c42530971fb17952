import type { OperationModel, SchemaViolation } from '../src/spec/index.ts';
import type { Fault } from './faultHooks.ts';
import type { FaultName } from './faults.ts';

/**
 * The faults of the reads as the official SDK sees them and of the operations that change a voice
 * connector (descriptions in faults.ts). Each breaks one operation (or one pair) in one way, so the
 * connector families (generators/connectorFamilies.ts) and sdk-parses on reads can be shown to catch it.
 * Operation names come from spec /lifecycle/provision/operations; the reads are the spec's GET operations.
 */
export const CONNECTOR_FAULTS = {
  'read-epoch-timestamps': (model) => {
    const reads = new Set(Object.keys(model.spec.operations).filter((name) => model.operation(name).http.method === 'GET'));
    const stamps = sessionTimestampMembers(model);
    return {
      success: (r, operation) => {
        if (!reads.has(operation) || r.body === '') return r;
        const body = JSON.parse(r.body) as Record<string, unknown>;
        const sessions = [body.ProxySession, ...(Array.isArray(body.ProxySessions) ? body.ProxySessions : [])];
        for (const s of sessions) {
          if (s === null || typeof s !== 'object') continue;
          const session = s as Record<string, unknown>;
          for (const member of stamps) if (typeof session[member] === 'string') session[member] = Date.parse(session[member]) / 1000;
        }
        return { ...r, body: JSON.stringify(body) };
      },
    };
  },
  'create-connector-200': (model) => {
    const create = model.spec.lifecycle.provision.operations.createConnector;
    return { success: (r, operation) => (operation === create ? { ...r, status: 200 } : r) };
  },
  'connector-deletes-200': (model) => {
    const { deleteProxy, deleteConnector } = model.spec.lifecycle.provision.operations;
    return { success: (r, operation) => (operation === deleteProxy || operation === deleteConnector ? { status: 200, headers: { ...r.headers, 'content-type': 'application/json' }, body: '{}' } : r) };
  },
  'put-proxy-rejects-plusless-fallback': (model) => {
    const put = model.spec.lifecycle.provision.operations.putProxy;
    // The Put's phone-number member (E164PhoneNumber: FallBackPhoneNumber).
    const member = Object.entries(model.operation(put).bodyMembers).find(([, m]) => model.shape(m.target).type === 'string')?.[0];
    return {
      extraViolation: (input, operation) => {
        const value = member === undefined ? undefined : input[member];
        return operation === put && typeof value === 'string' && !value.startsWith('+') ? { path: `/${member}`, keyword: 'pattern', message: 'must start with "+"' } : undefined;
      },
    };
  },
  'put-proxy-countries-unchecked': (model) => {
    const put = model.spec.lifecycle.provision.operations.putProxy;
    // The Put's list member (CountryList: PhoneNumberPoolCountries), its length and its items' pattern.
    const member = Object.entries(model.operation(put).bodyMembers).find(([, m]) => model.shape(m.target).type === 'list')?.[0];
    return { ignoresViolation: (v, operation) => operation === put && member !== undefined && (v.path === `/${member}` ? ['minItems', 'maxItems'].includes(v.keyword) : v.path.startsWith(`/${member}/`) && v.keyword === 'pattern') };
  },
  'connector-tags-unchecked': (model) => {
    const create = model.spec.lifecycle.provision.operations.createConnector;
    // The create's list member of structures (TagList: Tags), everything below it but JSON types.
    const member = Object.entries(model.operation(create).bodyMembers).find(([, m]) => {
      const shape = model.shape(m.target);
      return shape.type === 'list' && model.shape(shape.member).type === 'structure';
    })?.[0];
    return { ignoresViolation: (v: SchemaViolation, operation: string) => operation === create && member !== undefined && (v.path === `/${member}` || v.path.startsWith(`/${member}/`)) && v.keyword !== 'type' };
  },
  'delete-connector-label-unchecked': (model) => {
    const remove = model.spec.lifecycle.provision.operations.deleteConnector;
    const [label] = model.operation(remove).labels;
    return { ignoresViolation: (v, operation) => operation === remove && v.path === `/${label}` && v.keyword === 'pattern' };
  },
  'server-error-on-connector-path': (model) => {
    // The connector's own path (DeleteVoiceConnector's: /voice-connectors/{VoiceConnectorId}) with any
    // method but the one bound to it.
    const uri = model.operation(model.spec.lifecycle.provision.operations.deleteConnector).http.uri;
    const own = new RegExp(`^${uri.replace(/\{\w+\}/g, '[^/]+')}$`);
    return { onUnrouted: (_method, path) => (own.test(path) ? 'server-error' : 'not-found') };
  },
} satisfies Partial<Record<FaultName, Fault>>;

/** Timestamp members of the ProxySession shape (CreatedTimestamp, UpdatedTimestamp, EndedTimestamp). */
function sessionTimestampMembers(model: OperationModel): string[] {
  const session = model.shape('ProxySession');
  if (session.type !== 'structure') return [];
  return Object.entries(session.members).filter(([, m]) => model.shape(m.target).type === 'timestamp').map(([name]) => name);
}


import { buildRequest, isTransportFailure, queryOf } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { Transport } from '../engine/createTransport.ts';

/** Ids of the sessions ListProxySessions shows on a connector (see listedSessions). */
export async function sessionsOn(model: OperationModel, transport: Transport, endpoint: string, connectorId: string, maxPages: number, filter: Record<string, string> = {}): Promise<string[]> {
  return (await listedSessions(model, transport, endpoint, connectorId, maxPages, filter)).sessions.map((s) => s.ProxySessionId).filter((v): v is string => typeof v === 'string');
}

/**
 * The sessions ListProxySessions shows on a connector, as listed, following NextToken (spec
 * /operations/ListProxySessions/paging) for at most `maxPages` pages, with `filter` (query parameters by
 * name) on every page. `incomplete` says why the list may not be all of them: a page the endpoint did not
 * answer with its success code (it may not have the operation), or more pages than `maxPages`.
 */
export async function listedSessions(
  model: OperationModel,
  transport: Transport,
  endpoint: string,
  connectorId: string,
  maxPages: number,
  filter: Record<string, string> = {},
): Promise<{ sessions: Record<string, unknown>[]; incomplete?: string }> {
  const list = model.operation('ListProxySessions');
  const paging = list.paging;
  if (!paging) return { sessions: [], incomplete: `the spec gives ${list.name} no paging` };
  const sessions: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (let token: string | undefined, pages = 0; pages < maxPages; pages++) {
    const query = { ...filter, ...(token === undefined ? {} : queryOf(list, { [paging.inputToken]: token })) };
    const result = await transport.send(buildRequest(list, endpoint, { labels: { VoiceConnectorId: connectorId }, query }), { cleanup: true });
    if (isTransportFailure(result)) return { sessions, incomplete: `${list.name} got no answer: ${result.message}` };
    if (result.status !== list.http.code) return { sessions, incomplete: `${list.name} answered ${result.status}` };
    const body = (result.json ?? {}) as Record<string, unknown>;
    const items = Array.isArray(body[paging.items]) ? (body[paging.items] as unknown[]) : [];
    sessions.push(...items.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s)));
    const next = body[paging.outputToken];
    if (typeof next !== 'string' || next === '' || seen.has(next)) return { sessions };
    seen.add(next);
    token = next;
  }
  return { sessions, incomplete: `${list.name} had more than ${maxPages} pages` };
}

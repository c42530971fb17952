import type { OperationModel } from '../../src/spec/index.ts';
import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { pageToken } from '../pageToken.ts';
import { readInput } from '../readInput.ts';
import { renderSession } from '../renderSession.ts';
import { requireConnector } from '../requireConnector.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';
import { sessionStatus } from '../sessionStatus.ts';

/**
 * ListProxySessions (spec /operations/ListProxySessions, paging from its `paging` entry): the
 * connector's sessions (open and expired, until deleted) in creation order, optionally only those with
 * the `status` query member, a page at a time. The output token is present only when more sessions
 * follow. A token this server did not issue is the constraint-violation error (400); an empty one means
 * the first page. Unknown connector → spec /oracle/unknownVoiceConnector.
 */
export function listProxySessions(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const { input } = read;
  const paging = call.operation.paging;
  if (!paging) throw new Error(`the spec gives ${call.operation.name} no paging entry`);
  const connector = requireConnector(ctx, call, input);
  if (!connector) return;

  const token = input[paging.inputToken];
  const after = typeof token === 'string' && token !== '' ? pageToken.decode(token) : 0;
  if (after === undefined) return sendError(ctx, call.res, ctx.errors.invalid, `${paging.inputToken} is not a token this server issued`);

  let sessions = ctx.store.sessions(connector.id);
  if (ctx.hooks.hidesNewestSession) sessions = sessions.slice(0, -1);
  const status = input.Status;
  const matching = sessions.filter((s) => s.sequence > after && (status === undefined || sessionStatus(ctx.model, s) === status));
  const page = matching.slice(0, ctx.hooks.listPageSize(pageSize(call.operation, input[paging.pageSize])));
  const last = page.at(-1);
  // list-token-forever: past the last page a token anyway, pointing after it (so the next page is empty and
  // hands out that same token again).
  const next = last && matching.length > page.length ? pageToken.encode(last.sequence) : ctx.hooks.endlessPaging ? pageToken.encode(last?.sequence ?? after) : undefined;
  sendSuccess(ctx, call, {
    [paging.items]: page.map((s) => renderSession(ctx, s)),
    ...(next !== undefined ? { [paging.outputToken]: next } : {}),
  });
}

/**
 * The page size: the requested one, kept within the page-size member's @range (ResultMax; only
 * list-accepts-bad-max-results lets a value outside it through validation). Without one, the largest
 * page the range admits (100 for ResultMax): the model gives no default.
 */
function pageSize(operation: OperationModel, requested: unknown): number {
  const member = operation.paging ? operation.queryMembers[operation.paging.pageSize] : undefined;
  const shape = member === undefined ? undefined : operation.shape(member.target);
  const range = shape?.type === 'integer' ? shape.range : undefined;
  const max = range?.max ?? Number.POSITIVE_INFINITY;
  const min = Math.max(1, range?.min ?? 1);
  return typeof requested === 'number' ? Math.min(max, Math.max(min, requested)) : max;
}

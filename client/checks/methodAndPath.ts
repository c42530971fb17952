import type { OperationModel } from '../../src/spec/index.ts';
import { clientCheck, nth, operationOf, splitTarget } from './_exchanges.ts';

/**
 * method-and-path: every request of the case uses the operation's @http method and URI: its literal
 * segments in order and one segment per label (spec /operations/<name>/http). What a label's segment
 * holds is label-encoding's to judge.
 */
export function methodAndPath(model: OperationModel) {
  return clientCheck(
    model,
    'method-and-path',
    'wire',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) => {
      const { http } = operationOf(ctx);
      const template = http.uri.split('/');
      return ctx.run.exchanges.flatMap((e) => {
        const path = splitTarget(e.target).path;
        const segments = path.split('/');
        const fits = segments.length === template.length && template.every((t, i) => /^\{\w+\}$/.test(t) || t === segments[i]);
        return [
          ...(e.method !== http.method ? [fail({ path: `${nth(e)} method`, expected: http.method, actual: e.method, message: `${ctx.run.case.operation} is ${http.method}, the client sent ${e.method}`, exchange: e.index })] : []),
          ...(!fits ? [fail({ path: `${nth(e)} path`, expected: http.uri, actual: path, message: `the path does not have the shape of ${http.uri}${segments.length !== template.length ? ` (${segments.length - 1} segments, not ${template.length - 1}: a label with an unencoded '/'?)` : ''}`, exchange: e.index })] : []),
        ];
      });
    },
  );
}

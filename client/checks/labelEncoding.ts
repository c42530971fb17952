import type { OperationModel } from '../../src/spec/index.ts';
import { clientCheck, nth, operationOf, splitTarget } from './_exchanges.ts';

/** RFC 3986 §2.3 unreserved characters, and percent-encoded octets: all a label's segment may hold. */
const ENCODED = /^(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})*$/;

/**
 * label-encoding: each @httpLabel is one path segment in which every byte outside RFC 3986's unreserved
 * set is percent-encoded (UTF-8), and which decodes to exactly the input's value. Smithy's protocol tests
 * and the AWS services encode sub-delimiters too (`!`, `'`, `(`, `)`, `*`, `+`, ...), and a SigV4
 * canonical path only agrees between client and server when both do. Judged on requests whose path has
 * the operation's shape (method-and-path judges the rest).
 */
export function labelEncoding(model: OperationModel) {
  return clientCheck(
    model,
    'label-encoding',
    'wire',
    (ctx) => ctx.run.exchanges.length > 0 && operationOf(ctx).labels.length > 0,
    (ctx, fail) => {
      const { http } = operationOf(ctx);
      const template = http.uri.split('/');
      return ctx.run.exchanges.flatMap((e) => {
        const segments = splitTarget(e.target).path.split('/');
        if (segments.length !== template.length) return [];
        return template.flatMap((part, i) => {
          const label = /^\{(\w+)\}$/.exec(part)?.[1];
          if (label === undefined) return [];
          const sent = segments[i]!;
          const value = ctx.run.case.input[label];
          const at = `${nth(e)} label ${label}`;
          if (!ENCODED.test(sent)) {
            const raw = [...new Set(sent.replace(/%[0-9A-Fa-f]{2}/g, '').replace(/[A-Za-z0-9\-._~]/g, ''))].join('');
            return [fail({ path: at, expected: typeof value === 'string' ? encode(value) : value, actual: sent, message: `the label carries ${JSON.stringify(raw)} unencoded: every byte outside RFC 3986 unreserved must be percent-encoded`, exchange: e.index })];
          }
          let decoded: string;
          try {
            decoded = decodeURIComponent(sent);
          } catch {
            return [fail({ path: at, expected: value, actual: sent, message: 'the label is not percent-encoded UTF-8', exchange: e.index })];
          }
          return decoded === value ? [] : [fail({ path: at, expected: value, actual: decoded, message: `the label decodes to ${JSON.stringify(decoded)}, not the input's ${JSON.stringify(value)}`, exchange: e.index })];
        });
      });
    },
  );
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

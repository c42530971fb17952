import { createHash } from 'node:crypto';
import type { FailureShape } from '../src/model/report.ts';
import { errorTypeOf, type TransportFailure, type WireResponse } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';

/** Hex digits of a fingerprint: enough that two defects of one run never share one by chance. */
const FINGERPRINT_HEX_DIGITS = 12;

/**
 * The fingerprint of a failure: a hash of its shape (check, operation, family, constraint, the wrong
 * answer's status, error name and content type), never of the seed, --runs, the shard, order or timing.
 */
export function fingerprintOf(shape: FailureShape): string {
  // `varies` is left out: it says where the failure was met, not what it is.
  const parts = [shape.check, shape.operation, shape.family, shape.constraint ?? '', shape.answer];
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

/**
 * What came back, in the few words a fingerprint keeps: the status, the error name (the spec's error
 * contract, as clients read it) and the media type; or that there was no answer, and why. Values that vary
 * from run to run (ids, timestamps, messages) are left out on purpose.
 */
export function answerShape(model: OperationModel, answer: { response?: WireResponse; failure?: TransportFailure } | undefined): string {
  if (answer?.failure) return `no answer: ${answer.failure.kind}`;
  const r = answer?.response;
  if (!r) return 'not sent';
  const name = errorTypeOf(r.headers, r.json, model.spec.errorContract.header);
  const media = r.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return [String(r.status), ...(r.status >= 300 && name ? [name] : []), ...(media ? [media] : [])].join(' ');
}

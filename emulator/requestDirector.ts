import type { ServerResponse } from 'node:http';
import type { ResponseParts } from './sendResponse.ts';
import type { ReceivedRequest } from './verifySignature.ts';

/** A request as a director sees it: as received (raw target, headers and body), and the operation its route names. */
export interface DirectedRequest extends ReceivedRequest {
  /** The operation the route names (spec /operation or /operations); undefined when no route matched. */
  operation: string | undefined;
}

/**
 * How the emulator is to answer one request. Nothing set: as usual. The runner of `conformance client`
 * directs every request this way to answer a client under a scenario (throttled, failed, reset, slow,
 * with unknown members) and to see exactly what was sent back.
 */
export interface Direction {
  /** Wait this long before anything else (a slow answer). */
  delayMs?: number;
  /** Answer with this error of the spec instead (its status and body from the error contract), before the signature is checked. */
  error?: { name: string; message: string; headers?: Readonly<Record<string, string>> };
  /**
   * Sees the complete response about to be written for this request, error or success, and may change it
   * or destroy the connection instead ('reset': the request was served, its answer lost). Not called when
   * the client has already closed the connection.
   */
  answer?: (parts: ResponseParts) => ResponseParts | 'reset';
}

/** EmulatorOptions.director: called once for every request, in arrival order, as soon as its body is in. */
export type RequestDirector = (request: DirectedRequest) => Direction;

const ANSWER = Symbol('conformance.directedAnswer');

type Directed = ServerResponse & { [ANSWER]?: Direction['answer'] };

/** Keeps a request's answer hook on its response, where sendResponse (the one writer) finds it. */
export function directAnswer(res: ServerResponse, answer: Direction['answer']): void {
  (res as Directed)[ANSWER] = answer;
}

/** The response as its director wants it written (unchanged when none). */
export function directedParts(res: ServerResponse, parts: ResponseParts): ResponseParts | 'reset' {
  const answer = (res as Directed)[ANSWER];
  return answer ? answer(parts) : parts;
}

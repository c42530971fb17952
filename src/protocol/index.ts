export type { WireRequest, WireResponse, TransportFailure, TransportFailureKind } from './types.ts';
export { buildRequest, buildCleanupRequest, type RequestInput } from './buildRequest.ts';
export { sendRequest, createDispatcher, isTransportFailure, type SendOptions } from './sendRequest.ts';
export { errorTypeOf, sanitizeErrorType } from './errorType.ts';
export { curlCommand } from './curlCommand.ts';
export { serializeError, type SerializedError } from './serializeError.ts';
export { awsCredentials, type AuthSettings } from './awsCredentials.ts';
export { createSigner, type Signer } from './signRequest.ts';
export { redactRequest } from './redactRequest.ts';

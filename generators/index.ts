export type { AuthMutation, Case, CaseFamily, CaseKind, RequestCase, Violation } from './types.ts';
export { acceptFamilies, type FamilyContext } from './acceptFamilies.ts';
export { rejectFamilies } from './rejectFamilies.ts';
export { unspecifiedFamilies } from './unspecifiedFamilies.ts';
export { unknownConnectorFamilies } from './unknownConnectorFamilies.ts';
export { crossSessionFamilies } from './crossSessionFamilies.ts';
export { fictionalPhoneNumber, samePhoneNumber } from './fictionalPhoneNumber.ts';
export { validBody } from './validBody.ts';
export { authFamilies } from './authFamilies.ts';

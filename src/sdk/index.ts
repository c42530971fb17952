export type { SdkError, SdkFailure, SdkOutcome, SdkOutput, SdkSender, SdkSettings, SdkTimestamp, WireSend } from './types.ts';
export { createSdkSender } from './createSdkSender.ts';
export { sendViaSdk } from './sendViaSdk.ts';
export { timestampMembers } from './timestampMembers.ts';

export type { SdkError, SdkFailure, SdkOutcome, SdkOutput, SdkSender, SdkSettings, WireSend } from './types.ts';
export { createSdkSender } from './createSdkSender.ts';
export { sendViaSdk } from './sendViaSdk.ts';

export type { SdkCommandInput, SdkError, SdkFailure, SdkOperation, SdkOutcome, SdkOutput, SdkSender, SdkSettings, WireSend } from './types.ts';
export { createSdkSender } from './createSdkSender.ts';
export { sendViaSdk } from './sendViaSdk.ts';
export { sdkOperation } from './sdkOperation.ts';
export { createSdkWorker } from './createSdkWorker.ts';

export { startEmulator, DEFAULT_VOICE_CONNECTOR_ID, type EmulatorOptions, type RunningEmulator } from './startEmulator.ts';
export { FAULT_NAMES, FAULT_DESCRIPTIONS, type FaultName } from './faults.ts';
export { DEFAULT_VARIANT, type Variant } from './variants.ts';
export { verifySignature, type SignatureOptions, type SignatureVerdict, type TestCredentials } from './verifySignature.ts';
export { type RequestDirector, type Direction, type DirectedRequest } from './requestDirector.ts';

export { runClient, PAGES_CONNECTOR_ID, STARTUP_GRACE_MS, type ClientRunOptions, type ClientRunResult } from './runClient.ts';
export { scenarioIds } from './planCases.ts';
export { TESTEE_PROTOCOL_SCHEMA } from './testeeMessages.ts';
export { verifySigV4, type SigV4Verdict } from './sigv4.ts';
export type { ClientCase, ClientCaseRun, ClientExchange, TesteeReply } from './types.ts';

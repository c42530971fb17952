import { membersInWords } from './membersInWords.ts';

/** A create in words: `CreateProxySession +12065550100,+12065550101 [Voice] ExpiryMinutes 30`. */
export function createTitle(numbers: readonly string[], body: Readonly<Record<string, unknown>>): string {
  const capabilities = Array.isArray(body.Capabilities) ? body.Capabilities.join(',') : '';
  return `CreateProxySession ${numbers.join(',')} [${capabilities}] ${membersInWords(body, ['Capabilities'])}`.trim();
}

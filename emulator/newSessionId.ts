import { randomBytes, randomUUID } from 'node:crypto';
import type { Variant } from './variants.ts';

/**
 * A fresh ProxySessionId (NonEmptyString128) in the variant's format. `short` ids are a per-process random
 * prefix plus a counter, so they stay unique however many sessions a run opens.
 */
export function newSessionId(format: Variant['idFormat']): string {
  switch (format) {
    case 'hex':
      return randomBytes(16).toString('hex');
    case 'uuid':
      return randomUUID();
    case 'short':
      return `${shortPrefix}${(++shortCounter).toString(36)}`;
  }
}

const shortPrefix = randomBytes(3).toString('hex');
let shortCounter = 0;

import type { EmulatorContext } from './EmulatorContext.ts';

/**
 * The connector a VoiceConnectorId label names, or undefined when none exists. A label that is not a
 * connector may still be served by the default connector when a fault says so (accept-long-label).
 */
export function resolveConnectorId(ctx: EmulatorContext, label: string): string | undefined {
  if (ctx.store.connector(label)) return label;
  if (ctx.defaultConnectorId === undefined) return undefined;
  const resolved = ctx.hooks.resolveConnector(label, ctx.defaultConnectorId);
  return resolved !== undefined && ctx.store.connector(resolved) ? resolved : undefined;
}

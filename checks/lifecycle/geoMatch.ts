import { normalizeNumber } from '../_invariant.ts';
import type { LifecycleSpec } from '../../src/spec/index.ts';
import type { Finding, ParticipantNumbers } from './types.ts';

/**
 * geo-match (advisory, spec /invariants, /lifecycle/geoMatch): with GeoMatchLevel Country or AreaCode and
 * GeoMatchParams, every proxy number is in that country (its E.164 calling code) and, for AreaCode, in
 * that area code (the three digits after the calling code). Countries the spec lists no calling code for
 * are not judged.
 */
export function geoMatch(participants: readonly ParticipantNumbers[], level: string, params: { Country?: unknown; AreaCode?: unknown }, geo: LifecycleSpec['geoMatch']): Finding[] {
  const code = typeof params.Country === 'string' ? geo.callingCodes[params.Country] : undefined;
  if (code === undefined) return [];
  return participants.flatMap((p, i): Finding[] => {
    const digits = normalizeNumber(p.proxy);
    const path = `body/ProxySession/Participants/${i}/ProxyPhoneNumber`;
    if (!digits.startsWith(code)) {
      return [{ check: 'geo-match', path, expected: `a number with calling code +${code} (${String(params.Country)})`, actual: p.proxy, message: `GeoMatchLevel ${level} for ${String(params.Country)}: proxy number ${p.proxy} is not in that country` }];
    }
    const area = digits.slice(code.length, code.length + 3);
    if (level === 'AreaCode' && area !== params.AreaCode) {
      return [{ check: 'geo-match', path, expected: `area code ${String(params.AreaCode)}`, actual: p.proxy, message: `GeoMatchLevel AreaCode ${String(params.AreaCode)}: proxy number ${p.proxy} is in area code ${area}` }];
    }
    return [];
  });
}

import type { OperationModel } from '../src/spec/index.ts';
import { participantKey } from './participantKey.ts';
import { sessionEnumValue } from './sessionEnumValue.ts';

/** What a CreateProxySession asked for that geo-matching reads. */
export interface GeoRequest {
  level: unknown;
  params: unknown;
  /** The first requested participant number: the place to match when GeoMatchParams is absent. */
  participant: unknown;
}

/**
 * The North American Numbering Plan's E.164 calling code. Spec /lifecycle/geoMatch judges an area code
 * only there: "for NANP (+1), its area code by the three digits after it".
 */
const NANP = '1';

/**
 * Builds the emulator's geo-match preference (spec invariant geo-match, advisory: GeoMatchLevel is "the
 * preference for matching the country or area code of the proxy phone number"). For a request it answers
 * which proxy numbers to prefer, as the start of their digits (participantKey), or undefined for no
 * preference:
 * - Country + GeoMatchParams.Country: numbers with that country's calling code (spec /lifecycle/geoMatch
 *   callingCodes); a country the table does not list is not matched.
 * - AreaCode + GeoMatchParams: as Country, narrowed to the area code when the calling code is NANP.
 * - Without GeoMatchParams (or with an empty Country): the first participant's country, or its area code
 *   for AreaCode, when that participant is a NANP number; otherwise no preference.
 * The level names are checked against the spec's GeoMatchLevel enum once, here.
 */
export function geoPreference(model: OperationModel): (request: GeoRequest) => string | undefined {
  const country = sessionEnumValue(model, 'GeoMatchLevel', 'Country');
  const areaCode = sessionEnumValue(model, 'GeoMatchLevel', 'AreaCode');
  const callingCodes = model.spec.lifecycle.geoMatch.callingCodes;
  const areaDigits = areaCodeLength(model);
  return ({ level, params, participant }) => {
    if (level !== country && level !== areaCode) return undefined;
    const wanted = isObject(params) && typeof params.Country === 'string' && params.Country !== '' ? params : undefined;
    let prefix: string;
    if (wanted) {
      const code = Object.hasOwn(callingCodes, wanted.Country as string) ? callingCodes[wanted.Country as string] : undefined;
      if (code === undefined) return undefined;
      const area = typeof wanted.AreaCode === 'string' ? wanted.AreaCode : '';
      prefix = level === areaCode && code === NANP ? code + area : code;
    } else {
      const own = participantKey(participant);
      if (!own.startsWith(NANP) || own.length < NANP.length + areaDigits) return undefined;
      prefix = level === areaCode ? own.slice(0, NANP.length + areaDigits) : NANP;
    }
    return prefix;
  };
}

/** How many digits a non-empty GeoMatchParams.AreaCode has, found by trying the AreaCode shape's @pattern. */
function areaCodeLength(model: OperationModel): number {
  const params = model.shape(model.input.members.GeoMatchParams?.target ?? '');
  const shape = params.type === 'structure' ? model.shape(params.members.AreaCode?.target ?? '') : undefined;
  const pattern = shape?.type === 'string' && shape.pattern !== undefined ? new RegExp(shape.pattern, 'u') : undefined;
  const length = pattern && [...Array(16).keys()].find((n) => n > 0 && pattern.test('0'.repeat(n)));
  if (!length) throw new Error('the spec gives GeoMatchParams.AreaCode no digit pattern to match area codes by');
  return length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

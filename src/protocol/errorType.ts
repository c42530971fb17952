/**
 * The error name of a restJson1 error response, found the way AWS clients find it
 * (aws-sdk-js-v3 loadRestJsonErrorCode): the x-amzn-ErrorType header first, then a body member named
 * `code` in any case, then `__type`. Returns undefined when none is present.
 */
export function errorTypeOf(headers: Record<string, string>, json: unknown, header = 'x-amzn-errortype'): string | undefined {
  const fromHeader = headers[header.toLowerCase()];
  if (fromHeader !== undefined) return sanitizeErrorType(fromHeader);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    const codeKey = Object.keys(body).find((k) => k.toLowerCase() === 'code');
    if (codeKey !== undefined && typeof body[codeKey] === 'string') return sanitizeErrorType(body[codeKey]);
    if (typeof body.__type === 'string') return sanitizeErrorType(body.__type);
  }
  return undefined;
}

/**
 * AWS clients cut an error type at the first `:` and `,` and keep what follows the last `#`, so
 * `BadRequestException:http://internal.amazon.com/coral/...` and `aws.chime#BadRequestException` both name
 * BadRequestException.
 */
export function sanitizeErrorType(raw: string): string {
  let name = raw.trim();
  for (const stop of [':', ',']) {
    const at = name.indexOf(stop);
    if (at >= 0) name = name.slice(0, at);
  }
  const hash = name.lastIndexOf('#');
  return hash >= 0 ? name.slice(hash + 1) : name;
}

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
    const code = codeKey === undefined ? undefined : body[codeKey];
    if (typeof code === 'string' || typeof code === 'number') return sanitizeErrorType(String(code));
    if (typeof body.__type === 'string') return sanitizeErrorType(body.__type);
  }
  return undefined;
}

/**
 * Exactly as aws-sdk-js-v3 sanitises an error type (sanitizeErrorCode): cut at the first `,`, then at the
 * first `:`, then keep what stands between the first and the second `#`. So
 * `BadRequestException:http://internal.amazon.com/coral/...` and `aws.chime#BadRequestException` both name
 * BadRequestException, and the suite can never read a name differently from the SDK.
 */
export function sanitizeErrorType(raw: string): string {
  let name = raw;
  if (name.includes(',')) name = name.split(',')[0]!;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('#')) name = name.split('#')[1]!;
  return name;
}

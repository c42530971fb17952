import type { WireRequest } from './types.ts';

/**
 * A copy-pasteable curl command that sends exactly this request (POSIX shell quoting). With `sigv4`,
 * curl signs it itself from the caller's environment, so no credential is ever written into a report.
 */
export function curlCommand(request: WireRequest, sigv4?: { region: string; service: string }): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method];
  if (sigv4) {
    parts.push('--aws-sigv4', quote(`aws:amz:${sigv4.region}:${sigv4.service}`), '--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    // Only with temporary credentials: curl signs every header it is given, and an empty one it then
    // drops from the request but not from SignedHeaders, so long-term keys would get a 403.
    parts.push('${AWS_SESSION_TOKEN:+-H "x-amz-security-token: $AWS_SESSION_TOKEN"}');
  }
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  parts.push(quote(request.url));
  return parts.join(' ');
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

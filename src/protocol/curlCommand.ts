import type { WireRequest } from './types.ts';

/** A copy-pasteable curl command that sends exactly this request (POSIX shell quoting). */
export function curlCommand(request: WireRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method];
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  parts.push(quote(request.url));
  return parts.join(' ');
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

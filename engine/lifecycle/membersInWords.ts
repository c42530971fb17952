/** A request body's members in words for a step title: `Name "x" ExpiryMinutes 30 Capabilities [Voice,SMS]`. */
export function membersInWords(body: Readonly<Record<string, unknown>>, omit: readonly string[] = []): string {
  return Object.entries(body)
    .filter(([name, value]) => value !== undefined && !omit.includes(name))
    .map(([name, value]) => `${name} ${Array.isArray(value) ? `[${value.join(',')}]` : JSON.stringify(value)}`)
    .join(' ');
}

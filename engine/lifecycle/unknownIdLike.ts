/**
 * An id no session has, in the shape of ids the endpoint issues: `issued` (one it answered) with every
 * digit and letter moved to another of its kind, keeping case, length and separators, so a server that
 * checks the format of ProxySessionId finds nothing wrong with it and can only answer "not found". Tried
 * with growing shifts until the result is none of `known`; undefined when nothing was issued yet.
 */
export function unknownIdLike(issued: string | undefined, known: ReadonlySet<string>): string | undefined {
  if (issued === undefined) return undefined;
  for (let shift = 1; shift < 10; shift++) {
    const id = issued.replace(/[0-9]|[a-z]|[A-Z]/g, (c) => {
      const [base, size] = /[0-9]/.test(c) ? [48, 10] : /[a-z]/.test(c) ? [97, 26] : [65, 26];
      // Hex-looking ids stay hex: letters a-f move within a-f.
      const span = size === 26 && /^[0-9a-fA-F-]+$/.test(issued) ? 6 : size;
      return String.fromCharCode(base + ((c.charCodeAt(0) - base + shift) % span));
    });
    if (!known.has(id)) return id;
  }
  return undefined;
}

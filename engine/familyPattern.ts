/**
 * --family as a glob over case family ids: `*` stands for any run of characters (dots included, so
 * `reject.Name.*` takes every family of the Name member, whatever follows) and `?` for one character;
 * everything else is literal. An id without either is an exact id, as replay lines give it. No family id
 * holds `*` or `?` (they are built from member, constraint and how-words), so an exact id always matches
 * only itself.
 */
export function familyMatcher(pattern: string): (id: string) => boolean {
  if (!isFamilyGlob(pattern)) return (id) => id === pattern;
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (id) => regex.test(id);
}

/** Whether --family is a pattern (a `*` or `?` in it) rather than one exact id. */
export function isFamilyGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

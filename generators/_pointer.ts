/** @internal JSON-pointer edits on plain JSON values (generators only; values are fresh copies). */
export function setAt(root: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const copy = structuredClone(root) as Record<string, unknown>;
  const keys = pointer.slice(1).split('/');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

export function deleteAt(root: unknown, pointer: string): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  const keys = pointer.slice(1).split('/');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  delete node[keys.at(-1)!];
  return copy;
}

/**
 * @internal JSON-pointer edits on plain JSON values (generators only). The result is a new value: the
 * objects and arrays on the pointer's path are copied, everything else is shared with `root` (generated
 * values are never changed afterwards; a listed case is even frozen), which is far cheaper than a deep
 * copy of every body of every must-reject case.
 */
export function setAt(root: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const { copy, parent, key } = copyPath(root, pointer);
  parent[key] = value;
  return copy;
}

export function deleteAt(root: unknown, pointer: string): unknown {
  const { copy, parent, key } = copyPath(root, pointer);
  delete parent[key];
  return copy;
}

/** `root` with the containers down to the pointer's parent copied; the parent and the last key. */
function copyPath(root: unknown, pointer: string): { copy: Record<string, unknown>; parent: Record<string, unknown>; key: string } {
  const keys = pointer.slice(1).split('/');
  const copy = shallowCopy(root, pointer);
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    const child = shallowCopy(node[key], pointer);
    node[key] = child;
    node = child;
  }
  return { copy, parent: node, key: keys.at(-1)! };
}

function shallowCopy(value: unknown, pointer: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object') throw new TypeError(`${pointer} passes through ${JSON.stringify(value)}, which is not an object or an array`);
  return (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
}

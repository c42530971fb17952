/** Characters of a value's JSON a failure record keeps: enough to read, never an endpoint's whole answer. */
const MAX_CHARS = 2_048;
/** Levels of a value a failure record keeps; deeper parts are shown as "…". */
const MAX_DEPTH = 8;

/**
 * A check's expected or actual value as a report keeps it: the value itself when it is small and shallow,
 * else its JSON cut short, as a string. Whatever an endpoint answered, a failure record stays a few KB and
 * every report format can render it without deep recursion.
 */
export function reportValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'string' && value.length > MAX_CHARS ? `${value.slice(0, MAX_CHARS)}…` : value;
  const budget = { left: MAX_CHARS };
  const text = boundedJson(value, 0, budget);
  return budget.left >= 0 && !text.includes('"…"') ? value : `${text.slice(0, MAX_CHARS)}…`;
}

/** JSON of `value` down to MAX_DEPTH levels, stopping once the budget of characters is spent. */
function boundedJson(value: unknown, depth: number, budget: { left: number }): string {
  if (budget.left < 0) return '';
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? 'null';
    budget.left -= text.length;
    return text;
  }
  if (depth >= MAX_DEPTH) {
    budget.left -= 3;
    return '"…"';
  }
  const parts: string[] = [];
  const array = Array.isArray(value);
  for (const [key, item] of Object.entries(value)) {
    if (budget.left < 0) break;
    const inner = boundedJson(item, depth + 1, budget);
    parts.push(array ? inner : `${JSON.stringify(key)}:${inner}`);
    budget.left -= (array ? 1 : key.length + 4);
  }
  return array ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

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
  const budget = { left: MAX_CHARS, cut: false };
  const text = boundedJson(value, 0, budget);
  // A flag, not a search of the text for the depth marker: a small value may hold the string "…" itself.
  return budget.left >= 0 && !budget.cut ? value : `${text.slice(0, MAX_CHARS)}…`;
}

/** JSON of `value` down to MAX_DEPTH levels, stopping once the budget of characters is spent. */
function boundedJson(value: unknown, depth: number, budget: { left: number; cut: boolean }): string {
  if (budget.left < 0) return '';
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? 'null';
    budget.left -= text.length;
    return text;
  }
  if (depth >= MAX_DEPTH) {
    budget.cut = true;
    budget.left -= 3;
    return '"…"';
  }
  const parts: string[] = [];
  const array = Array.isArray(value);
  // Brackets, commas and keys as JSON spells them (escapes make a key up to six times its length) are
  // counted too, or a value whose JSON is several times the budget would be kept whole.
  budget.left -= 2;
  for (const [key, item] of Object.entries(value)) {
    if (budget.left < 0) break;
    const name = array ? '' : `${JSON.stringify(key)}:`;
    parts.push(name + boundedJson(item, depth + 1, budget));
    budget.left -= name.length + 1;
  }
  return array ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

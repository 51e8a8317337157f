/**
 * A setting value as a person reads it: lists joined with commas, objects as JSON, the rest as text.
 * `empty` is what an empty list or null reads as.
 */
export function settingValueText(value: unknown, empty: { none: string; unset: string }): string {
  if (value === null || value === undefined) return empty.unset;
  if (Array.isArray(value)) return value.length === 0 ? empty.none : value.map((item) => settingValueText(item, empty)).join(', ');
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'symbol':
    case 'function':
      return empty.unset;
    default:
      return JSON.stringify(value);
  }
}

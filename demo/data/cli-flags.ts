/** Parsers for the generator scripts' flags (scripts/demo-data.ts, scripts/large-data.ts); errors name the flag. */

export function parseInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(number) || number < 0)
    throw new Error(`--${flag} must be a whole number, got "${value}"`);
  return number;
}

/** `--now` takes an ISO date (2025-06-11 or 2025-06-11T10:30:00+08:00) or epoch milliseconds. */
export function parseNow(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const instant = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(instant))
    throw new Error(`--now must be an ISO date or epoch milliseconds, got "${value}"`);
  return instant;
}

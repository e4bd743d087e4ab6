/**
 * Mail sites show dates in the reader's language and time zone ("Tue, Nov 24, 2026, 10:12 AM",
 * "2026年11月24日 週二 上午10:12", "Di., 24. Nov. 2026, 10:12", "Tue 11/24/2026 10:12 AM"). This
 * reads the common shapes as local time and gives up (null) on anything ambiguous or relative.
 */

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['jan', 'january', 'janv', 'januar', 'janvier', 'ene', 'enero'],
  ['feb', 'february', 'févr', 'fevr', 'februar', 'février', 'febrero'],
  ['mar', 'march', 'mär', 'märz', 'mars', 'marzo'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril'],
  ['may', 'mai', 'mayo'],
  ['jun', 'june', 'juni', 'juin', 'junio'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre'],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index;
});

const PM_MARKERS = /(下午|晚上|午後|오후|\bpm\b|\bp\.\s?m\.?)/i;
const AM_MARKERS = /(上午|早上|凌晨|午前|오전|\bam\b|\ba\.\s?m\.?)/i;
const NOON_MARKER = /中午/;

export type DateOrder = 'month-first' | 'day-first';

function localInstant(year: number, month: number, day: number, hour: number, minute: number): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const date = new Date(year, month, day, hour, minute, 0, 0);
  if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  const time = date.getTime();
  return time >= Date.UTC(2000, 0, 1) && time <= Date.UTC(2200, 0, 1) ? time : null;
}

type Time = { hour: number; minute: number };

function readTime(text: string): Time | null {
  const match = /(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?/.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const isPm = PM_MARKERS.test(text);
  const isAm = AM_MARKERS.test(text);
  if (isPm && hour < 12) hour += 12;
  else if (isAm && hour === 12) hour = 0;
  else if (NOON_MARKER.test(text) && hour < 11) hour += 12;
  return { hour, minute };
}

/** The text without the time, so that its digits are not read as a day. */
function withoutTime(text: string): string {
  return text.replace(/\d{1,2}[:：]\d{2}(?:[:：]\d{2})?/g, ' ');
}

function fromCjk(text: string, time: Time): number | null {
  const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (!match) return null;
  return localInstant(Number(match[1]), Number(match[2]) - 1, Number(match[3]), time.hour, time.minute);
}

function fromYearFirst(text: string, time: Time): number | null {
  const match = /(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d)/.exec(text);
  if (!match) return null;
  return localInstant(Number(match[1]), Number(match[2]) - 1, Number(match[3]), time.hour, time.minute);
}

function fromNumeric(text: string, time: Time, order: DateOrder): number | null {
  const match = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/.exec(text);
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[2]);
  const year = Number(match[3]);
  let monthFirst = order === 'month-first';
  if (first > 12 && second <= 12) monthFirst = false;
  else if (second > 12 && first <= 12) monthFirst = true;
  const month = (monthFirst ? first : second) - 1;
  const day = monthFirst ? second : first;
  return localInstant(year, month, day, time.hour, time.minute);
}

function fromMonthName(text: string, time: Time): number | null {
  const dateText = withoutTime(text).toLowerCase();
  const words = [...dateText.matchAll(/[\p{L}]+/gu)];
  let month: number | undefined;
  let monthAt = -1;
  for (const word of words) {
    const found = MONTHS[word[0]];
    if (found !== undefined) {
      month = found;
      monthAt = word.index ?? -1;
      break;
    }
  }
  if (month === undefined) return null;
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(dateText);
  if (!year) return null;
  // The day is the one- or two-digit number nearest the month name.
  let day: number | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const number of dateText.matchAll(/(?<!\d)(\d{1,2})(?!\d)/g)) {
    const distance = Math.abs((number.index ?? 0) - monthAt);
    if (distance < bestDistance) {
      bestDistance = distance;
      day = Number(number[1]);
    }
  }
  if (day === undefined) return null;
  return localInstant(Number(year[1]), month, day, time.hour, time.minute);
}

/** Milliseconds since the epoch for a displayed date, read as local time; null when unsure. */
export function parseDisplayedDate(
  raw: string | null | undefined,
  order: DateOrder = 'month-first',
): number | null {
  if (!raw) return null;
  const text = raw
    .slice(0, 200)
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  if (!text) return null;
  const time = readTime(text) ?? { hour: 0, minute: 0 };
  return (
    fromCjk(text, time) ??
    fromYearFirst(text, time) ??
    fromNumeric(text, time, order) ??
    fromMonthName(text, time)
  );
}

/** Which way round a locale writes numeric dates: only US-style English puts the month first. */
export function dateOrderFor(language: string | null | undefined): DateOrder {
  const tag = (language ?? '').toLowerCase();
  if (tag === 'en' || tag === 'en-us' || tag.startsWith('en-us') || tag === 'en-ph') return 'month-first';
  return tag ? 'day-first' : 'month-first';
}

import { emailAddressSchema } from '../shared/model/mini-schemas';
import { MAIL_LIMITS } from './mail-page-state';

/** A correspondent as the adapters hand it on: a clean display name and a lower-cased address. */
export type Participant = { name: string; address: string };

/**
 * C0/C1 controls (and U+FFFD, which the HTML parser puts where a NUL was), bidi embeddings,
 * overrides and isolates, and invisible formatting characters: they can reorder or hide the text
 * around a name ("Trojan Source"). Right-to-left letters themselves stay.
 */
export const UNSAFE_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffd]/g;
const WHITESPACE_RUN = /[\s\u00a0\u2028\u2029]+/g;

/** Shortens to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Text from the page made safe to store and show: no control or bidi-override characters, one space between words, at most `max` long. */
export function cleanText(raw: string | null | undefined, max: number): string {
  if (!raw) return '';
  // Only look at a bounded prefix: a 2 MB attribute must not cost 2 MB of regex work.
  const bounded = raw.length > max * 4 + 64 ? raw.slice(0, max * 4 + 64) : raw;
  const cleaned = bounded.replace(UNSAFE_CHARACTERS, '').replace(WHITESPACE_RUN, ' ').trim();
  return truncate(cleaned, max).trim();
}

export function cleanName(raw: string | null | undefined): string {
  const name = cleanText(raw, MAIL_LIMITS.name);
  // A name that is only quotes (from `"" <a@b>`) says nothing.
  return name.replace(/^["'\s]+$/, '');
}

/** A lower-cased valid address, or null (malformed, too long, or not an address at all). */
export function parseAddress(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 320) return null;
  const candidate = raw
    .replace(UNSAFE_CHARACTERS, '')
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim();
  const result = emailAddressSchema.safeParse(candidate);
  return result.success ? result.data : null;
}

/** A participant from a name and an address read separately (e.g. Gmail's `name` and `email` attributes). */
export function toParticipant(
  name: string | null | undefined,
  address: string | null | undefined,
): Participant | null {
  const parsed = parseAddress(address);
  if (!parsed) return null;
  const cleaned = cleanName(name);
  return { name: cleaned === parsed ? '' : cleaned, address: parsed };
}

function unquote(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}

/** Splits an address list at commas and semicolons outside quotes and angle brackets. */
function splitAddressList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let inAngle = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (inQuotes && character === '\\' && index + 1 < text.length) {
      current += character + (text[index + 1] as string);
      index += 1;
      continue;
    }
    if (character === '"' && !inAngle) inQuotes = !inQuotes;
    else if (character === '<' && !inQuotes) inAngle = true;
    else if (character === '>' && !inQuotes) inAngle = false;
    if ((character === ',' || character === ';') && !inQuotes && !inAngle) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/** One mailbox written as `Name <addr>`, `"Chen, Amy" <addr>` or a bare `addr`. */
export function parseMailbox(text: string): Participant | null {
  const angle = /^(.*)<([^<>]*)>\s*$/s.exec(text.trim());
  if (angle) return toParticipant(unquote(angle[1] ?? ''), angle[2]);
  return toParticipant('', text);
}

export type ParsedAddressList = { participants: Participant[]; dropped: number };

/** Parses a header-style list ("Chen, Amy" <amy@x.tw>, bob@y.com; …). Malformed entries are counted, not thrown. */
export function parseAddressList(text: string, limit: number = MAIL_LIMITS.participants): ParsedAddressList {
  const list = new ParticipantList(limit);
  // A list longer than the limit's worth of addresses is cut, not parsed whole.
  for (const part of splitAddressList(text.slice(0, limit * 400))) {
    const participant = parseMailbox(part);
    if (participant) list.add(participant);
    else list.drop();
  }
  return { participants: list.participants, dropped: list.dropped };
}

/**
 * Collects participants for one field (to, cc): unique by address, the first non-empty name wins,
 * capped at `limit`; anything malformed or over the cap is counted in `dropped`.
 */
export class ParticipantList {
  readonly participants: Participant[] = [];
  dropped = 0;
  private readonly indexByAddress = new Map<string, number>();

  constructor(private readonly limit: number = MAIL_LIMITS.participants) {}

  add(participant: Participant | null): void {
    if (!participant) {
      this.dropped += 1;
      return;
    }
    const existing = this.indexByAddress.get(participant.address);
    if (existing !== undefined) {
      const current = this.participants[existing];
      if (current && !current.name && participant.name) current.name = participant.name;
      return;
    }
    if (this.participants.length >= this.limit) {
      this.dropped += 1;
      return;
    }
    this.indexByAddress.set(participant.address, this.participants.length);
    this.participants.push({ ...participant });
  }

  drop(): void {
    this.dropped += 1;
  }
}

/** The first address-looking token in a label ("Google Account: Rep (rep@example.com)"). */
export function findAddressIn(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = /[^\s()<>"',;:[\]]+@[^\s()<>"',;:[\]]+\.[^\s()<>"',;:[\]]+/.exec(text.slice(0, 2000));
  return match ? parseAddress(match[0]) : null;
}

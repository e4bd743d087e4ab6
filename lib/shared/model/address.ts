import { getDomain } from 'tldts';

/** Gmail ignores dots and "+tags" in the local part, and googlemail.com is the same mailbox. */
const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);
const GMAIL_CANONICAL_DOMAIN = 'gmail.com';

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return at < 0
    ? { local: address, domain: '' }
    : { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/**
 * The key that identifies a mailbox: the address lower-cased, and for Gmail without dots and
 * "+tag" in the local part, at gmail.com. Other providers' dots and tags are kept: there they
 * can name different mailboxes. Idempotent, so keys can be normalized again safely.
 */
export function normalizeAddress(address: string): string {
  const lowered = address.trim().toLowerCase();
  const { local, domain } = splitAddress(lowered);
  if (!GMAIL_DOMAINS.has(domain)) return lowered;
  const mailbox = (local.split('+')[0] ?? '').replaceAll('.', '');
  // "+x@gmail.com" is not a real mailbox; keep it as written rather than collapse it to "@gmail.com".
  return mailbox ? `${mailbox}@${GMAIL_CANONICAL_DOMAIN}` : lowered;
}

/** The distinct mailbox keys of a contact's addresses (the `addressKeys` index). */
export function addressKeysOf(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map(normalizeAddress))];
}

/**
 * The registrable domain of an address (`yijun@sales.acme.com.tw` → `acme.com.tw`), from the
 * ICANN section of the Public Suffix List only: private suffixes such as blogspot.com are not
 * company boundaries for mail. Null for IP literals, bare suffixes and malformed addresses.
 */
export function registrableDomainOf(address: string): string | null {
  const { domain } = splitAddress(address.trim().toLowerCase());
  if (!domain) return null;
  return getDomain(domain, { allowPrivateDomains: false, validateHostname: true }) ?? null;
}

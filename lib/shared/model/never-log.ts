import { z } from 'zod';
import { normalizeAddress } from './address';

/*
 * The never-log list: addresses and domains whose mail is never recorded. A pattern is one of
 *
 *   ceo@acme.com        that mailbox (at gmail.com, dots and +tags are ignored as Gmail does)
 *   *@bank.com.tw       every address at exactly bank.com.tw (not mail.bank.com.tw)
 *   bank.com.tw         bank.com.tw and all its subdomains (mail.bank.com.tw, tw.mail.bank.com.tw)
 *   *.bank.com.tw       subdomains of bank.com.tw only (also written *@*.bank.com.tw)
 *   noreply*@*          `*` in the part before the @ stands for any characters; after the @ the
 *                       domain may be exact, `*.domain` (subdomains only) or `*` (any domain)
 *
 * In a domain, `*` may only be the whole first label. Patterns are stored normalized: NFKC (so a
 * full-width ＠ typed with a Chinese IME counts), ideographic full stops read as dots, trimmed,
 * lower-cased, `@bank.com.tw` written `*@bank.com.tw`, repeated `*` collapsed. Unicode domains
 * match their punycode form and vice versa.
 */

export const NEVER_LOG_MAX_PATTERNS = 500;
/** The longest possible email address. */
export const NEVER_LOG_MAX_LENGTH = 254;

export const NEVER_LOG_PROBLEMS = [
  'empty',
  'too-long',
  'space',
  'separator',
  'several-at',
  'empty-domain',
  'everything',
  'local-characters',
  'wildcard-in-domain',
  'invalid-domain',
  'single-label',
] as const;
export type NeverLogProblem = (typeof NEVER_LOG_PROBLEMS)[number];

/** English messages for the data layer; the options page shows translated ones per line. */
export const NEVER_LOG_PROBLEM_MESSAGES: Record<NeverLogProblem, string> = {
  empty: 'is empty',
  'too-long': `is longer than ${NEVER_LOG_MAX_LENGTH} characters`,
  space: 'contains a space (put one pattern on each line)',
  separator: 'contains a comma or semicolon (put one pattern on each line)',
  'several-at': 'has more than one @',
  'empty-domain': 'has nothing after the @',
  everything: 'would match every address',
  'local-characters': 'has characters that cannot be in an email address before the @',
  'wildcard-in-domain': 'uses * inside a domain: * may only be the whole first part, as in *.bank.com.tw',
  'invalid-domain': 'is not a valid address or domain',
  'single-label': 'needs a domain with at least one dot, such as bank.com.tw',
};

/** Where a pattern's domain part reaches: `*`, exactly `d`, `d` and its subdomains, or subdomains only. */
type DomainScope =
  | { kind: 'any' }
  | { kind: 'exact'; domain: string }
  | { kind: 'tree'; domain: string }
  | { kind: 'subdomains'; domain: string };

type NeverLogRule =
  | { kind: 'address'; address: string }
  | { kind: 'domain'; scope: Exclude<DomainScope, { kind: 'any' }> }
  | { kind: 'local-wildcard'; local: RegExp; scope: DomainScope };

export type NeverLogCheck =
  | { ok: true; pattern: string; key: string }
  | { ok: false; pattern: string; problem: NeverLogProblem };

type ParsedPattern = { ok: true; key: string; rule: NeverLogRule } | { ok: false; problem: NeverLogProblem };

const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Characters that cannot appear unquoted before the @ (whitespace is refused earlier). */
const FORBIDDEN_LOCAL_CHARACTERS = /["(),:;<>[\\\]]/;
/** Chinese and Japanese input methods type these for "." in domains. */
const IDEOGRAPHIC_FULL_STOPS = /[\u3002\uff61]/g;

export function normalizeNeverLogPattern(text: string): string {
  const normalized = text.normalize('NFKC').replace(IDEOGRAPHIC_FULL_STOPS, '.').trim().toLowerCase();
  const withLocal = normalized.startsWith('@') ? `*${normalized}` : normalized;
  return withLocal.replace(/\*+/g, '*');
}

/** An ASCII (punycode) domain, or null when `domain` cannot be a host name. */
function asciiDomain(domain: string): string | null {
  if (/^[a-z0-9.-]*$/.test(domain)) return domain;
  // The URL parser would quietly drop a path or port ("銀行.tw/x"): only letters, digits, - and dots.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

function checkDomain(domain: string): { ok: true; domain: string } | { ok: false; problem: NeverLogProblem } {
  if (domain.includes('*')) return { ok: false, problem: 'wildcard-in-domain' };
  const ascii = asciiDomain(domain);
  if (ascii === null || ascii.length > 253) return { ok: false, problem: 'invalid-domain' };
  const labels = ascii.split('.');
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return { ok: false, problem: 'invalid-domain' };
  if (labels.length < 2) return { ok: false, problem: 'single-label' };
  // A numeric last label is an IP address, which is not a mail domain anyone types here.
  if (/^\d+$/.test(labels.at(-1) ?? '')) return { ok: false, problem: 'invalid-domain' };
  // googlemail.com is gmail.com, as in normalizeAddress.
  return { ok: true, domain: domainOf(normalizeAddress(`x@${ascii}`)) };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** `*`, `*.domain` or `domain` after the @; a bare pattern has no `*` form. */
function parseScope(
  text: string,
  bare: boolean,
): { ok: true; scope: DomainScope } | { ok: false; problem: NeverLogProblem } {
  if (text === '*' && !bare) return { ok: true, scope: { kind: 'any' } };
  const subdomainsOnly = text.startsWith('*.');
  const checked = checkDomain(subdomainsOnly ? text.slice(2) : text);
  if (!checked.ok) return checked;
  if (subdomainsOnly) return { ok: true, scope: { kind: 'subdomains', domain: checked.domain } };
  return { ok: true, scope: { kind: bare ? 'tree' : 'exact', domain: checked.domain } };
}

function scopeKey(scope: DomainScope): string {
  switch (scope.kind) {
    case 'any':
      return '*';
    case 'subdomains':
      return `*.${scope.domain}`;
    case 'exact':
    case 'tree':
      return scope.domain;
  }
}

function wildcardExpression(local: string): RegExp {
  const escaped = local.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

function parseNormalized(pattern: string): ParsedPattern {
  if (pattern === '') return { ok: false, problem: 'empty' };
  if (pattern.length > NEVER_LOG_MAX_LENGTH) return { ok: false, problem: 'too-long' };
  if (/\s/u.test(pattern)) return { ok: false, problem: 'space' };
  if (/[,;]/.test(pattern)) return { ok: false, problem: 'separator' };
  const parts = pattern.split('@');
  if (parts.length > 2) return { ok: false, problem: 'several-at' };

  if (parts.length === 1) {
    if (pattern === '*') return { ok: false, problem: 'everything' };
    const parsed = parseScope(pattern, true);
    if (!parsed.ok) return parsed;
    // parseScope gives 'any' only after an @.
    const scope = parsed.scope as Exclude<DomainScope, { kind: 'any' }>;
    return { ok: true, key: scopeKey(scope), rule: { kind: 'domain', scope } };
  }

  const [rawLocal = '', domainText = ''] = parts;
  if (domainText === '') return { ok: false, problem: 'empty-domain' };
  if (FORBIDDEN_LOCAL_CHARACTERS.test(rawLocal)) return { ok: false, problem: 'local-characters' };
  const parsed = parseScope(domainText, false);
  if (!parsed.ok) return parsed;
  const { scope } = parsed;
  if (rawLocal === '*') {
    if (scope.kind === 'any') return { ok: false, problem: 'everything' };
    // `*@*.d` is `*.d` written long: one rule, one key, so the two count as duplicates.
    const domainScope =
      scope.kind === 'subdomains' ? scope : { kind: 'exact' as const, domain: scope.domain };
    const key = domainScope.kind === 'exact' ? `*@${domainScope.domain}` : scopeKey(domainScope);
    return { ok: true, key, rule: { kind: 'domain', scope: domainScope } };
  }
  // At gmail.com the pattern reads its local part as Gmail does (dots and +tags dropped).
  const local =
    scope.kind === 'exact'
      ? (normalizeAddress(`${rawLocal}@${scope.domain}`).split('@')[0] ?? rawLocal)
      : rawLocal;
  const key = `${local}@${scopeKey(scope)}`;
  if (scope.kind === 'exact' && !local.includes('*')) {
    return { ok: true, key, rule: { kind: 'address', address: key } };
  }
  return { ok: true, key, rule: { kind: 'local-wildcard', local: wildcardExpression(local), scope } };
}

/**
 * Normalizes and checks one pattern. `key` is what the pattern matches, so two patterns with the
 * same key (`John.Smith@gmail.com`, `johnsmith@gmail.com`) are duplicates.
 */
export function checkNeverLogPattern(text: string): NeverLogCheck {
  const pattern = normalizeNeverLogPattern(text);
  const parsed = parseNormalized(pattern);
  return parsed.ok ? { ok: true, pattern, key: parsed.key } : { ok: false, pattern, problem: parsed.problem };
}

/** One never-log pattern, normalized. */
export const neverLogPatternSchema = z
  .string()
  .overwrite(normalizeNeverLogPattern)
  .superRefine((pattern, context) => {
    const parsed = parseNormalized(pattern);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: NEVER_LOG_PROBLEM_MESSAGES[parsed.problem] });
  });

/** The whole list: at most 500 patterns, none matching exactly what an earlier one matches. */
export const neverLogListSchema = z
  .array(neverLogPatternSchema)
  .max(NEVER_LOG_MAX_PATTERNS, `holds more than ${NEVER_LOG_MAX_PATTERNS} patterns`)
  .superRefine((patterns, context) => {
    const seen = new Map<string, string>();
    patterns.forEach((pattern, index) => {
      const parsed = parseNormalized(pattern);
      if (!parsed.ok) return;
      const earlier = seen.get(parsed.key);
      if (earlier === undefined) seen.set(parsed.key, pattern);
      else context.addIssue({ code: 'custom', path: [index], message: `repeats "${earlier}"` });
    });
  });

export type NeverLogLineProblem = {
  /** 1-based, counting blank lines, as the rep sees them. */
  line: number;
  text: string;
} & ({ problem: NeverLogProblem } | { problem: 'duplicate'; sameAsLine: number });

/**
 * Reads a list typed one pattern per line (blank lines ignored): the normalized patterns, and
 * each line's problem so that the form can name it.
 */
export function checkNeverLogLines(text: string): { patterns: string[]; problems: NeverLogLineProblem[] } {
  const patterns: string[] = [];
  const problems: NeverLogLineProblem[] = [];
  const lineOfKey = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const checked = checkNeverLogPattern(raw);
    if (!checked.ok) {
      problems.push({ line, text: raw.trim(), problem: checked.problem });
      return;
    }
    const sameAsLine = lineOfKey.get(checked.key);
    if (sameAsLine !== undefined) {
      problems.push({ line, text: raw.trim(), problem: 'duplicate', sameAsLine });
      return;
    }
    lineOfKey.set(checked.key, line);
    patterns.push(checked.pattern);
  });
  return { patterns, problems };
}

type AddressParts = { address: string; local: string; rawLocal: string; domain: string };

/** The address as the rules see it: Gmail-normalized, with a punycode domain. */
function addressParts(address: string): AddressParts | null {
  const lowered = address.trim().toLowerCase();
  const normalized = normalizeAddress(lowered);
  const at = normalized.lastIndexOf('@');
  if (at < 1) return null;
  const domain = asciiDomain(normalized.slice(at + 1));
  if (!domain) return null;
  const local = normalized.slice(0, at);
  return {
    address: `${local}@${domain}`,
    local,
    rawLocal: lowered.slice(0, lowered.lastIndexOf('@')),
    domain,
  };
}

function scopeMatches(scope: DomainScope, domain: string): boolean {
  switch (scope.kind) {
    case 'any':
      return true;
    case 'exact':
      return domain === scope.domain;
    case 'tree':
      return domain === scope.domain || domain.endsWith(`.${scope.domain}`);
    case 'subdomains':
      return domain.endsWith(`.${scope.domain}`);
  }
}

/**
 * A matcher for a never-log list: the first pattern (in list order) that catches `address`, or
 * null. Exact addresses and domains are looked up in maps, so a list of hundreds of patterns costs
 * a few lookups per address; only patterns with `*` before the @ are tried one by one. Throws on
 * an invalid pattern: a rule that cannot be enforced must stop logging, not be skipped.
 */
export function compileNeverLog(patterns: readonly string[]): (address: string) => string | null {
  const addresses = new Map<string, number>();
  const exactDomains = new Map<string, number>();
  const domainTrees = new Map<string, number>();
  const subdomainsOf = new Map<string, number>();
  const wildcards: { index: number; local: RegExp; scope: DomainScope }[] = [];
  const remember = (map: Map<string, number>, key: string, index: number) => {
    if (!map.has(key)) map.set(key, index);
  };

  patterns.forEach((text, index) => {
    const parsed = parseNormalized(normalizeNeverLogPattern(text));
    if (!parsed.ok) {
      throw new Error(`Never-log pattern ${index + 1} ${NEVER_LOG_PROBLEM_MESSAGES[parsed.problem]}`);
    }
    const { rule } = parsed;
    if (rule.kind === 'address') remember(addresses, rule.address, index);
    else if (rule.kind === 'local-wildcard') wildcards.push({ index, local: rule.local, scope: rule.scope });
    else if (rule.scope.kind === 'exact') remember(exactDomains, rule.scope.domain, index);
    else if (rule.scope.kind === 'tree') remember(domainTrees, rule.scope.domain, index);
    else remember(subdomainsOf, rule.scope.domain, index);
  });

  return (address) => {
    const parts = addressParts(address);
    if (!parts) return null;
    let first = Number.POSITIVE_INFINITY;
    const consider = (index: number | undefined) => {
      if (index !== undefined && index < first) first = index;
    };
    consider(addresses.get(parts.address));
    consider(exactDomains.get(parts.domain));
    // The domain, then every parent: mail.bank.com.tw → bank.com.tw → com.tw → tw.
    let suffix: string | null = parts.domain;
    while (suffix !== null) {
      consider(domainTrees.get(suffix));
      if (suffix !== parts.domain) consider(subdomainsOf.get(suffix));
      const dot: number = suffix.indexOf('.');
      suffix = dot < 0 ? null : suffix.slice(dot + 1);
    }
    for (const wildcard of wildcards) {
      if (wildcard.index >= first) break;
      if (!scopeMatches(wildcard.scope, parts.domain)) continue;
      if (wildcard.local.test(parts.local) || wildcard.local.test(parts.rawLocal)) consider(wildcard.index);
    }
    return Number.isFinite(first) ? (patterns[first] ?? null) : null;
  };
}

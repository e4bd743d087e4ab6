import type { Company, Contact, Deal } from '../../shared/model';

/**
 * Search keys for quick search. IndexedDB answers prefix queries on an index (`startsWith`), so
 * each record stores, in one multi-entry index:
 *  - every field value and every word, as typed (lower-cased): prefix matches ("acme" → "Acme
 *    Taiwan Ltd.", "yijun.chen@" → the address);
 *  - every proper suffix of every word, marked with INFIX_MARK: a prefix query on suffixes is a
 *    substring query, which is how Chinese is searched ("怡君" in "陳怡君": no spaces to split on).
 * A Chinese run counts as one word. Terms are cut to MAX_TERM_LENGTH; a cut term still answers
 * prefix queries, and candidates are always verified against the full text.
 *
 * Changing how terms are made changes stored data: add a schema version that derives them again.
 */
export const MAX_TERM_LENGTH = 24;
/** Words never start with it (they are letters and digits), so suffix terms have their own key range. */
export const INFIX_MARK = '~';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

/** Compatibility-folded (full-width "ＡＣＭＥ" → "acme") and lower-cased, whitespace collapsed. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function isCjkWord(word: string): boolean {
  return CJK.test(word.charAt(0));
}

/** Runs of letters and digits, split where the script changes between CJK and others ("poc時程" → poc, 時程). */
export function wordsOf(normalized: string): string[] {
  const words: string[] = [];
  for (const run of normalized.match(WORD) ?? []) {
    let start = 0;
    let cjk = CJK.test(run.charAt(0));
    for (let index = 1; index < run.length; index++) {
      const here = CJK.test(run.charAt(index));
      if (here !== cjk) {
        words.push(run.slice(start, index));
        start = index;
        cjk = here;
      }
    }
    words.push(run.slice(start));
  }
  return words;
}

/**
 * Shortest infix worth indexing: one Chinese character is a meaningful query; two Latin letters
 * inside a word match nearly everything and would only grow the index (shorter Latin queries
 * still match word and field prefixes).
 */
export function minimumInfixLength(word: string): number {
  return isCjkWord(word) ? 1 : 3;
}

/**
 * Terms for `texts` (whole value, words, word suffixes) and for `prefixOnlyTexts` (whole value
 * only: found by what they start with, at the cost of one index entry each).
 */
export function searchTermsOf(texts: readonly string[], prefixOnlyTexts: readonly string[] = []): string[] {
  const terms = new Set<string>();
  for (const text of prefixOnlyTexts) {
    const normalized = normalizeSearchText(text);
    if (normalized) terms.add(normalized.slice(0, MAX_TERM_LENGTH));
  }
  for (const text of texts) {
    const normalized = normalizeSearchText(text);
    if (!normalized) continue;
    terms.add(normalized.slice(0, MAX_TERM_LENGTH));
    for (const word of wordsOf(normalized)) {
      terms.add(word.slice(0, MAX_TERM_LENGTH));
      const shortest = minimumInfixLength(word);
      for (let start = 1; start <= word.length - shortest; start++) {
        terms.add(INFIX_MARK + word.slice(start, start + MAX_TERM_LENGTH));
      }
    }
  }
  return [...terms];
}

/**
 * A contact's terms: name, job title and the local parts of its addresses by word and substring;
 * each whole address and its domain by prefix. Substrings of domains are found on companies:
 * indexing them on every contact of a company would cost ~15 index entries per contact.
 */
export function contactSearchTerms(contact: Pick<Contact, 'name' | 'jobTitle' | 'emails'>): string[] {
  const localParts = contact.emails.map((address) => address.slice(0, Math.max(0, address.lastIndexOf('@'))));
  const domains = contact.emails.map((address) => address.slice(address.lastIndexOf('@') + 1));
  return searchTermsOf([contact.name, contact.jobTitle, ...localParts], [...contact.emails, ...domains]);
}

/** The searchable texts of each kind of record, most important first (ranking prefers earlier fields). */
export function contactSearchTexts(contact: Pick<Contact, 'name' | 'jobTitle' | 'emails'>): string[] {
  return [contact.name, contact.jobTitle, ...contact.emails];
}

export function companySearchTexts(company: Pick<Company, 'name' | 'domains'>): string[] {
  return [company.name, ...company.domains];
}

export function dealSearchTexts(deal: Pick<Deal, 'title'>): string[] {
  return [deal.title];
}

import type { EntityTable } from 'dexie';
import type { Company, Contact, Deal } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import {
  companySearchTexts,
  contactSearchTexts,
  dealSearchTexts,
  INFIX_MARK,
  MAX_TERM_LENGTH,
  minimumInfixLength,
  normalizeSearchText,
  wordsOf,
} from './search-terms';

export type SearchResult = { contacts: Contact[]; companies: Company[]; deals: Deal[] };

/**
 * How well a record matches, best first: a field equal to the query, a field starting with it,
 * a word starting with it, the query inside a word, every word of the query somewhere.
 */
export const MATCH_RANKS = ['exact', 'prefix', 'word-prefix', 'infix', 'all-words'] as const;
export type MatchRank = (typeof MATCH_RANKS)[number];

/**
 * Records read per kind and key range before ranking. Bounds the work on one-letter queries over
 * 100k contacts; range order puts exact and short words first, so the best matches are inside.
 */
const CANDIDATES_PER_RANGE = 200;

type Searchable = { id: string; deleted: boolean };
type Query = { text: string; words: string[]; longestWord: string };

/**
 * Finds deals, contacts and companies by name, title, address or domain: Latin text by prefix
 * or substring, case-insensitive; Chinese by any substring. Looks candidates up in the
 * `searchTerms` index (lib/extension/search/search-terms.ts), verifies them against the full text and
 * ranks them (MATCH_RANKS). At most `limit` of each kind; tombstones excluded.
 */
export async function searchCrm(
  database: DealsideDatabase,
  query: string,
  limit = 10,
): Promise<SearchResult> {
  const parsed = parseQuery(query);
  if (!parsed || limit <= 0) return { contacts: [], companies: [], deals: [] };
  const { contacts, companies, deals } = database;
  return database.transaction('r', [contacts, companies, deals], async () => {
    const [contactHits, companyHits, dealHits] = await Promise.all([
      searchTable(contacts, parsed, limit, contactSearchTexts),
      searchTable(companies, parsed, limit, companySearchTexts),
      searchTable(deals, parsed, limit, dealSearchTexts),
    ]);
    return { contacts: contactHits, companies: companyHits, deals: dealHits };
  });
}

function parseQuery(query: string): Query | null {
  const text = normalizeSearchText(query);
  const words = wordsOf(text);
  const longestWord = words.reduce((longest, word) => (word.length > longest.length ? word : longest), '');
  return longestWord ? { text, words, longestWord } : null;
}

/** The index ranges that can hold a match: the whole query as a prefix, its longest word as a prefix and as an infix. */
function rangesOf(query: Query): string[] {
  const ranges = new Set([query.text.slice(0, MAX_TERM_LENGTH), query.longestWord.slice(0, MAX_TERM_LENGTH)]);
  if (query.longestWord.length >= minimumInfixLength(query.longestWord)) {
    ranges.add(INFIX_MARK + query.longestWord.slice(0, MAX_TERM_LENGTH));
  }
  return [...ranges];
}

async function searchTable<T extends Searchable>(
  table: EntityTable<T, 'id'>,
  query: Query,
  limit: number,
  textsOf: (record: T) => string[],
): Promise<T[]> {
  const keyLists = await Promise.all(
    rangesOf(query).map((prefix) =>
      table
        .where('searchTerms')
        .startsWith(prefix)
        .limit(Math.max(CANDIDATES_PER_RANGE, limit * 4))
        .primaryKeys(),
    ),
  );
  const ids = [...new Set(keyLists.flat())];
  if (ids.length === 0) return [];
  const records = await table.bulkGet(ids);
  const ranked: { record: T; score: number[] }[] = [];
  for (const record of records) {
    if (!record || record.deleted) continue;
    const score = scoreOf(textsOf(record), query);
    if (score) ranked.push({ record, score });
  }
  ranked.sort(
    (left, right) => compareScores(left.score, right.score) || (left.record.id < right.record.id ? -1 : 1),
  );
  return ranked.slice(0, limit).map((entry) => entry.record);
}

/** [rank, field position, field length] of the best-matching field, or null when nothing matches. */
function scoreOf(texts: readonly string[], query: Query): number[] | null {
  let best: number[] | null = null;
  const normalizedTexts = texts.map(normalizeSearchText);
  normalizedTexts.forEach((text, field) => {
    const rank = rankIn(text, query.text);
    if (rank === null) return;
    const score = [rank, field, text.length];
    if (!best || compareScores(score, best) < 0) best = score;
  });
  if (best) return best;
  const everywhere = normalizedTexts.join('\n');
  return query.words.every((word) => everywhere.includes(word))
    ? [MATCH_RANKS.indexOf('all-words'), 0, everywhere.length]
    : null;
}

function rankIn(text: string, needle: string): number | null {
  if (text === needle) return MATCH_RANKS.indexOf('exact');
  if (text.startsWith(needle)) return MATCH_RANKS.indexOf('prefix');
  let at = text.indexOf(needle);
  if (at < 0) return null;
  for (; at >= 0; at = text.indexOf(needle, at + 1)) {
    if (startsWord(text, at)) return MATCH_RANKS.indexOf('word-prefix');
  }
  return MATCH_RANKS.indexOf('infix');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/** Latin words start after a non-letter; inside a Chinese run there are no word starts to find. */
function startsWord(text: string, at: number): boolean {
  return !LETTER_OR_DIGIT.test(text.charAt(at - 1));
}

function compareScores(left: readonly number[], right: readonly number[]): number {
  for (let index = 0; index < left.length; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

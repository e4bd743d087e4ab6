import { SETTINGS_KEY, type Settings, settingsSchema } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import { checkRecord, type FieldProblem, InvalidFormError } from '../db/field-problems';
import type { Language } from '../i18n/translate';

/**
 * The reasons offered when a deal is lost, until the team edits its own list (settings.lostReasons).
 * Kept here rather than in the UI catalogs because the chosen text is stored on the deal.
 */
export const DEFAULT_LOST_REASONS: Record<Language, readonly string[]> = {
  en: [
    'Price too high',
    'Chose a competitor',
    'No budget',
    'No decision / went quiet',
    'Bad timing',
    'Product does not fit',
    'Other',
  ],
  'zh-TW': ['價格過高', '選擇競爭對手', '沒有預算', '未做決定／失去聯繫', '時機不對', '產品不符需求', '其他'],
};

/** The list the "Mark lost" prompt offers: the team's own, else the built-in one in the user's language. */
export function lostReasonChoices(
  settings: Pick<Settings, 'lostReasons'>,
  language: Language,
): readonly string[] {
  return settings.lostReasons ?? DEFAULT_LOST_REASONS[language];
}

/**
 * Stores the team's list of lost reasons (trimmed, 1–30 reasons, no repeats ignoring case), or
 * null to go back to the built-in list. Problems are reported as `settings.lostReasons`.
 */
export function saveLostReasons(
  database: DealsideDatabase,
  reasons: readonly string[] | null,
  now: number = Date.now(),
): Promise<Settings> {
  return database.transaction('rw', database.settings, async () => {
    const problems: FieldProblem[] = [];
    const stored = await database.settings.get(SETTINGS_KEY);
    if (!stored) throw new InvalidFormError([{ field: 'settings', message: 'have not been created yet' }]);
    const settings = checkRecord(
      settingsSchema,
      'settings',
      { ...stored, lostReasons: reasons === null ? null : [...reasons], updatedAt: now },
      problems,
    );
    if (problems.length > 0 || !settings) throw new InvalidFormError(problems);
    await database.settings.put(settings);
    return settings;
  });
}

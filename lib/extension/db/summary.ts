import type { DealsideDatabase } from './database';

export type DatabaseSummary = {
  contacts: number;
  companies: number;
  openDeals: number;
  pendingReminders: number;
  /** Open pipeline value per currency; amounts in different currencies are never added together. */
  openValueByCurrency: Record<string, number>;
};

export async function summarizeDatabase(database: DealsideDatabase): Promise<DatabaseSummary> {
  return database.transaction(
    'r',
    [database.contacts, database.companies, database.deals, database.reminders],
    async () => {
      const live = <T extends { deleted: boolean }>(record: T) => !record.deleted;
      const [contacts, companies, openDeals, pendingReminders] = await Promise.all([
        database.contacts.filter(live).count(),
        database.companies.filter(live).count(),
        database.deals.where('status').equals('open').filter(live).toArray(),
        database.reminders.where('status').anyOf('pending', 'snoozed').filter(live).count(),
      ]);
      const openValueByCurrency: Record<string, number> = {};
      for (const deal of openDeals) {
        openValueByCurrency[deal.currency] = (openValueByCurrency[deal.currency] ?? 0) + deal.amount;
      }
      return { contacts, companies, openDeals: openDeals.length, pendingReminders, openValueByCurrency };
    },
  );
}

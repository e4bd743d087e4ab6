import type { WebWorker } from 'puppeteer-core';
import { NOTES } from '../../demo/data/demo-catalog';
import { createRandom } from '../../demo/data/random';
import { seededUlid } from '../../demo/data/seeded-ulid';
import type { Backup } from '../../lib/extension/backup/format';
import {
  type Activity,
  activitySchema,
  type EmailDetails,
  emailMessageKey,
  type Id,
} from '../../lib/shared/model';
import { LARGE_DATASET, type WorkerScope } from './large-database';

/** Issue 4's long history: one deal of the large database brought to this many activities. */
export const LONG_TIMELINE_ACTIVITIES = 5_000;
/** Removed activities (tombstones) among them, which a timeline page must skip. */
const REMOVED_SHARE = 0.02;
/** Activities recorded at the same instant as the one before (a stage change and its note). */
const TIED_SHARE = 0.05;
const YEAR_MS = 365 * 24 * 3_600_000;

const loadedInto = new WeakSet<WebWorker>();

/**
 * Adds activities to one open deal of the large database (already loaded) until it has
 * LONG_TIMELINE_ACTIVITIES, spread over three years, with tombstones and ties. Seeded, so the same
 * deal and history every run; added once per browser session. Returns the deal's id.
 */
export async function ensureLongTimelineDeal(worker: WebWorker, backup: Backup): Promise<Id> {
  const random = createRandom(4);
  const deal = random.pick(
    backup.deals.filter((candidate) => candidate.status === 'open' && candidate.contactIds.length > 0),
  );
  if (loadedInto.has(worker)) return deal.id;
  // Counted in the database, not the backup: a benchmark that ran before may have logged on it.
  const existing = await countActivities(worker, deal.id);
  const settings = backup.settings;
  if (!settings) throw new Error('the large dataset has no settings');
  const contactsById = new Map(backup.contacts.map((contact) => [contact.id, contact]));
  const user = { name: settings.user.name, address: settings.user.email };
  const kinds = [
    ['email', 50],
    ['note', 15],
    ['call', 12],
    ['meeting', 8],
    ['stage-change', 15],
  ] as const;

  const activities: Activity[] = [];
  let occurredAt = LARGE_DATASET.now - 3 * YEAR_MS;
  const step = (3 * YEAR_MS) / (LONG_TIMELINE_ACTIVITIES - existing);
  for (let index = existing; index < LONG_TIMELINE_ACTIVITIES; index++) {
    if (!random.chance(TIED_SHARE)) occurredAt += random.int(1, Math.floor(2 * step));
    const contactId = random.pick(deal.contactIds);
    const common = {
      id: seededUlid(random, occurredAt),
      createdAt: occurredAt,
      updatedAt: occurredAt,
      deleted: random.chance(REMOVED_SHARE),
      dealId: deal.id,
      contactIds: [contactId],
      companyId: deal.companyId,
      occurredAt,
      authorId: settings.user.id,
    };
    const kind = random.weighted(kinds);
    if (kind === 'email') {
      const contact = contactsById.get(contactId);
      const other = { name: contact?.name ?? '', address: contact?.emails[0] ?? 'someone@example.com' };
      const outbound = random.chance(0.55);
      const email: EmailDetails = {
        provider: 'gmail',
        providerMessageId: `bench-timeline-${index}`,
        rfcMessageId: `bench-timeline-${index}@mail.gmail.com`,
        threadId: `bench-timeline-thread-${Math.floor(index / 4)}`,
        threadUrl: `https://mail.google.com/mail/u/0/#inbox/benchtimeline${Math.floor(index / 4)}`,
        from: outbound ? user : other,
        to: [outbound ? other : user],
        cc: [],
        subject: random.pick(['報價單', 'Re: 報價單', '會議紀錄', 'Quotation', 'PoC 時程確認']),
        snippet: random.pick(NOTES.zh),
        body: null,
      };
      activities.push({ ...common, kind, email, messageKey: emailMessageKey(deal.id, email) });
    } else if (kind === 'stage-change') {
      activities.push({
        ...common,
        kind,
        fromStageId: null,
        toStageId: deal.stageId,
        skippedChecklistItemIds: [],
      });
    } else if (kind === 'note') {
      activities.push({ ...common, kind, text: random.pick(NOTES.zh) });
    } else {
      activities.push({
        ...common,
        kind,
        durationMinutes: random.int(3, 90),
        outcome: '',
        text: random.pick(NOTES.zh),
      });
    }
  }
  for (const activity of activities) activitySchema.parse(activity);

  await worker.evaluate(async (records) => {
    await (globalThis as WorkerScope).dealsideTest?.database.activities.bulkPut(records);
  }, activities);
  const total = await countActivities(worker, deal.id);
  if (total !== LONG_TIMELINE_ACTIVITIES)
    throw new Error(`The long timeline has ${total} activities, not ${LONG_TIMELINE_ACTIVITIES}`);
  loadedInto.add(worker);
  return deal.id;
}

/** All of a deal's activities, removed ones included. */
async function countActivities(worker: WebWorker, dealId: Id): Promise<number> {
  return worker.evaluate(async (id) => {
    const database = (globalThis as WorkerScope).dealsideTest?.database;
    if (!database) throw new Error('no dealsideTest hook');
    return database.activities
      .where('[dealId+occurredAt]')
      .between([id, 0], [id, Number.POSITIVE_INFINITY])
      .count();
  }, dealId);
}

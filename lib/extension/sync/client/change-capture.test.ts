import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase, isolatedIndexedDb } from '@/tests/unit/isolated-database';
import { makeContact, makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import {
  capturedFields,
  enableCapture,
  outboxEntries,
  setCaptureEnabled,
} from '../../../../tests/support/sync-client';
import { compareHlc, decodeHlc } from '../../../shared/sync/hlc';
import { LIMITS } from '../../../shared/sync/protocol';
import { putRecord } from '../../db/collections';
import { DealsideDatabase } from '../../db/database';
import { skipChangeCapture } from './change-capture';

describe('change capture', () => {
  it('records a new record as all its synced fields, without the id or derived index fields', async () => {
    const database = isolatedDatabase();
    const clientId = await enableCapture(database);
    const contact = makeContact();
    await database.contacts.add(contact);

    const [entry, ...rest] = await outboxEntries(database);
    expect(rest).toEqual([]);
    expect(entry?.mutationId).toBe(1);
    const { id: _id, ...fields } = contact;
    expect(Object.fromEntries(entry?.changes.map((change) => [change.field, change.value]) ?? [])).toEqual(
      fields,
    );
    expect(entry?.changes.every((change) => change.recordId === contact.id)).toBe(true);
    expect(decodeHlc(entry?.changes[0]?.hlc as string).node).toBe(clientId);
    expect(entry?.editCount).toBe(entry?.changes.filter((change) => change.field !== 'updatedAt').length);
    database.close();
  });

  it('records an edit as the changed fields, with a later clock', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const deal = makeDeal(makePipeline());
    await database.deals.add(deal);
    await database.deals.update(deal.id, { amount: 900_000, updatedAt: NOW + 1 });

    const [created, edited] = await outboxEntries(database);
    expect(edited?.mutationId).toBe(2);
    expect(edited?.changes.map((change) => [change.field, change.value])).toEqual([
      ['updatedAt', NOW + 1],
      ['amount', 900_000],
    ]);
    const createdAmount = created?.changes.find((change) => change.field === 'amount');
    const editedAmount = edited?.changes.find((change) => change.field === 'amount');
    expect(compareHlc(editedAmount?.hlc as string, createdAmount?.hlc as string)).toBe(1);
    database.close();
  });

  it('records nothing for a write that changes nothing', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const deal = makeDeal(makePipeline());
    await database.deals.add(deal);
    await database.deals.put({ ...deal, contactIds: [...deal.contactIds] });
    expect(await database.outbox.count()).toBe(1);
    database.close();
  });

  it('records a tombstone as the deleted flag, and a hard delete of a live record as a tombstone', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const pipeline = makePipeline();
    const removed = makeDeal(pipeline);
    const erased = makeDeal(pipeline);
    await database.deals.bulkAdd([removed, erased]);
    await putRecord(database, 'deals', { ...removed, deleted: true, updatedAt: NOW + 5 });
    await database.deals.delete(erased.id);
    // Erasing a tombstone tells the team nothing new.
    await database.deals.delete(removed.id);

    const [, tombstone, hardDelete, ...rest] = await capturedFields(database);
    expect(tombstone).toEqual({ deleted: true, updatedAt: NOW + 5 });
    expect(hardDelete).toEqual({ deleted: true });
    expect(rest).toEqual([]);
    database.close();
  });

  it('records a cleared table (a backup restore) as tombstones, then the restored records anew', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const pipeline = makePipeline();
    const deals = [makeDeal(pipeline), makeDeal(pipeline)];
    await database.deals.bulkAdd(deals);
    await database.transaction('rw', database.deals, async () => {
      await database.deals.clear();
      await database.deals.bulkAdd(deals);
    });

    const [, cleared, restored] = await outboxEntries(database);
    expect(cleared?.changes.map((change) => [change.recordId, change.field, change.value])).toEqual(
      deals.map((deal) => [deal.id, 'deleted', true]),
    );
    const restoredDeleted = restored?.changes.filter((change) => change.field === 'deleted');
    expect(restoredDeleted?.map((change) => change.value)).toEqual([false, false]);
    // The restore's clock is later than the clear's, so the server ends with the records alive.
    expect(compareHlc(restoredDeleted?.[0]?.hlc as string, cleared?.changes[0]?.hlc as string)).toBe(1);
    database.close();
  });

  it('captures only the writes of a bulk add that succeeded', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const pipeline = makePipeline();
    const existing = makeDeal(pipeline);
    const fresh = makeDeal(pipeline);
    await database.deals.add(existing);
    await database.transaction('rw', database.deals, async () => {
      await database.deals.bulkAdd([{ ...existing, title: 'Twice' }, fresh]).catch(() => undefined);
    });
    const [, second] = await outboxEntries(database);
    expect(new Set(second?.changes.map((change) => change.recordId))).toEqual(new Set([fresh.id]));
    expect((await database.deals.get(existing.id))?.title).toBe(existing.title);
    database.close();
  });

  it('splits a large write into mutations the server takes, never splitting a record', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const pipeline = makePipeline();
    const deals = Array.from({ length: 300 }, () => makeDeal(pipeline));
    await database.deals.bulkAdd(deals);

    const entries = await outboxEntries(database);
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.map((entry) => entry.mutationId)).toEqual(entries.map((_, index) => index + 1));
    expect(entries.every((entry) => entry.changes.length <= LIMITS.maxChangesPerMutation)).toBe(true);
    const entryOfRecord = new Map<string, number>();
    for (const entry of entries) {
      for (const change of entry.changes) {
        expect(entryOfRecord.get(change.recordId) ?? entry.mutationId).toBe(entry.mutationId);
        entryOfRecord.set(change.recordId, entry.mutationId);
      }
    }
    expect(entryOfRecord.size).toBe(deals.length);
    database.close();
  });

  it('records nothing while capture is off, before it was ever set up, or when applying pulled data', async () => {
    const database = isolatedDatabase();
    const pipeline = makePipeline();
    await database.deals.add(makeDeal(pipeline));
    await enableCapture(database);
    await setCaptureEnabled(database, false);
    await database.deals.add(makeDeal(pipeline));
    await setCaptureEnabled(database, true);
    await database.transaction('rw', database.deals, async (transaction) => {
      skipChangeCapture(transaction);
      await database.deals.add(makeDeal(pipeline));
    });
    expect(await database.outbox.count()).toBe(0);
    expect(await database.deals.count()).toBe(3);
    database.close();
  });

  it('leaves neither the record nor its outbox entry when the transaction fails', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const deal = makeDeal(makePipeline());
    await expect(
      database.transaction('rw', database.deals, async () => {
        await database.deals.add(deal);
        throw new Error('the form was invalid after all');
      }),
    ).rejects.toThrow('the form was invalid');
    expect(await database.deals.count()).toBe(0);
    expect(await database.outbox.count()).toBe(0);
    expect((await database.syncState.get('device'))?.key).toBe('device');
    expect(await database.syncState.get('device')).toMatchObject({ nextMutationId: 1, lastHlc: null });
    database.close();
  });

  it('diffs each write of one transaction against the one before it, even when they run at once', async () => {
    const database = isolatedDatabase();
    await enableCapture(database);
    const deal = makeDeal(makePipeline());
    await database.deals.add(deal);
    await database.transaction('rw', database.deals, async () => {
      await Promise.all([
        database.deals.put({ ...deal, amount: 1 }),
        database.deals.put({ ...deal, amount: 2, title: 'Renamed' }),
        database.deals.put({ ...deal, amount: 2 }),
      ]);
    });
    expect((await capturedFields(database)).slice(1)).toEqual([
      { amount: 1 },
      { amount: 2, title: 'Renamed' },
      { title: deal.title },
    ]);
    database.close();
  });

  it('announces the outbox change with the write, so the background hears of it in every context', async () => {
    const database = isolatedDatabase('announced');
    await enableCapture(database);
    const announced: string[] = [];
    const listener = (parts: Record<string, unknown>) => announced.push(...Object.keys(parts));
    Dexie.on('storagemutated', listener);
    await database.deals.add(makeDeal(makePipeline()));
    Dexie.on('storagemutated').unsubscribe(listener);
    expect(announced).toContain('idb://announced/outbox/');
    database.close();
  });

  it('shares one clock and one counter between two connections to the same database', async () => {
    const factory = isolatedIndexedDb();
    const first = new DealsideDatabase('shared', factory);
    const second = new DealsideDatabase('shared', factory);
    await enableCapture(first);
    const pipeline = makePipeline();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? first : second).deals.add(makeDeal(pipeline)),
      ),
    );
    const entries = await outboxEntries(second);
    expect(entries.map((entry) => entry.mutationId)).toEqual(entries.map((_, index) => index + 1));
    const clocks = entries.map((entry) => entry.changes[0]?.hlc as string);
    expect(new Set(clocks).size).toBe(20);
    expect([...clocks].sort(compareHlc)).toEqual(clocks);
    first.close();
    second.close();
  });
});

import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makeEmailActivity, makePipeline, NOW } from '@/tests/unit/records';
import { capturedFields, enableCapture } from '../../../../tests/support/sync-client';
import type { Activity, Deal, EmailActivity } from '../../../shared/model';
import { encodeHlc } from '../../../shared/sync/hlc';
import type { JsonValue, PulledRecord, SyncCollection } from '../../../shared/sync/protocol';
import type { DealsideDatabase } from '../../db/database';
import { applyPulledRecords } from './apply-pull';
import { readSyncStatus } from './sync-account';

const serverHlc = (offset = 0) => encodeHlc({ wall: NOW + offset, counter: 0, node: 'server' });

/** A record as the server sends it: every field but the id, all stamped with one clock. */
function pulled(
  collection: SyncCollection,
  record: { id: string } & Record<string, unknown>,
  seq: number,
  hlc = serverHlc(),
): PulledRecord {
  const { id, ...fields } = record as { id: string } & Record<string, JsonValue>;
  return {
    hidden: false,
    collection,
    id,
    seq,
    fields: Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, { value, hlc }])),
  };
}

async function connectedDatabase(): Promise<DealsideDatabase> {
  const database = isolatedDatabase();
  await enableCapture(database);
  return database;
}

describe('applying pulled records', () => {
  it('stores new records as the server sent them, remembers their field clocks, and echoes nothing back', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    const result = await applyPulledRecords(database, [pulled('deals', deal, 1)]);

    expect(result).toEqual({ applied: 1, hidden: 0, quarantined: 0, yielded: 0 });
    expect(await database.deals.get(deal.id)).toEqual(deal);
    expect((await database.syncFields.get(`deals/${deal.id}`))?.hlcs.amount).toBe(serverHlc());
    expect(await database.outbox.count()).toBe(0);
    database.close();
  });

  it('keeps a field the rep changed and has not sent yet, and takes the server’s other fields', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    await applyPulledRecords(database, [pulled('deals', deal, 1)]);
    await database.deals.update(deal.id, { amount: 5_000 });

    await applyPulledRecords(database, [
      pulled('deals', { ...deal, amount: 7_000, title: 'Renamed on the team' }, 2, serverHlc(10)),
    ]);
    const stored = await database.deals.get(deal.id);
    expect(stored?.amount).toBe(5_000);
    expect(stored?.title).toBe('Renamed on the team');
    const hlcs = (await database.syncFields.get(`deals/${deal.id}`))?.hlcs;
    expect(hlcs?.title).toBe(serverHlc(10));
    expect(hlcs?.amount).not.toBe(serverHlc(10));
    // The pending change is still there, to win or lose on the server.
    expect(await capturedFields(database)).toEqual([{ amount: 5_000 }]);
    database.close();
  });

  it('drops the local copy of a record the server no longer shows, and its field clocks', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    await applyPulledRecords(database, [pulled('deals', deal, 1)]);
    const result = await applyPulledRecords(database, [
      { hidden: true, collection: 'deals', id: deal.id, seq: 2 },
    ]);
    expect(result.hidden).toBe(1);
    expect(await database.deals.get(deal.id)).toBeUndefined();
    expect(await database.syncFields.get(`deals/${deal.id}`)).toBeUndefined();
    database.close();
  });

  it('keeps a merge the schema refuses in quarantine, leaves the local copy, and applies the next valid version', async () => {
    const database = await connectedDatabase();
    const lost: Deal = { ...makeDeal(makePipeline()), status: 'lost', lostReason: 'Budget' };
    await applyPulledRecords(database, [pulled('deals', lost, 1)]);
    // The rep rewords the lost reason while a colleague marks the deal won (and clears the reason).
    await database.deals.update(lost.id, { lostReason: 'Budget cut in Q3' });
    const won = { ...lost, status: 'won', lostReason: null };
    const result = await applyPulledRecords(database, [pulled('deals', won, 2, serverHlc(10))]);

    expect(result.quarantined).toBe(1);
    expect(await database.deals.get(lost.id)).toMatchObject({
      status: 'lost',
      lostReason: 'Budget cut in Q3',
    });
    const [kept] = await database.syncQuarantine.toArray();
    expect(kept).toMatchObject({
      collection: 'deals',
      recordId: lost.id,
      seq: 2,
      record: { status: 'won', lostReason: 'Budget cut in Q3' },
      issues: [{ path: 'lostReason', message: 'is only recorded for lost deals' }],
    });
    expect((await readSyncStatus(database)).quarantined).toBe(1);

    // The rep's change reached the server and lost; the server's record comes back whole.
    await database.outbox.clear();
    await applyPulledRecords(database, [pulled('deals', won, 3, serverHlc(20))]);
    expect(await database.deals.get(lost.id)).toMatchObject({ status: 'won', lostReason: null });
    expect(await database.syncQuarantine.count()).toBe(0);
    database.close();
  });

  it('lets a local email log not yet sent yield its message key to the same message logged elsewhere', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    const mine = makeEmailActivity(deal) as EmailActivity;
    await database.activities.add(mine);
    const theirs = { ...(makeEmailActivity(deal) as EmailActivity), messageKey: mine.messageKey } as Activity;

    const result = await applyPulledRecords(database, [pulled('activities', theirs, 1)]);
    expect(result.yielded).toBe(1);
    expect(await database.activities.get(theirs.id)).toEqual(theirs);
    expect(await database.activities.get(mine.id)).toEqual({
      ...mine,
      deleted: true,
      messageKey: `${mine.messageKey}#dup:${mine.id}`,
    });
    // Exactly what the server does with the second log, sent as the rep's own change.
    expect((await capturedFields(database)).at(-1)).toEqual({
      deleted: true,
      messageKey: `${mine.messageKey}#dup:${mine.id}`,
    });
    database.close();
  });

  it('applies a page where one activity gives up a message key and another takes it, in either order', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    const first = makeEmailActivity(deal) as EmailActivity;
    await applyPulledRecords(database, [pulled('activities', first, 1)]);
    const second = {
      ...(makeEmailActivity(deal) as EmailActivity),
      messageKey: first.messageKey,
    } as Activity;
    const renamedFirst = { ...first, deleted: true, messageKey: `${first.messageKey}#dup:${first.id}` };

    await applyPulledRecords(database, [
      pulled('activities', second, 2, serverHlc(5)),
      pulled('activities', renamedFirst, 3, serverHlc(5)),
    ]);
    expect(await database.activities.get(second.id)).toEqual(second);
    expect(await database.activities.get(first.id)).toEqual(renamedFirst);
    expect(await database.outbox.count()).toBe(0);
    database.close();
  });

  it('keeps a live local log’s key when a removed log of the same message arrives', async () => {
    const database = await connectedDatabase();
    const deal = makeDeal(makePipeline());
    const live = makeEmailActivity(deal) as EmailActivity;
    await applyPulledRecords(database, [pulled('activities', live, 1)]);
    const removed = {
      ...(makeEmailActivity(deal) as EmailActivity),
      messageKey: live.messageKey,
      deleted: true,
    } as Activity;

    await applyPulledRecords(database, [pulled('activities', removed, 2)]);
    expect(await database.activities.get(live.id)).toEqual(live);
    expect(await database.activities.get(removed.id)).toEqual({
      ...removed,
      messageKey: `${live.messageKey}#dup:${removed.id}`,
    });
    // On the server a removed log may share the key: nothing to send.
    expect(await database.outbox.count()).toBe(0);
    database.close();
  });
});

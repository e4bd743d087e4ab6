import { expect, it } from 'vitest';
import { makeReminder } from '@/tests/unit/records';
import { readConflicts } from '../admin';
import { describeOnEachDriver } from '../test-support/databases';
import { fieldsOf, noteRecord, TestClient, testServer, testTeam } from '../test-support/test-server';

await describeOnEachDriver('visibility', 'who sees what', (test) => {
  async function setup() {
    const server = testServer(test.database);
    const team = await testTeam(test.database, { Mei: 'rep', Wei: 'rep', Lin: 'manager', Ada: 'admin' });
    return {
      team,
      mei: new TestClient(server, team.users.Mei),
      wei: new TestClient(server, team.users.Wei),
      lin: new TestClient(server, team.users.Lin),
      ada: new TestClient(server, team.users.Ada),
    };
  }

  it('shows a reminder to its creator only; everyone else gets a hidden entry', async () => {
    const { mei, wei, lin, ada } = await setup();
    const reminder = makeReminder();
    await mei.pushOk(mei.mutation(mei.changes('reminders', reminder.id, fieldsOf(reminder))));
    expect((await mei.state()).get(`reminders/${reminder.id}`)).toEqual(fieldsOf(reminder));
    for (const other of [wei, lin, ada]) {
      expect((await other.state()).get(`reminders/${reminder.id}`)).toBe('hidden');
    }
  });

  it('refuses a change to someone else’s reminder into the conflict record', async () => {
    const { team, mei, lin } = await setup();
    const reminder = makeReminder();
    await mei.pushOk(mei.mutation(mei.changes('reminders', reminder.id, fieldsOf(reminder))));
    await lin.pushOk(
      lin.mutation(lin.changes('reminders', reminder.id, { title: 'Hijacked', status: 'done' })),
    );
    expect((await mei.state()).get(`reminders/${reminder.id}`)).toEqual(fieldsOf(reminder));
    const conflicts = await readConflicts(test.database, team.id);
    expect(conflicts.map((conflict) => [conflict.field, conflict.reason, conflict.loser.userId])).toEqual([
      ['title', 'forbidden', team.users.Lin.id],
      ['status', 'forbidden', team.users.Lin.id],
    ]);
    expect(conflicts[0]?.winner).toMatchObject({ value: reminder.title, userId: team.users.Mei.id });
  });

  it('shows a private activity to its creator, managers and admins, and hides it from other reps', async () => {
    const { mei, wei, lin, ada } = await setup();
    const secret = noteRecord(mei.user.id, { private: true });
    await mei.pushOk(mei.mutation(mei.changes('activities', secret.id, fieldsOf(secret))));
    for (const viewer of [mei, lin, ada]) {
      expect((await viewer.state()).get(`activities/${secret.id}`)).toMatchObject({ private: true });
    }
    expect((await wei.state()).get(`activities/${secret.id}`)).toBe('hidden');
  });

  it('tells a rep to drop an activity once it is made private', async () => {
    const { mei, wei } = await setup();
    const activity = noteRecord(mei.user.id);
    await mei.pushOk(mei.mutation(mei.changes('activities', activity.id, fieldsOf(activity))));
    const { records, cursor } = await wei.pullAll();
    expect(records.get(`activities/${activity.id}`)?.hidden).toBe(false);
    await mei.pullAll();
    await mei.pushOk(mei.mutation(mei.changes('activities', activity.id, { private: true })));
    const next = await wei.pullAll(cursor);
    expect(next.records.get(`activities/${activity.id}`)).toEqual({
      hidden: true,
      collection: 'activities',
      id: activity.id,
      seq: expect.any(Number),
    });
  });

  it('lets a manager remove a rep’s private activity, but not another rep', async () => {
    const { team, mei, wei, lin } = await setup();
    const secret = noteRecord(mei.user.id, { private: true });
    await mei.pushOk(mei.mutation(mei.changes('activities', secret.id, fieldsOf(secret))));
    await wei.pushOk(wei.mutation(wei.changes('activities', secret.id, { deleted: true })));
    expect((await mei.state()).get(`activities/${secret.id}`)).toMatchObject({ deleted: false });
    expect((await readConflicts(test.database, team.id)).map((conflict) => conflict.reason)).toEqual([
      'forbidden',
    ]);
    await lin.pullAll();
    await lin.pushOk(lin.mutation(lin.changes('activities', secret.id, { deleted: true })));
    expect((await mei.state()).get(`activities/${secret.id}`)).toMatchObject({ deleted: true });
  });
});

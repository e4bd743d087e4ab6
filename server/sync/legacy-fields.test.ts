import { expect, it } from 'vitest';
import { makeContact } from '@/tests/unit/records';
import { readConflicts } from '../admin';
import { migrate } from '../db/migrate';
import { describeOnEachDriver } from '../test-support/databases';
import { fieldsOf, TestClient, testServer, testTeam } from '../test-support/test-server';

await describeOnEachDriver(
  'legacy-fields',
  'contacts from extensions that called the job title title',
  (test) => {
    async function setup() {
      const server = testServer(test.database);
      const team = await testTeam(test.database, { Mei: 'rep', Wei: 'rep' });
      return {
        team,
        mei: new TestClient(server, team.users.Mei),
        wei: new TestClient(server, team.users.Wei),
      };
    }

    /** A contact's fields as an extension before database version 9 pushes them. */
    function legacyFields(contact: ReturnType<typeof makeContact>) {
      const { jobTitle, ...fields } = fieldsOf(contact);
      return { ...fields, title: jobTitle ?? '' };
    }

    it('stores a contact’s `title` from an older extension as jobTitle, its edits ordered by the same clock', async () => {
      const { team, mei, wei } = await setup();
      const contact = makeContact({ jobTitle: '採購經理' });
      const created = mei.changes('contacts', contact.id, legacyFields(contact));
      await mei.pushOk(mei.mutation(created));

      const { records } = await wei.pullAll();
      const pulled = records.get(`contacts/${contact.id}`);
      if (!pulled || pulled.hidden) throw new Error('contact missing');
      expect(pulled.fields).not.toHaveProperty('title');
      expect(pulled.fields.jobTitle).toEqual({
        value: '採購經理',
        hlc: created.find((change) => change.field === 'title')?.hlc,
      });

      // Wei (updated) retitles; Mei's old extension, not having seen that, retitles too: a conflict on jobTitle.
      await wei.pushOk(wei.mutation(wei.changes('contacts', contact.id, { jobTitle: '資深採購經理' })));
      const [staleEdit] = mei.changes('contacts', contact.id, { title: '採購主任' });
      if (!staleEdit) throw new Error('no change');
      const firstHlc = created.find((change) => change.field === 'title')?.hlc ?? null;
      await mei.pushOk(mei.mutation([{ ...staleEdit, baseHlc: firstHlc }]));
      const conflicts = await readConflicts(test.database, team.id);
      expect(conflicts.map((conflict) => [conflict.collection, conflict.field, conflict.reason])).toEqual([
        ['contacts', 'jobTitle', 'concurrent'],
      ]);
      const state = (await wei.state()).get(`contacts/${contact.id}`);
      expect(state).toMatchObject({ jobTitle: conflicts[0]?.winner?.value });
      expect(state).not.toHaveProperty('title');
    });

    it('renames `title` in the contacts it stored before (migration 002), tombstones too, keeping each clock', async () => {
      const { mei, wei } = await setup();
      const live = makeContact({ jobTitle: 'CTO' });
      const departed = makeContact({
        emails: ['cm.lin@hongda.com.tw'],
        jobTitle: '資訊部經理',
        deleted: true,
      });
      await mei.pushOk(
        mei.mutation(mei.changes('contacts', live.id, fieldsOf(live))),
        mei.mutation(mei.changes('contacts', departed.id, fieldsOf(departed))),
      );
      const before = await wei.pullAll();
      // As a server before migration 002 stored them.
      await test.database.query(
        `UPDATE records SET fields = jsonb_build_object('title', fields -> 'jobTitle') || (fields - 'jobTitle')
       WHERE collection = 'contacts'`,
      );
      await test.database.query('DELETE FROM schema_migrations WHERE version = 2');
      expect(await migrate(test.database)).toEqual([2]);

      const after = await wei.pullAll();
      for (const contact of [live, departed]) {
        const key = `contacts/${contact.id}`;
        expect(after.records.get(key)).toEqual(before.records.get(key));
      }
      const rows = await test.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM records WHERE collection = 'contacts' AND fields ? 'title'",
      );
      expect(rows).toEqual([{ n: 0 }]);
    });
  },
);

import { expect, it } from 'vitest';
import { meResponseSchema } from '@/lib/shared/sync/protocol';
import { makeCompany, makeDeal, makePipeline, makeReminder } from '@/tests/unit/records';
import { readConflicts } from './admin';
import { describeOnEachDriver } from './test-support/databases';
import { fieldsOf, TestClient, testServer, testTeam } from './test-support/test-server';

/**
 * Team A's users, holding every id of team B they could learn or guess, against every endpoint:
 * each request is refused or stays inside team A, and team B's data, read through B's own tokens
 * before and after, does not change.
 */
await describeOnEachDriver('team isolation', 'team A against team B', (test) => {
  async function setup() {
    const server = testServer(test.database);
    const teamA = await testTeam(test.database, { Ann: 'rep', Abe: 'admin' });
    const teamB = await testTeam(test.database, { Bo: 'rep', Bea: 'manager' });
    const bo = new TestClient(server, teamB.users.Bo);
    const bea = new TestClient(server, teamB.users.Bea);
    const pipeline = makePipeline();
    const company = makeCompany();
    const deal = makeDeal(pipeline, { companyId: company.id });
    const reminder = makeReminder({ dealId: deal.id });
    await bo.pushOk(
      bo.mutation(bo.changes('companies', company.id, fieldsOf(company))),
      bo.mutation(bo.changes('deals', deal.id, fieldsOf(deal))),
      bo.mutation(bo.changes('reminders', reminder.id, fieldsOf(reminder))),
    );
    await bea.pullAll();
    // A conflict, so B's conflict record is not empty.
    await bea.pushOk(bea.mutation(bea.changes('deals', deal.id, { amount: 5 })));
    await bo.pushOk(bo.mutation(bo.changes('deals', deal.id, { amount: 7 })));
    const snapshotB = async () => ({
      bo: await new TestClient(server, teamB.users.Bo).state(),
      bea: await new TestClient(server, teamB.users.Bea).state(),
      me: await (await bo.request('/v1/me')).json(),
      conflicts: await readConflicts(test.database, teamB.id),
    });
    return {
      server,
      teamA,
      teamB,
      bo,
      ids: { company: company.id, deal: deal.id, reminder: reminder.id },
      before: await snapshotB(),
      snapshotB,
      ann: new TestClient(server, teamA.users.Ann),
      abe: new TestClient(server, teamA.users.Abe),
    };
  }

  it('GET /v1/me shows only the caller’s team and members', async () => {
    const { teamA, teamB, abe, snapshotB, before } = await setup();
    const me = meResponseSchema.parse(await (await abe.request('/v1/me')).json());
    expect(me.team.id).toBe(teamA.id);
    const memberIds = me.members.map((member) => member.id);
    expect(memberIds.sort()).toEqual([teamA.users.Ann.id, teamA.users.Abe.id].sort());
    expect(JSON.stringify(me)).not.toContain(teamB.id);
    expect(await snapshotB()).toEqual(before);
  });

  it('GET /v1/pull never returns another team’s records, from any cursor', async () => {
    const { ids, abe, ann, snapshotB, before } = await setup();
    for (const client of [abe, ann]) {
      for (const after of [0, 1, 2, 3, 1_000_000]) {
        const response = await client.request(`/v1/pull?after=${after}`);
        expect(response.status).toBe(200);
        const text = await response.text();
        for (const id of Object.values(ids)) expect(text).not.toContain(id);
      }
    }
    expect(await snapshotB()).toEqual(before);
  });

  it('POST /v1/push with team B’s client id is refused with 403', async () => {
    const { server, teamA, ids, bo, snapshotB, before } = await setup();
    const intruder = new TestClient(server, teamA.users.Abe, bo.clientId);
    // Bo has pushed mutations 1 to 4: the intruder sends 5, Bo's next, which must neither apply
    // nor move Bo's counter.
    for (let skipped = 0; skipped < 4; skipped++) intruder.mutation([]);
    const response = await intruder.push(
      intruder.mutation(intruder.changes('companies', ids.company, { notes: 'x' })),
    );
    expect(response.status).toBe(403);
    expect(await snapshotB()).toEqual(before);
    expect(
      (await bo.pushOk(bo.mutation(bo.changes('companies', ids.company, { notes: 'B' })))).acknowledged,
    ).toBe(5);
  });

  it('POST /v1/push with team B’s record ids writes only inside team A', async () => {
    const { teamA, ids, ann, abe, snapshotB, before } = await setup();
    const response = await ann.push(
      ann.mutation([
        ...ann.changes('deals', ids.deal, { title: 'Stolen deal', deleted: true }),
        ...ann.changes('companies', ids.company, { name: 'Renamed by A' }),
        ...ann.changes('reminders', ids.reminder, { status: 'done' }),
      ]),
    );
    expect(response.status).toBe(200);
    expect(await snapshotB()).toEqual(before);
    // Team A now has its own records under those ids, holding only what A wrote.
    const annState = await ann.state();
    expect(annState.get(`deals/${ids.deal}`)).toEqual({ title: 'Stolen deal', deleted: true });
    expect(annState.get(`companies/${ids.company}`)).toEqual({ name: 'Renamed by A' });
    expect((await abe.state()).get(`reminders/${ids.reminder}`)).toBe('hidden');
    expect(await readConflicts(test.database, teamA.id)).toEqual([]);
  });

  it('ignores team or user ids in the push body', async () => {
    const { teamA, teamB, ann, snapshotB, before } = await setup();
    const company = makeCompany();
    const response = await ann.pushRaw({
      clientId: ann.clientId,
      teamId: teamB.id,
      userId: teamB.users.Bea.id,
      mutations: [ann.mutation(ann.changes('companies', company.id, fieldsOf(company)))],
    });
    expect(response.status).toBe(200);
    expect(await snapshotB()).toEqual(before);
    const rows = await test.database.query('SELECT team_id, created_by FROM records WHERE id = $1', [
      company.id,
    ]);
    expect(rows).toEqual([{ team_id: teamA.id, created_by: teamA.users.Ann.id }]);
  });
});

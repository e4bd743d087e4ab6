import { expect, it } from 'vitest';
import { type EmailActivity, newId } from '@/lib/shared/model';
import { pushGapResponseSchema } from '@/lib/shared/sync/protocol';
import { makeCompany, makeDeal, makeEmailActivity, makePipeline } from '@/tests/unit/records';
import { readConflicts } from '../admin';
import { describeOnEachDriver } from '../test-support/databases';
import { fieldsOf, noteRecord, TestClient, testServer, testTeam } from '../test-support/test-server';

const pipeline = makePipeline();

await describeOnEachDriver('push', 'push and pull', (test) => {
  async function setup() {
    const server = testServer(test.database);
    const team = await testTeam(test.database, { Mei: 'rep', Wei: 'rep', Lin: 'manager' });
    return {
      server,
      team,
      mei: new TestClient(server, team.users.Mei),
      wei: new TestClient(server, team.users.Wei),
    };
  }

  it('delivers pushed records to a teammate field by field, with their clocks', async () => {
    const { mei, wei } = await setup();
    const company = makeCompany();
    const deal = makeDeal(pipeline, { companyId: company.id });
    const companyChanges = mei.changes('companies', company.id, fieldsOf(company));
    const response = await mei.pushOk(
      mei.mutation(companyChanges),
      mei.mutation(mei.changes('deals', deal.id, fieldsOf(deal))),
    );
    expect(response.acknowledged).toBe(2);
    for (const change of companyChanges) expect(response.hlc > change.hlc).toBe(true);

    const { records, cursor } = await wei.pullAll();
    expect(cursor).toBeGreaterThan(0);
    expect([...records.keys()]).toEqual([`companies/${company.id}`, `deals/${deal.id}`]);
    const pulledCompany = records.get(`companies/${company.id}`);
    if (!pulledCompany || pulledCompany.hidden) throw new Error('company missing');
    expect(pulledCompany.fields.name).toEqual({
      value: company.name,
      hlc: companyChanges.find((change) => change.field === 'name')?.hlc,
    });
    expect((await wei.state()).get(`deals/${deal.id}`)).toEqual(fieldsOf(deal));
  });

  it('serves a new device every record in pages, each change once', async () => {
    const { mei, wei } = await setup();
    const companies = Array.from({ length: 25 }, () => makeCompany({ name: `Company ${newId()}` }));
    await mei.pushOk(
      ...companies.map((company) => mei.mutation(mei.changes('companies', company.id, fieldsOf(company)))),
    );
    const { records, pages } = await wei.pullAll(0, 10);
    expect(pages).toBe(3);
    expect([...records.keys()].sort()).toEqual(companies.map((company) => `companies/${company.id}`).sort());
  });

  it('ignores a resent push, applying only the mutations it has not seen', async () => {
    const { mei, wei } = await setup();
    const first = mei.mutation(mei.changes('companies', newId(), fieldsOf(makeCompany())));
    await mei.pushOk(first);
    const { cursor } = await wei.pullAll();
    // The response was lost: the client resends, then resends again with its next mutation.
    expect((await mei.pushOk(first)).acknowledged).toBe(1);
    expect((await wei.pullAll(cursor)).records.size).toBe(0);
    const company = makeCompany();
    const second = mei.mutation(mei.changes('companies', company.id, fieldsOf(company)));
    expect((await mei.pushOk(first, second)).acknowledged).toBe(2);
    expect([...(await wei.pullAll(cursor)).records.keys()]).toEqual([`companies/${company.id}`]);
  });

  it('refuses a gap in mutation ids with 409 and the id to resend from, storing nothing', async () => {
    const { mei, wei } = await setup();
    mei.mutation([]); // mutation 1 "lost" locally: the client starts at 2
    const response = await mei.push(mei.mutation(mei.changes('companies', newId(), fieldsOf(makeCompany()))));
    expect(response.status).toBe(409);
    expect(pushGapResponseSchema.parse(await response.json())).toMatchObject({
      error: 'mutation-gap',
      expected: 1,
    });
    expect((await wei.pullAll()).records.size).toBe(0);
  });

  it('rolls back a push that fails mid-transaction: nothing applied, the mutation id not used', async () => {
    const { server, team, mei, wei } = await setup();
    const crashing = testServer(test.database, {
      hooks: {
        beforeCommit: () => {
          throw new Error('simulated crash');
        },
      },
    });
    const crashingMei = new TestClient(crashing, team.users.Mei, mei.clientId);
    const company = makeCompany();
    const mutation = crashingMei.mutation(crashingMei.changes('companies', company.id, fieldsOf(company)));
    expect((await crashingMei.push(mutation)).status).toBe(500);
    expect((await wei.pullAll()).records.size).toBe(0);
    expect(await readConflicts(test.database, team.id)).toEqual([]);
    // The same mutation, resent to a healthy server, is applied as new.
    const retry = new TestClient(server, team.users.Mei, mei.clientId);
    expect((await retry.pushOk(mutation)).acknowledged).toBe(1);
    expect((await wei.state()).get(`companies/${company.id}`)).toEqual(fieldsOf(company));
  });

  it('keeps both values of a concurrent edit: the later clock wins, the other goes to the conflict record', async () => {
    const { server, team, mei, wei } = await setup();
    const deal = makeDeal(pipeline);
    await mei.pushOk(mei.mutation(mei.changes('deals', deal.id, fieldsOf(deal))));
    await mei.pullAll();
    await wei.pullAll();
    // Offline, both change the amount; Wei's edit is later. Different fields never conflict.
    const meiEdit = mei.changes('deals', deal.id, { amount: 900_000, title: 'Mei’s title' });
    server.setNow(server.now() + 60_000);
    const weiEdit = wei.changes('deals', deal.id, { amount: 1_500_000, currency: 'USD' });
    await wei.pushOk(wei.mutation(weiEdit));
    await mei.pushOk(mei.mutation(meiEdit));

    const final = { ...fieldsOf(deal), amount: 1_500_000, title: 'Mei’s title', currency: 'USD' };
    expect((await mei.state()).get(`deals/${deal.id}`)).toEqual(final);
    expect((await wei.state()).get(`deals/${deal.id}`)).toEqual(final);
    const conflicts = await readConflicts(test.database, team.id);
    expect(conflicts).toEqual([
      {
        collection: 'deals',
        recordId: deal.id,
        field: 'amount',
        winner: { value: 1_500_000, hlc: weiEdit[0]?.hlc, userId: team.users.Wei.id },
        loser: { value: 900_000, hlc: meiEdit[0]?.hlc, userId: team.users.Mei.id },
        clientId: mei.clientId,
        reason: 'concurrent',
      },
    ]);
  });

  it('records the replaced value when a later edit was made without seeing it', async () => {
    const { team, mei, wei } = await setup();
    const company = makeCompany();
    await mei.pushOk(mei.mutation(mei.changes('companies', company.id, fieldsOf(company))));
    await mei.pullAll();
    await wei.pullAll();
    const meiEdit = mei.changes('companies', company.id, { notes: 'Mei was here' });
    const weiEdit = wei.changes('companies', company.id, { notes: 'Wei was here' });
    await mei.pushOk(mei.mutation(meiEdit));
    await wei.pushOk(wei.mutation(weiEdit));
    const [conflict] = await readConflicts(test.database, team.id);
    expect(conflict).toMatchObject({
      field: 'notes',
      winner: { value: 'Wei was here', userId: team.users.Wei.id },
      loser: { value: 'Mei was here', userId: team.users.Mei.id },
    });
  });

  it('sends a change that lost back to its sender as the winning value', async () => {
    const { server, mei, wei } = await setup();
    const company = makeCompany();
    await mei.pushOk(mei.mutation(mei.changes('companies', company.id, fieldsOf(company))));
    const { cursor } = await mei.pullAll();
    await wei.pullAll();
    const meiEdit = mei.changes('companies', company.id, { name: 'Earlier name' });
    server.setNow(server.now() + 1000);
    await wei.pushOk(wei.mutation(wei.changes('companies', company.id, { name: 'Later name' })));
    const { cursor: afterWei } = await mei.pullAll(cursor);
    await mei.pushOk(mei.mutation(meiEdit));
    const { records } = await mei.pullAll(afterWei);
    const pulled = records.get(`companies/${company.id}`);
    expect(pulled?.hidden === false && pulled.fields.name?.value).toBe('Later name');
  });

  it('keeps a record deleted on one device and edited on another deleted, with the edit', async () => {
    const { server, mei, wei } = await setup();
    const company = makeCompany();
    await mei.pushOk(mei.mutation(mei.changes('companies', company.id, fieldsOf(company))));
    await wei.pullAll();
    await mei.pushOk(mei.mutation(mei.changes('companies', company.id, { deleted: true })));
    server.setNow(server.now() + 1000);
    await wei.pushOk(wei.mutation(wei.changes('companies', company.id, { notes: 'Edited offline' })));
    expect((await wei.state()).get(`companies/${company.id}`)).toMatchObject({
      deleted: true,
      notes: 'Edited offline',
    });
  });

  it('keeps activities append-only: later content changes go to the conflict record, deletes apply', async () => {
    const { team, mei, wei } = await setup();
    const note = noteRecord(team.users.Mei.id);
    await mei.pushOk(mei.mutation(mei.changes('activities', note.id, fieldsOf(note))));
    await wei.pullAll();
    await wei.pushOk(wei.mutation(wei.changes('activities', note.id, { text: 'Rewritten', deleted: true })));
    expect((await mei.state()).get(`activities/${note.id}`)).toEqual({ ...fieldsOf(note), deleted: true });
    expect(await readConflicts(test.database, team.id)).toMatchObject([
      {
        field: 'text',
        reason: 'append-only',
        winner: { value: 'Called the buyer', userId: team.users.Mei.id },
        loser: { value: 'Rewritten', userId: team.users.Wei.id },
      },
    ]);
  });

  it('holds an activity created earlier in the same push to append-only', async () => {
    const { team, mei } = await setup();
    const id = newId();
    const note = { kind: 'note', text: 'First words', authorId: team.users.Mei.id, deleted: false };
    await mei.pushOk(
      mei.mutation(mei.changes('activities', id, note)),
      mei.mutation(mei.changes('activities', id, { text: 'Second thoughts' })),
    );
    expect((await mei.state()).get(`activities/${id}`)).toEqual(note);
    expect((await readConflicts(test.database, team.id)).map((conflict) => conflict.reason)).toEqual([
      'append-only',
    ]);
  });

  it('applies a mutation once when the same push arrives several times at once', async () => {
    const { mei, wei } = await setup();
    await mei.pushOk(mei.mutation(mei.changes('companies', newId(), fieldsOf(makeCompany()))));
    // Open connections first, so the copies really run side by side.
    await Promise.all(Array.from({ length: 5 }, () => wei.pullAll()));
    const mutation = mei.mutation(mei.changes('companies', newId(), fieldsOf(makeCompany())));
    const responses = await Promise.all(Array.from({ length: 5 }, () => mei.pushOk(mutation)));
    expect(responses.map((response) => response.acknowledged)).toEqual([2, 2, 2, 2, 2]);
    // Each application writes the record again with a new sequence number.
    const { records, cursor } = await wei.pullAll();
    expect(records.size).toBe(2);
    expect(cursor).toBe(2);
  });

  it('keeps the first of two logs of one message and turns the later one into a tombstone', async () => {
    const { mei, wei } = await setup();
    const deal = makeDeal(pipeline);
    const first = makeEmailActivity(deal) as EmailActivity;
    const second = { ...makeEmailActivity(deal), messageKey: first.messageKey };
    await mei.pushOk(mei.mutation(mei.changes('activities', first.id, fieldsOf(first))));
    await wei.pushOk(wei.mutation(wei.changes('activities', second.id, fieldsOf(second))));
    for (const client of [mei, wei]) {
      const state = await client.state();
      expect(state.get(`activities/${first.id}`)).toMatchObject({
        deleted: false,
        messageKey: first.messageKey,
      });
      expect(state.get(`activities/${second.id}`)).toMatchObject({
        deleted: true,
        messageKey: `${first.messageKey}#dup:${second.id}`,
      });
    }
    // Once the first is removed, logging the message again keeps the new activity.
    await mei.pushOk(mei.mutation(mei.changes('activities', first.id, { deleted: true })));
    const third = { ...makeEmailActivity(deal), messageKey: first.messageKey };
    await wei.pushOk(wei.mutation(wei.changes('activities', third.id, fieldsOf(third))));
    expect((await mei.state()).get(`activities/${third.id}`)).toMatchObject({
      deleted: false,
      messageKey: first.messageKey,
    });
  });

  it('tells a rep whose clock is more than an hour ahead to fix it, storing nothing', async () => {
    const { mei, wei } = await setup();
    const company = makeCompany();
    const ahead = mei.mutation(mei.changes('companies', company.id, fieldsOf(company), 61 * 60_000));
    const response = await mei.push(ahead);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'clock-ahead', message: expect.stringMatching(/clock/) });
    expect(body.issues[0].path).toBe('mutations.0.changes.0.hlc');
    expect((await wei.pullAll()).records.size).toBe(0);

    const slightlyAhead = new TestClient(mei.server, mei.user);
    await slightlyAhead.pushOk(
      slightlyAhead.mutation(slightlyAhead.changes('companies', company.id, fieldsOf(company), 30 * 60_000)),
    );
  });

  it('answers with a clock later than any it has issued, even from a process whose clock lags', async () => {
    const { team, server, mei } = await setup();
    const first = await mei.pushOk(mei.mutation(mei.changes('companies', newId(), { notes: 'a' })));
    const lagging = testServer(test.database);
    lagging.setNow(server.now() - 10 * 60_000);
    const other = new TestClient(lagging, team.users.Wei);
    const second = await other.pushOk(other.mutation(other.changes('companies', newId(), { notes: 'b' })));
    expect(second.hlc > first.hlc).toBe(true);
  });

  it('records the pusher as the creator, whatever the body says', async () => {
    const { team, mei } = await setup();
    const id = newId();
    const response = await mei.pushRaw({
      clientId: mei.clientId,
      createdBy: team.users.Wei.id,
      teamId: newId(),
      mutations: [mei.mutation(mei.changes('companies', id, { notes: 'mine' }))],
    });
    expect(response.status).toBe(200);
    const rows = await test.database.query('SELECT team_id, created_by FROM records WHERE id = $1', [id]);
    expect(rows).toEqual([{ team_id: team.id, created_by: team.users.Mei.id }]);
  });

  it('refuses a client id that another user of the team registered', async () => {
    const { team, server, mei } = await setup();
    await mei.pushOk(mei.mutation(mei.changes('companies', newId(), { notes: 'a' })));
    const impostor = new TestClient(server, team.users.Wei, mei.clientId);
    const response = await impostor.push(
      impostor.mutation(impostor.changes('companies', newId(), { notes: 'b' })),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'client-id-taken' });
  });
});

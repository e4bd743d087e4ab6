import { expect, it } from 'vitest';
import { addUser, createTeam, issueToken } from '../admin';
import { describeOnEachDriver } from '../test-support/databases';
import { hashToken } from '../tokens';
import { teamTransaction } from './database';
import { migrate, readMigrations } from './migrate';

const TEAM_TABLES = ['teams', 'users', 'clients', 'records', 'conflicts'] as const;

await describeOnEachDriver('database', 'schema and row-level security', (test) => {
  async function seedTwoTeams() {
    const teams = [];
    for (const name of ['Acme', 'Globex']) {
      const team = await createTeam(test.database, name);
      const user = await addUser(test.database, {
        teamId: team.id,
        name: `${name} rep`,
        email: `rep@${name.toLowerCase()}.example`,
        role: 'rep',
      });
      const { token } = await issueToken(test.database, user.id);
      await teamTransaction(test.database, team.id, async (transaction) => {
        await transaction.query('INSERT INTO clients (client_id, team_id, user_id) VALUES ($1, $2, $3)', [
          `${team.id.slice(0, 20)}CLIENT`,
          team.id,
          user.id,
        ]);
        await transaction.query(
          `INSERT INTO records (team_id, collection, id, created_by, fields, seq) VALUES ($1, 'deals', $2, $3, '{}', 1)`,
          [team.id, team.id, user.id],
        );
        await transaction.query(
          `INSERT INTO conflicts (team_id, client_id, collection, record_id, field, loser_value, loser_hlc, reason)
             VALUES ($1, 'c', 'deals', $2, 'title', '"x"', 'h', 'concurrent')`,
          [team.id, team.id],
        );
      });
      teams.push({ team, user, token });
    }
    return teams;
  }

  it('records each migration once, however often it runs', async () => {
    expect(await migrate(test.database)).toEqual([]);
    const rows = await test.database.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((row) => row.version)).toEqual(readMigrations().map((migration) => migration.version));
  });

  it('shows the app role no rows of any team when no team is set, and no tokens at all', async () => {
    await seedTwoTeams();
    const session = await test.openAppRoleSession();
    try {
      expect(await session.query('SELECT current_user AS who')).toEqual([{ who: 'dealside_app' }]);
      for (const table of TEAM_TABLES) {
        expect(await session.query(`SELECT * FROM ${table}`), table).toEqual([]);
      }
      await expect(session.query('SELECT * FROM tokens')).rejects.toThrow(/permission denied/);
    } finally {
      await session.close();
    }
    // The same rows are there for the owner: the policies hid them.
    for (const table of TEAM_TABLES) {
      const rows = await test.database.query(`SELECT count(*)::int AS count FROM ${table}`);
      expect(rows[0]?.count, table).toBeGreaterThan(0);
    }
  });

  it('shows a team transaction only its own team and refuses writes into another', async () => {
    const [acme, globex] = await seedTwoTeams();
    if (!acme || !globex) throw new Error('seed failed');
    await teamTransaction(test.database, acme.team.id, async (transaction) => {
      for (const table of TEAM_TABLES) {
        const column = table === 'teams' ? 'id' : 'team_id';
        const rows = await transaction.query<{ team: string }>(
          `SELECT DISTINCT ${column} AS team FROM ${table}`,
        );
        expect(rows, table).toEqual([{ team: acme.team.id }]);
      }
    });
    await expect(
      teamTransaction(test.database, acme.team.id, (transaction) =>
        transaction.query(
          `INSERT INTO records (team_id, collection, id, created_by, fields, seq) VALUES ($1, 'deals', $2, $3, '{}', 99)`,
          [globex.team.id, acme.team.id, globex.user.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await teamTransaction(test.database, acme.team.id, (transaction) =>
      transaction.query('UPDATE records SET seq = 42 WHERE team_id = $1 RETURNING id', [globex.team.id]),
    );
    expect(updated).toEqual([]);
  });

  it('finds a token’s owner only through the authenticate function, and not once revoked', async () => {
    const [acme] = await seedTwoTeams();
    if (!acme) throw new Error('seed failed');
    const session = await test.openAppRoleSession();
    const lookup = (hash: string) =>
      session.query('SELECT user_id, team_id, role FROM dealside_authenticate($1)', [hash]);
    expect(await lookup(hashToken(acme.token))).toEqual([
      { user_id: acme.user.id, team_id: acme.team.id, role: 'rep' },
    ]);
    expect(await lookup(hashToken('dst_not-a-token'))).toEqual([]);
    await test.database.query('UPDATE tokens SET revoked_at = now() WHERE user_id = $1', [acme.user.id]);
    expect(await lookup(hashToken(acme.token))).toEqual([]);
    await session.close();
  });

  it('runs team transactions as a role that neither owns the tables nor bypasses security', async () => {
    const rows = await teamTransaction(test.database, 'no-such-team', (transaction) =>
      transaction.query<{ owner: string; rolbypassrls: boolean; rolsuper: boolean }>(
        `SELECT pg_get_userbyid(c.relowner) AS owner, r.rolbypassrls, r.rolsuper
           FROM pg_class c, pg_roles r WHERE c.relname = 'records' AND r.rolname = current_user`,
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.owner).not.toBe('dealside_app');
    expect(rows[0]?.rolbypassrls).toBe(false);
    expect(rows[0]?.rolsuper).toBe(false);
  });
});

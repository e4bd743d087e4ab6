import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from './cli';
import type { Database } from './db/database';
import { DataDirectoryInUseError, openPglite } from './db/pglite';
import { describeOnEachDriver } from './test-support/databases';
import { hashToken } from './tokens';

type Run = { code: number; out: string; err: string };

await describeOnEachDriver('CLI', 'admin commands', (test) => {
  // Commands close the database they were given; the test's one stays open until afterAll.
  const open = async (): Promise<Database> => ({ ...test.database, close: async () => {} });

  async function cli(...args: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, open, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates a team, adds users, issues a token shown once and stored hashed, revokes it', async () => {
    const team = await cli('team', 'create', 'Hongda Sales');
    expect(team.code).toBe(EXIT.ok);
    const teamId = /: ([0-9A-Z]{26})$/.exec(team.out)?.[1] as string;
    expect(teamId).toBeDefined();

    const user = await cli(
      'user',
      'add',
      '--team',
      teamId,
      '--name',
      '陳怡君',
      '--email',
      'Yijun@Hongda.com.tw',
      '--role',
      'manager',
    );
    expect(user.code).toBe(EXIT.ok);
    expect(user.out).toContain('manager 陳怡君 <yijun@hongda.com.tw>');
    const userId = /: ([0-9A-Z]{26})\n/.exec(user.out)?.[1] as string;

    expect((await cli('user', 'list', '--team', teamId)).out).toContain(`${userId}  manager  陳怡君`);
    expect((await cli('team', 'list')).out).toContain(`${teamId}  Hongda Sales  (1 users)`);

    const issued = await cli('token', 'issue', '--user', userId);
    expect(issued.code).toBe(EXIT.ok);
    const token = /^ {2}(dst_\S+)$/m.exec(issued.out)?.[1] as string;
    const tokenId = /^Token ([0-9A-Z]{26}) /.exec(issued.out)?.[1] as string;
    expect(token).toMatch(/^dst_[A-Za-z0-9_-]{43}$/);

    const stored = await (await open()).query('SELECT token_hash FROM tokens WHERE id = $1', [tokenId]);
    expect(stored).toEqual([{ token_hash: hashToken(token) }]);

    expect(await cli('token', 'revoke', tokenId)).toMatchObject({
      code: EXIT.ok,
      out: `Revoked token ${tokenId}.`,
    });
    expect((await cli('token', 'revoke', tokenId)).out).toBe(`Token ${tokenId} was already revoked.`);
  });

  it('refuses what it cannot do with exit code 1 and says why', async () => {
    const team = await cli('team', 'create', 'Refusals');
    const teamId = /: ([0-9A-Z]{26})$/.exec(team.out)?.[1] as string;
    const add = [
      'user',
      'add',
      '--team',
      teamId,
      '--name',
      'Mei',
      '--email',
      'mei@example.com',
      '--role',
      'rep',
    ];
    expect((await cli(...add)).code).toBe(EXIT.ok);
    expect(await cli(...add)).toMatchObject({
      code: EXIT.refused,
      err: 'Error: The team already has a user with the email mei@example.com',
    });
    expect(
      await cli('user', 'add', '--team', teamId, '--name', 'X', '--email', 'x@example.com', '--role', 'boss'),
    ).toMatchObject({
      code: EXIT.refused,
      err: expect.stringMatching(/^Error: The role /),
    });
    expect(await cli('user', 'list', '--team', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({
      code: EXIT.refused,
      err: 'Error: No team with id 01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    expect((await cli('token', 'issue', '--user', 'nobody')).err).toMatch(/The user id must be a ULID/);
  });

  it('explains a malformed command line with exit code 2 and the usage', async () => {
    for (const args of [
      [],
      ['team'],
      ['team', 'create'],
      ['user', 'add', '--team'],
      ['user', 'add', '--colour', 'red'],
      ['frobnicate'],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(EXIT.usage);
      expect(run.err).toMatch(/^Error: .+\n\nUsage: npm run server -- <command>/);
    }
    expect((await cli('help')).out).toMatch(/^Usage:/);
  });
});

describe('PGlite data directory', () => {
  it('is used by one process at a time, with a message saying what to do', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dealside-lock-'));
    try {
      const first = await openPglite(join(dataDir, 'data'));
      await expect(openPglite(join(dataDir, 'data'))).rejects.toThrow(DataDirectoryInUseError);
      await first.close();
      const again = await openPglite(join(dataDir, 'data'));
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm run server', () => {
  function run(args: string[], env: Record<string, string>) {
    return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  it('serves the API until stopped, and runs admin commands against the same data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dealside-main-'));
    const env = { DEALSIDE_DATA_DIR: join(dataDir, 'data'), PORT: '0' };
    try {
      const server = run([], env);
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+),/.exec(output);
          if (match) resolve(match[1] as string);
        });
        server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/v1/me`)).status).toBe(401);

      // PGlite holds the directory: the CLI says so instead of corrupting it.
      const blocked = run(['team', 'list'], env);
      let blockedError = '';
      blocked.stderr.on('data', (chunk: Buffer) => {
        blockedError += chunk.toString();
      });
      expect(await new Promise((resolve) => blocked.once('exit', resolve))).toBe(1);
      expect(blockedError).toMatch(/is in use by process \d+/);

      server.kill('SIGTERM');
      expect(await new Promise((resolve) => server.once('exit', resolve))).toBe(0);

      const listed = run(['team', 'list'], env);
      let listing = '';
      listed.stdout.on('data', (chunk: Buffer) => {
        listing += chunk.toString();
      });
      expect(await new Promise((resolve) => listed.once('exit', resolve))).toBe(0);
      expect(listing).toMatch(/No teams yet/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

import { parseArgs } from 'node:util';
import { ROLES } from '../lib/shared/sync/protocol';
import { AdminError, addUser, createTeam, issueToken, listTeams, listUsers, revokeToken } from './admin';
import type { Database } from './db/database';

/** The admin commands of `npm run server -- <command>`; main.ts sends everything but `serve` here. */
export const USAGE = `Usage: npm run server -- <command>

  serve                                   start the HTTP server (the default)
  team create <name>                      create a team
  team list                               list teams
  user add --team <id> --name <name> --email <email> --role ${ROLES.join('|')}
                                          add a user to a team
  user list --team <id>                   list a team's users
  token issue --user <id>                 issue an API token (shown once)
  token revoke <tokenId>                  revoke a token at once
  help                                    show this text`;

export type CliOutput = { out(line: string): void; err(line: string): void };

/** Exit codes: 0 done, 1 refused (no such team, duplicate email…), 2 not a valid command line. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

class UsageError extends Error {}

type Options = { team?: string; name?: string; email?: string; role?: string; user?: string };

function required(options: Options, name: keyof Options): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function parse(args: string[]): { words: string[]; options: Options } {
  try {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        team: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        user: { type: 'string' },
      },
    });
    return { words: positionals, options: values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function expectWords(words: string[], count: number): void {
  if (words.length !== count)
    throw new UsageError(`"${words.slice(0, 2).join(' ')}" takes ${count - 2} argument(s)`);
}

async function run(args: string[], database: () => Promise<Database>, output: CliOutput): Promise<void> {
  const { words, options } = parse(args);
  const command = words.slice(0, 2).join(' ');
  switch (command) {
    case 'team create': {
      expectWords(words, 3);
      const team = await createTeam(await database(), words[2] as string);
      output.out(`Created team ${team.name}: ${team.id}`);
      return;
    }
    case 'team list': {
      expectWords(words, 2);
      const teams = await listTeams(await database());
      if (teams.length === 0) output.out('No teams yet. Create one with: team create <name>');
      for (const team of teams) output.out(`${team.id}  ${team.name}  (${team.members} users)`);
      return;
    }
    case 'user add': {
      expectWords(words, 2);
      const user = await addUser(await database(), {
        teamId: required(options, 'team'),
        name: required(options, 'name'),
        email: required(options, 'email'),
        role: required(options, 'role'),
      });
      output.out(`Added ${user.role} ${user.name} <${user.email}>: ${user.id}`);
      output.out(`Issue a token with: npm run server -- token issue --user ${user.id}`);
      return;
    }
    case 'user list': {
      expectWords(words, 2);
      const users = await listUsers(await database(), required(options, 'team'));
      if (users.length === 0) output.out('No users in this team yet.');
      for (const user of users)
        output.out(`${user.id}  ${user.role.padEnd(7)}  ${user.name} <${user.email}>`);
      return;
    }
    case 'token issue': {
      expectWords(words, 2);
      const { tokenId, token, user } = await issueToken(await database(), required(options, 'user'));
      output.out(`Token ${tokenId} for ${user.name} <${user.email}>:`);
      output.out('');
      output.out(`  ${token}`);
      output.out('');
      output.out('It is shown only this once; the server keeps only its hash. Give it to the user to enter');
      output.out(`in Dealside's options. Revoke it with: npm run server -- token revoke ${tokenId}`);
      return;
    }
    case 'token revoke': {
      expectWords(words, 3);
      const revoked = await revokeToken(await database(), words[2] as string);
      output.out(revoked ? `Revoked token ${words[2]}.` : `Token ${words[2]} was already revoked.`);
      return;
    }
    default:
      throw new UsageError(words.length === 0 ? 'no command given' : `unknown command "${words.join(' ')}"`);
  }
}

/**
 * Runs one admin command and returns the exit code. The database is opened only for a command
 * that needs it, and closed afterwards.
 */
export async function runCli(
  args: string[],
  openDatabase: () => Promise<Database>,
  output: CliOutput,
): Promise<number> {
  if (args[0] === 'help' || args.includes('--help')) {
    output.out(USAGE);
    return EXIT.ok;
  }
  let opened: Database | undefined;
  const database = async () => {
    opened ??= await openDatabase();
    return opened;
  };
  try {
    await run(args, database, output);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`Error: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof AdminError) {
      output.err(`Error: ${error.message}`);
      return EXIT.refused;
    }
    throw error;
  } finally {
    await opened?.close();
  }
}

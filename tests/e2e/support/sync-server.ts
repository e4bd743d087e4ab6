import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Role } from '../../../lib/shared/sync/protocol';
import { addUser, createTeam, issueToken, revokeToken } from '../../../server/admin';
import { createApp } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { openDatabase } from '../../../server/db/open';

export type SyncTestUser = { name: string; email: string; role: Role; token: string; tokenId: string };

/**
 * The real sync server (server/app.ts) on PGlite in a temporary directory, listening on a free
 * loopback port. `goOffline` closes the listener and every open connection, so both browsers find
 * nothing there, as when the network drops; `goOnline` listens again on the same port, with the
 * same data.
 */
export type RunningSyncServer = {
  /** http://127.0.0.1:<port> */
  url: string;
  database: Database;
  addTeam(name: string, members: readonly Omit<SyncTestUser, 'token' | 'tokenId'>[]): Promise<SyncTestUser[]>;
  /** As the admin CLI's `token revoke`: the next request with it gets 401. */
  revokeToken(tokenId: string): Promise<void>;
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  close(): Promise<void>;
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would otherwise go on answering.
    server.closeAllConnections();
  });
}

export async function startSyncServer(dataDir: string): Promise<RunningSyncServer> {
  const database = await openDatabase({ databaseUrl: undefined, dataDir, maxConnections: 1 });
  const app = createApp({ db: database, rateLimit: false, logError: () => {} });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const port = await listen(server, 0);
  let online = true;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async addTeam(name, members) {
      const team = await createTeam(database, name);
      const users: SyncTestUser[] = [];
      for (const member of members) {
        const user = await addUser(database, { teamId: team.id, ...member });
        const { token, tokenId } = await issueToken(database, user.id);
        users.push({ ...member, token, tokenId });
      }
      return users;
    },
    async revokeToken(tokenId) {
      await revokeToken(database, tokenId);
    },
    async goOffline() {
      if (!online) return;
      online = false;
      await stopListening(server);
    },
    async goOnline() {
      if (online) return;
      await listen(server, port);
      online = true;
    },
    async close() {
      if (online) await stopListening(server);
      online = false;
      await database.close();
    },
  };
}

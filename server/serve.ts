import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { openDatabase } from './db/open';

export type RunningServer = { url: string; close(): Promise<void> };

/** Opens and migrates the database, then serves the API until `close`. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  const app = createApp({ db: database, rateLimit: config.rateLimit });
  let listening: (info: AddressInfo) => void = () => {};
  const ready = new Promise<AddressInfo>((resolve) => {
    listening = resolve;
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
    listening(info),
  );
  const address = await Promise.race([
    ready,
    new Promise<never>((_, reject) => server.once('error', reject)),
  ]).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

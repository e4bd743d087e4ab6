import { runCli } from './cli';
import { ConfigError, readConfig } from './config';
import { openDatabase } from './db/open';
import { DataDirectoryInUseError } from './db/pglite';
import { startServer } from './serve';

/** `npm run server -- [command]`: serves the API (no command, or `serve`), or runs an admin command. */
async function main(args: string[]): Promise<number> {
  const config = readConfig(process.env);
  if (args.length === 0 || (args.length === 1 && args[0] === 'serve')) {
    const server = await startServer(config);
    const storage = config.database.databaseUrl
      ? 'PostgreSQL (DATABASE_URL)'
      : `PGlite in ${config.database.dataDir}`;
    console.log(`Dealside sync server listening on ${server.url}, storing in ${storage}`);
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    console.log('Stopping…');
    await server.close();
    return 0;
  }
  return runCli(args, () => openDatabase(config.database), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Configuration and lock errors are written for people; anything else only by kind, as it may
    // quote data.
    if (error instanceof ConfigError || error instanceof DataDirectoryInUseError)
      console.error(error.message);
    else {
      const code = (error as { code?: unknown }).code;
      console.error(`Failed: ${(error as Error).name}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    process.exitCode = 1;
  },
);

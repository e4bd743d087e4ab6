import { z } from 'zod';

const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);

const environmentSchema = z.object({
  // 0 picks any free port (the listening line says which).
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DEALSIDE_DATA_DIR: z.string().min(1).default('./.dealside-server'),
  DEALSIDE_RATE_LIMIT_BURST: positiveNumber(600),
  DEALSIDE_RATE_LIMIT_PER_SECOND: positiveNumber(20),
});

export type ServerConfig = {
  port: number;
  host: string;
  database: { databaseUrl: string | undefined; dataDir: string; maxConnections: number };
  rateLimit: { burst: number; perSecond: number };
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The server's settings from environment variables (server/README.md lists them). */
export function readConfig(environment: Record<string, string | undefined>): ServerConfig {
  // Empty variables count as unset, as a shell's `VAR= npm run server` means.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    database: {
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DEALSIDE_DATA_DIR,
      maxConnections: env.DATABASE_POOL_MAX,
    },
    rateLimit: { burst: env.DEALSIDE_RATE_LIMIT_BURST, perSecond: env.DEALSIDE_RATE_LIMIT_PER_SECOND },
  };
}

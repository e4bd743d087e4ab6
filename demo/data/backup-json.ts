import type { Backup } from '../../lib/extension/backup/format';
import { COLLECTION_NAMES } from '../../lib/extension/db/collections';

/**
 * The backup as JSON text, in pieces of roughly `chunkSize` characters. A large backup is
 * hundreds of megabytes: one JSON.stringify would need it all as a single string, so writers
 * stream these pieces instead. Joined, they parse to the same value as the backup.
 */
export function* backupJsonChunks(backup: Backup, chunkSize = 1 << 20): Generator<string> {
  const { format, version, exportedAt, settings } = backup;
  let buffer = `{"format":${JSON.stringify(format)},"version":${version},"exportedAt":${JSON.stringify(exportedAt)},"settings":${JSON.stringify(settings)}`;
  for (const name of COLLECTION_NAMES) {
    buffer += `,\n${JSON.stringify(name)}:[`;
    const records: readonly unknown[] = backup[name];
    for (let index = 0; index < records.length; index++) {
      buffer += `${index === 0 ? '\n' : ',\n'}${JSON.stringify(records[index])}`;
      if (buffer.length >= chunkSize) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += ']';
  }
  yield `${buffer}}\n`;
}

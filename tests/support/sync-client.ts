import type { DealsideDatabase } from '../../lib/extension/db/database';
import {
  type DeviceState,
  deviceStateSchema,
  type OutboxEntry,
} from '../../lib/extension/sync/client/sync-tables';
import { newId } from '../../lib/shared/model';

/** A device with capture on, as `connect` leaves it, without a server (unit tests only). */
export async function enableCapture(database: DealsideDatabase, clientId: string = newId()): Promise<string> {
  const device: DeviceState = {
    key: 'device',
    clientId,
    captureEnabled: true,
    lastHlc: null,
    nextMutationId: 1,
  };
  await database.syncState.put(device);
  return clientId;
}

export async function setCaptureEnabled(database: DealsideDatabase, captureEnabled: boolean): Promise<void> {
  const device = deviceStateSchema.parse(await database.syncState.get('device'));
  await database.syncState.put({ ...device, captureEnabled });
}

export async function outboxEntries(database: DealsideDatabase): Promise<OutboxEntry[]> {
  return database.outbox.orderBy('mutationId').toArray();
}

/** Each change as `field=value` of its record, in outbox order: what a test reads most easily. */
export async function capturedFields(database: DealsideDatabase): Promise<Record<string, unknown>[]> {
  return (await outboxEntries(database)).map((entry) =>
    Object.fromEntries(entry.changes.map((change) => [change.field, change.value])),
  );
}

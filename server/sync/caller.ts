import type { Role } from '../../lib/shared/sync/protocol';

/** Who is calling, from their token: never from the request body. */
export type Caller = { tokenId: string; userId: string; teamId: string; role: Role };

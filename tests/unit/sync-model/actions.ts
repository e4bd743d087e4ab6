import fc from 'fast-check';

/**
 * What the model-based sync test does, as plain data fast-check can generate, shrink and print.
 * Records are never named by id: `pick` chooses among the records the acting client holds at that
 * moment (sorted by id), so a shrunk list still means something.
 */
export const CLIENT_NAMES = ['Mei', 'Wei', 'Lin'] as const;
export type ClientIndex = 0 | 1 | 2;

export const EDITABLE_COLLECTIONS = ['deals', 'contacts', 'companies'] as const;
export type EditableCollection = (typeof EDITABLE_COLLECTIONS)[number];

/** Few values per field, so concurrent edits often collide, sometimes with equal values. */
export const FIELD_VALUES = {
  deals: {
    title: ['MES rollout', 'ERP upgrade', 'Cloud migration'],
    amount: [1_000, 250_000, 1_200_000],
    expectedCloseDate: ['2026-12-31', '2027-03-31'],
  },
  contacts: {
    name: ['陳怡君', 'Lin Wei', 'Chen Mei'],
    title: ['採購經理', 'CTO'],
    notes: ['', 'Prefers phone calls', '下週回覆'],
  },
  companies: {
    name: ['宏達精密股份有限公司', 'Acme Taiwan'],
    notes: ['', 'Key account', '年度合約'],
  },
} as const;

/** The server accepts clocks up to an hour ahead of its own; skews stay inside that window. */
export const MAX_SKEW_MINUTES = 50;

/** How a sync round goes wrong: on the first push request of the round, if the round pushes at all. */
export const SYNC_FAULTS = ['none', 'duplicate-push', 'lost-response', 'crash-mid-push'] as const;
export type SyncFault = (typeof SYNC_FAULTS)[number];

/** One field of the `pick`-th live record set to a value. */
type RecordEdit = {
  collection: EditableCollection;
  pick: number;
  field: string;
  value: string | number;
};

export type Action =
  | { kind: 'create'; client: ClientIndex; collection: EditableCollection }
  | ({ kind: 'edit'; client: ClientIndex } & RecordEdit)
  | { kind: 'delete'; client: ClientIndex; collection: EditableCollection; pick: number; hard: boolean }
  | { kind: 'undelete'; client: ClientIndex; collection: EditableCollection; pick: number }
  /** Logs message `message` (one of three, the same on every client) on a deal: the sidebar's Log email. */
  | { kind: 'log'; client: ClientIndex; pick: number; message: number }
  | { kind: 'remove-log'; client: ClientIndex; pick: number }
  | { kind: 'sync'; client: ClientIndex; fault: SyncFault }
  /**
   * A sync round during which the rep works: `local` (an action of this client) lands while the
   * round's first push or pull request is in flight. A round that sends no push skips it.
   */
  | { kind: 'sync-while'; client: ClientIndex; during: 'push' | 'pull'; local: LocalAction }
  | { kind: 'offline'; client: ClientIndex }
  | { kind: 'online'; client: ClientIndex }
  /** The browser closes and opens the database again (a new DealsideDatabase on the same IndexedDB). */
  | { kind: 'restart'; client: ClientIndex }
  | { kind: 'skew'; client: ClientIndex; minutes: number }
  | { kind: 'wait'; seconds: number };

export type ActionKind = Action['kind'];
/** What a rep does in the browser, as opposed to the network, the clock or the browser itself. */
export type LocalAction = Extract<
  Action,
  { kind: 'create' | 'edit' | 'delete' | 'undelete' | 'log' | 'remove-log' }
>;

const client = fc.constantFrom<ClientIndex>(0, 1, 2);
const collection = fc.constantFrom(...EDITABLE_COLLECTIONS);
/** Mostly 0: clients then often pick the same record, field or message, so their actions collide. */
function likelyZero(max: number): fc.Arbitrary<number> {
  return fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat({ max }), weight: 1 });
}

const pick = likelyZero(3);

function likelyFirst(fields: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(fields[0] as string), weight: 2 },
    { arbitrary: fc.constantFrom(...fields), weight: 1 },
  );
}

const edit = fc.constantFrom(...EDITABLE_COLLECTIONS).chain((name) => {
  const fields = FIELD_VALUES[name] as Record<string, readonly (string | number)[]>;
  return likelyFirst(Object.keys(fields)).chain((field) =>
    fc.record({
      kind: fc.constant('edit' as const),
      client,
      collection: fc.constant(name),
      pick,
      field: fc.constant(field),
      value: fc.constantFrom(...(fields[field] as (string | number)[])),
    }),
  );
});

const localActions: fc.Arbitrary<LocalAction> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), client, collection }), weight: 2 },
  { arbitrary: edit, weight: 8 },
  {
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      client,
      collection,
      pick,
      hard: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('undelete' as const), client, collection, pick }), weight: 4 },
  {
    arbitrary: fc.record({ kind: fc.constant('log' as const), client, pick, message: likelyZero(2) }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('remove-log' as const), client, pick }), weight: 2 },
);

/** The local action is the same client's. */
const syncWhile = fc
  .record({ during: fc.constantFrom('push' as const, 'pull' as const), local: localActions })
  .map(({ during, local }) => ({ kind: 'sync-while' as const, client: local.client, during, local }));

export const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: localActions, weight: 23 },
  {
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      client,
      fault: fc.constantFrom(...SYNC_FAULTS),
    }),
    weight: 8,
  },
  { arbitrary: syncWhile, weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('offline' as const), client }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('online' as const), client }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('restart' as const), client }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('skew' as const),
      client,
      minutes: fc.integer({ min: -MAX_SKEW_MINUTES, max: MAX_SKEW_MINUTES }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 600 }) }),
    weight: 1,
  },
);

/** One line per action, as a failing run is printed: `#4 Wei edit deals[2].title = "ERP upgrade"`. */
export function describeAction(action: Action, index: number): string {
  const who = action.kind === 'wait' ? '' : `${CLIENT_NAMES[action.client]} `;
  return `#${index} ${who}${describeWhat(action)}`;
}

function describeWhat(action: Action): string {
  switch (action.kind) {
    case 'edit':
      return `edit ${action.collection}[${action.pick}].${action.field} = ${JSON.stringify(action.value)}`;
    case 'create':
      return `create ${action.collection}`;
    case 'delete':
      return `${action.hard ? 'hard-delete' : 'delete'} ${action.collection}[${action.pick}]`;
    case 'undelete':
      return `undelete ${action.collection}[deleted ${action.pick}]`;
    case 'log':
      return `log message ${action.message} on deals[${action.pick}]`;
    case 'remove-log':
      return `remove activities[${action.pick}]`;
    case 'sync':
      return `sync${action.fault === 'none' ? '' : ` with ${action.fault}`}`;
    case 'sync-while':
      return `sync; during its ${action.during}: ${describeWhat(action.local)}`;
    case 'skew':
      return `clock ${action.minutes >= 0 ? '+' : ''}${action.minutes} min`;
    case 'wait':
      return `wait ${action.seconds} s`;
    default:
      return action.kind;
  }
}

export function describeActions(actions: readonly Action[]): string {
  return actions.map(describeAction).join('\n');
}

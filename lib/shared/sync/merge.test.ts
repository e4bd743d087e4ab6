import { describe, expect, it } from 'vitest';
import { encodeHlc } from './hlc';
import { mergeField, mergeRecord, recordValue, sameJson } from './merge';

const at = (wall: number, node = 'A') => encodeHlc({ wall, counter: 0, node });

describe('mergeField', () => {
  it('takes a later edit made on top of the stored value, with no conflict', () => {
    const outcome = mergeField(
      { value: 100, hlc: at(1) },
      { field: 'amount', value: 200, hlc: at(2), baseHlc: at(1) },
    );
    expect(outcome).toEqual({ kind: 'applied', next: { value: 200, hlc: at(2) }, conflict: null });
  });

  it('takes the later of two concurrent edits and keeps the earlier value as a conflict', () => {
    const outcome = mergeField(
      { value: 100, hlc: at(2, 'B') },
      { field: 'amount', value: 300, hlc: at(3), baseHlc: at(1) },
    );
    expect(outcome).toMatchObject({
      kind: 'applied',
      next: { value: 300 },
      conflict: { field: 'amount', loser: { value: 100, hlc: at(2, 'B') }, reason: 'concurrent' },
    });
  });

  it('keeps the stored value against an earlier edit and records the edit that lost', () => {
    const outcome = mergeField(
      { value: 100, hlc: at(5, 'B') },
      { field: 'amount', value: 300, hlc: at(3), baseHlc: null },
    );
    expect(outcome).toEqual({
      kind: 'lost',
      conflict: {
        field: 'amount',
        winner: { value: 100, hlc: at(5, 'B') },
        loser: { value: 300, hlc: at(3) },
        reason: 'concurrent',
      },
    });
  });

  it('breaks a tie on the wall clock by client id, the same way everywhere', () => {
    const fromB = mergeField(
      { value: 'a', hlc: at(7, 'A') },
      { field: 'title', value: 'b', hlc: at(7, 'B'), baseHlc: null },
    );
    const fromA = mergeField(
      { value: 'b', hlc: at(7, 'B') },
      { field: 'title', value: 'a', hlc: at(7, 'A'), baseHlc: null },
    );
    expect(fromB.kind).toBe('applied');
    expect(fromA.kind).toBe('lost');
  });

  it('treats the same change sent twice as a duplicate', () => {
    expect(
      mergeField({ value: 1, hlc: at(4) }, { field: 'amount', value: 1, hlc: at(4), baseHlc: null }),
    ).toEqual({
      kind: 'duplicate',
    });
  });

  it('records no conflict when concurrent writes agree or the field is bookkeeping', () => {
    expect(
      mergeField({ value: 1, hlc: at(2, 'B') }, { field: 'amount', value: 1, hlc: at(3), baseHlc: null }),
    ).toMatchObject({
      conflict: null,
    });
    expect(
      mergeField({ value: 1, hlc: at(2, 'B') }, { field: 'updatedAt', value: 9, hlc: at(3), baseHlc: null }),
    ).toMatchObject({
      conflict: null,
    });
  });
});

describe('mergeRecord', () => {
  it('keeps a tombstone when another device edits a different field', () => {
    const stored = { title: { value: 'Old', hlc: at(1) }, deleted: { value: true, hlc: at(5, 'B') } };
    const result = mergeRecord('deals', stored, [
      { field: 'title', value: 'New', hlc: at(6), baseHlc: at(1) },
    ]);
    expect(recordValue('X', result.fields)).toEqual({ id: 'X', title: 'New', deleted: true });
  });

  it('lets activities change only their removal and privacy once created', () => {
    const stored = { text: { value: 'Called', hlc: at(1) }, deleted: { value: false, hlc: at(1) } };
    const result = mergeRecord('activities', stored, [
      { field: 'text', value: 'Rewritten', hlc: at(2), baseHlc: at(1) },
      { field: 'deleted', value: true, hlc: at(2), baseHlc: at(1) },
    ]);
    expect(recordValue('X', result.fields)).toEqual({ id: 'X', text: 'Called', deleted: true });
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        field: 'text',
        loser: { value: 'Rewritten', hlc: at(2) },
        reason: 'append-only',
      }),
    ]);
  });

  it('builds a new activity from all its fields', () => {
    const result = mergeRecord('activities', undefined, [
      { field: 'text', value: 'Called', hlc: at(1), baseHlc: null },
      { field: 'kind', value: 'note', hlc: at(1), baseHlc: null },
    ]);
    expect(result.changed).toBe(true);
    expect(recordValue('X', result.fields)).toEqual({ id: 'X', text: 'Called', kind: 'note' });
  });

  it('reports no change for a resent mutation', () => {
    const stored = { title: { value: 'A', hlc: at(3) } };
    expect(
      mergeRecord('deals', stored, [{ field: 'title', value: 'A', hlc: at(3), baseHlc: null }]).changed,
    ).toBe(false);
  });
});

describe('sameJson', () => {
  it('ignores object key order but not array order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
  });
});

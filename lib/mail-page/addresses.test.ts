import { describe, expect, it } from 'vitest';
import {
  cleanName,
  cleanText,
  findAddressIn,
  ParticipantList,
  parseAddress,
  parseAddressList,
  truncate,
} from './addresses';
import { MAIL_LIMITS } from './mail-page-state';

describe('participants from hostile text', () => {
  it('parses header-style lists with quoted commas, angle addresses and bare addresses', () => {
    expect(
      parseAddressList('"Chen, Amy" <Amy@X.tw>, Bob <bob@y.com>; carol@z.com, "Q \\"quoted\\"" <q@z.com>'),
    ).toEqual({
      participants: [
        { name: 'Chen, Amy', address: 'amy@x.tw' },
        { name: 'Bob', address: 'bob@y.com' },
        { name: '', address: 'carol@z.com' },
        { name: 'Q "quoted"', address: 'q@z.com' },
      ],
      dropped: 0,
    });
  });

  it('counts malformed entries instead of throwing', () => {
    expect(parseAddressList('ok@x.com, not-an-address, a@, <@b.com>, "x" <a b@c.com>')).toEqual({
      participants: [{ name: '', address: 'ok@x.com' }],
      dropped: 4,
    });
    expect(parseAddress(`${'l'.repeat(300)}@x.com`)).toBeNull();
    expect(parseAddress('mailto:Rep@Example.com')).toBe('rep@example.com');
  });

  it('strips control and bidi-override characters but keeps right-to-left letters', () => {
    expect(cleanName('\u202eevil\u202c Admin\u0000\u0007')).toBe('evil Admin');
    expect(cleanName('مرحبا   بالعالم')).toBe('مرحبا بالعالم');
    expect(cleanText('  a\n\tb  ', 10)).toBe('a b');
  });

  it('truncates to the limits without splitting an emoji', () => {
    expect(cleanName('x'.repeat(2_000))).toHaveLength(MAIL_LIMITS.name);
    expect(truncate(`${'a'.repeat(199)}😀`, 200)).toBe('a'.repeat(199));
  });

  it('caps a list and keeps addresses unique', () => {
    const list = new ParticipantList(2);
    list.add({ name: '', address: 'a@x.com' });
    list.add({ name: 'A', address: 'a@x.com' });
    list.add({ name: 'B', address: 'b@x.com' });
    list.add({ name: 'C', address: 'c@x.com' });
    list.add(null);
    expect(list.participants).toEqual([
      { name: 'A', address: 'a@x.com' },
      { name: 'B', address: 'b@x.com' },
    ]);
    expect(list.dropped).toBe(2);
  });

  it('finds the address in an account label', () => {
    expect(findAddressIn('Google Account: Rep  (rep@example.com)')).toBe('rep@example.com');
    expect(findAddressIn('Account manager for Rep Name')).toBeNull();
  });
});

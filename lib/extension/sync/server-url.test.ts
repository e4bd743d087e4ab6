import { describe, expect, it } from 'vitest';
import { checkServerUrl, originPattern } from './server-url';

describe('checkServerUrl', () => {
  it('accepts https anywhere and keeps the path without a trailing slash', () => {
    expect(checkServerUrl('  https://sync.acme.com.tw/dealside/  ')).toEqual({
      ok: true,
      serverUrl: 'https://sync.acme.com.tw/dealside',
      origin: 'https://sync.acme.com.tw',
    });
    expect(checkServerUrl('https://sync.acme.com.tw:8443')).toEqual({
      ok: true,
      serverUrl: 'https://sync.acme.com.tw:8443',
      origin: 'https://sync.acme.com.tw:8443',
    });
  });

  it('accepts plain http only on this computer', () => {
    expect(checkServerUrl('http://localhost:8787')).toMatchObject({
      ok: true,
      origin: 'http://localhost:8787',
    });
    expect(checkServerUrl('http://127.0.0.1:8787/')).toMatchObject({
      ok: true,
      serverUrl: 'http://127.0.0.1:8787',
    });
    expect(checkServerUrl('http://sync.acme.com.tw')).toEqual({ ok: false, problem: 'insecure' });
    expect(checkServerUrl('http://192.168.1.20:8787')).toEqual({ ok: false, problem: 'insecure' });
    // Looks like the loopback but is another host.
    expect(checkServerUrl('http://localhost.evil.example')).toEqual({ ok: false, problem: 'insecure' });
  });

  it('says what is wrong with anything else', () => {
    expect(checkServerUrl('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkServerUrl('sync.acme.com.tw')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkServerUrl('ftp://sync.acme.com.tw')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkServerUrl('javascript:alert(1)')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkServerUrl('https://rep:secret@sync.acme.com.tw')).toEqual({
      ok: false,
      problem: 'credentials',
    });
    expect(checkServerUrl('https://sync.acme.com.tw/?team=1')).toEqual({ ok: false, problem: 'query' });
    expect(checkServerUrl('https://sync.acme.com.tw/#x')).toEqual({ ok: false, problem: 'query' });
  });

  it('asks for the origin only, any path', () => {
    expect(originPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/*');
  });
});

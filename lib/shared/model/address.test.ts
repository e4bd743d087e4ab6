import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFreeMailDomain } from '../../extension/matching/free-mail';
import { addressKeysOf, normalizeAddress, registrableDomainOf } from './address';

const localPart = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,14}[a-z0-9])?$/);
const gmailMailbox = fc.stringMatching(/^[a-z0-9]{1,12}$/);

/** The same Gmail mailbox as people type it: dots anywhere, a +tag, capitals, googlemail.com. */
const gmailVariant = fc
  .record({
    mailbox: gmailMailbox,
    dots: fc.array(fc.nat(), { maxLength: 4 }),
    tag: fc.option(fc.stringMatching(/^[a-z0-9.+-]{0,10}$/), { nil: undefined }),
    domain: fc.constantFrom('gmail.com', 'googlemail.com', 'Gmail.com', 'GOOGLEMAIL.COM'),
    upper: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  })
  .map(({ mailbox, dots, tag, domain, upper }) => {
    let local = mailbox;
    for (const position of dots) {
      const at = (position % local.length) + 1;
      local = `${local.slice(0, at)}.${local.slice(at)}`;
    }
    local = [...local]
      .map((char, index) => (upper[index % upper.length] ? char.toUpperCase() : char))
      .join('');
    return { mailbox, written: `${local}${tag === undefined ? '' : `+${tag}`}@${domain}` };
  });

describe('normalizeAddress', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.emailAddress(),
          gmailVariant.map((variant) => variant.written),
          fc.string(),
        ),
        (address) => {
          const once = normalizeAddress(address);
          expect(normalizeAddress(once)).toBe(once);
        },
      ),
    );
  });

  it('gives every spelling of one Gmail mailbox the same key', () => {
    fc.assert(
      fc.property(gmailVariant, ({ mailbox, written }) => {
        expect(normalizeAddress(written)).toBe(`${mailbox}@gmail.com`);
      }),
    );
  });

  it('keeps dots and +tags outside Gmail, where they can name other mailboxes', () => {
    fc.assert(
      fc.property(
        gmailMailbox.filter((mailbox) => mailbox.length > 1),
        fc.constantFrom('hongda.com.tw', 'outlook.com', 'yahoo.com.tw', 'example.com'),
        (mailbox, domain) => {
          const dotted = `${mailbox.slice(0, 1)}.${mailbox.slice(1)}@${domain}`;
          expect(normalizeAddress(dotted)).not.toBe(normalizeAddress(`${mailbox}@${domain}`));
          expect(normalizeAddress(`${mailbox}+news@${domain}`)).not.toBe(
            normalizeAddress(`${mailbox}@${domain}`),
          );
          expect(normalizeAddress(dotted.toUpperCase())).toBe(dotted);
        },
      ),
    );
  });

  it('lower-cases any address and keeps a key per distinct mailbox', () => {
    expect(normalizeAddress(' YiJun.Chen@HongDa.com.TW ')).toBe('yijun.chen@hongda.com.tw');
    expect(addressKeysOf(['Yi.Jun@gmail.com', 'yijun+crm@googlemail.com', 'yijun@hongda.com.tw'])).toEqual([
      'yijun@gmail.com',
      'yijun@hongda.com.tw',
    ]);
    expect(normalizeAddress('+tag@gmail.com')).toBe('+tag@gmail.com');
  });
});

describe('registrableDomainOf', () => {
  it('finds the company domain behind subdomains and multi-part suffixes', () => {
    expect(registrableDomainOf('amy@sales.acme.com.tw')).toBe('acme.com.tw');
    expect(registrableDomainOf('amy@tp.hongda-precision.com.tw')).toBe('hongda-precision.com.tw');
    expect(registrableDomainOf('amy@mail.taifeng.co.jp')).toBe('taifeng.co.jp');
    expect(registrableDomainOf('amy@hongda.tw')).toBe('hongda.tw');
    expect(registrableDomainOf('user@msa.hinet.net')).toBe('hinet.net');
    // Private suffixes do not split companies: blogspot.com is one domain here.
    expect(registrableDomainOf('a@someone.blogspot.com')).toBe('blogspot.com');
  });

  it('gives no domain for malformed addresses, IP literals and bare suffixes', () => {
    for (const address of ['no-at-sign', 'a@', 'a@com.tw', 'a@[10.0.0.1]', 'a@10.0.0.1', 'a@localhost']) {
      expect(registrableDomainOf(address), address).toBeNull();
    }
  });

  it('handles any input without throwing', () => {
    fc.assert(
      fc.property(fc.string(), localPart, (text, local) => {
        registrableDomainOf(text);
        registrableDomainOf(`${local}@${text}`);
      }),
    );
  });
});

describe('isFreeMailDomain', () => {
  it('knows global, Chinese and Taiwanese providers, and country variants of big brands', () => {
    for (const domain of [
      'gmail.com',
      'googlemail.com',
      'yahoo.com.tw',
      'yahoo.co.jp',
      'hotmail.com.tw',
      'outlook.com',
      'qq.com',
      '163.com',
      '126.com',
      'proton.me',
      'gmx.de',
      'gmx.net',
      'yandex.ru',
      'pchome.com.tw',
      'seed.net.tw',
      'hinet.net',
    ]) {
      expect(isFreeMailDomain(domain), domain).toBe(true);
    }
  });

  it('leaves company domains alone, including big companies that free-mail lists wrongly include', () => {
    for (const domain of [
      'hongda.com.tw',
      'alibaba.com',
      'facebook.com',
      'tsmc.com',
      'cht.com.tw',
      'nus.edu.sg',
    ]) {
      expect(isFreeMailDomain(domain), domain).toBe(false);
    }
  });
});

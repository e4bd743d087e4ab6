import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './address';
import {
  checkNeverLogLines,
  checkNeverLogPattern,
  compileNeverLog,
  NEVER_LOG_MAX_PATTERNS,
  neverLogListSchema,
  neverLogPatternSchema,
} from './never-log';

function problemOf(text: string) {
  const checked = checkNeverLogPattern(text);
  return checked.ok ? null : checked.problem;
}

describe('checkNeverLogPattern', () => {
  it('normalizes what a rep types: spaces around, capitals, full-width IME characters, a leading @', () => {
    expect(checkNeverLogPattern('  CEO@Acme.com  ')).toMatchObject({ ok: true, pattern: 'ceo@acme.com' });
    expect(checkNeverLogPattern('＊＠ＢＡＮＫ．com．tw')).toMatchObject({
      ok: true,
      pattern: '*@bank.com.tw',
    });
    expect(checkNeverLogPattern('bank。com。tw')).toMatchObject({ ok: true, pattern: 'bank.com.tw' });
    expect(checkNeverLogPattern('@esunbank.com.tw')).toMatchObject({
      ok: true,
      pattern: '*@esunbank.com.tw',
    });
    expect(checkNeverLogPattern('noreply**@*')).toMatchObject({ ok: true, pattern: 'noreply*@*' });
  });

  it('accepts every documented form', () => {
    for (const pattern of [
      'ceo@acme.com',
      'yijun.chen@hongda.com.tw',
      '*@bank.com.tw',
      'bank.com.tw',
      '*.bank.com.tw',
      '*@*.bank.com.tw',
      'noreply*@*',
      'billing-*@acme.co.jp',
      'hr+*@*.gov.tw',
      'gov.tw',
      '台灣銀行.tw',
      '*@xn--kpry57dxmqrkj.tw',
      '陳@例子.台灣',
    ]) {
      expect(checkNeverLogPattern(pattern), pattern).toMatchObject({ ok: true });
    }
  });

  it('refuses invalid patterns with the reason', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['ceo @acme.com', 'space'],
      ['a@acme.com, b@acme.com', 'space'],
      ['a@acme.com,b@acme.com', 'separator'],
      ['a@b@acme.com', 'several-at'],
      ['ceo@', 'empty-domain'],
      ['@', 'empty-domain'],
      ['*', 'everything'],
      ['*@*', 'everything'],
      ['**@*', 'everything'],
      ['"ceo"@acme.com', 'local-characters'],
      ['<ceo@acme.com>', 'local-characters'],
      ['mail.*.bank.com.tw', 'wildcard-in-domain'],
      ['*bank.com.tw', 'wildcard-in-domain'],
      ['ba*nk.com.tw', 'wildcard-in-domain'],
      ['bank.*', 'wildcard-in-domain'],
      ['*@*.*', 'wildcard-in-domain'],
      ['bank..com.tw', 'invalid-domain'],
      ['-bank.com.tw', 'invalid-domain'],
      ['bank.com.tw.', 'invalid-domain'],
      ['bank_tw.com', 'invalid-domain'],
      ['ceo@10.0.0.1', 'invalid-domain'],
      ['銀行.tw/x', 'invalid-domain'],
      [`${'a'.repeat(64)}.com`, 'invalid-domain'],
      ['acme', 'single-label'],
      ['*.tw', 'single-label'],
      ['ceo@localhost', 'single-label'],
      [`${'a'.repeat(250)}@acme.com`, 'too-long'],
    ];
    for (const [pattern, problem] of cases) expect(problemOf(pattern), JSON.stringify(pattern)).toBe(problem);
  });

  it('gives patterns that match the same thing the same key', () => {
    const keyOf = (text: string) => {
      const checked = checkNeverLogPattern(text);
      if (!checked.ok) throw new Error(`${text} was refused`);
      return checked.key;
    };
    expect(keyOf('John.Smith+news@gmail.com')).toBe(keyOf('johnsmith@googlemail.com'));
    expect(keyOf('*@*.bank.com.tw')).toBe(keyOf('*.bank.com.tw'));
    expect(keyOf('台灣銀行.tw')).toBe(keyOf('xn--kpry57dxmqrkj.tw'));
    expect(keyOf('*@bank.com.tw')).not.toBe(keyOf('bank.com.tw'));
    expect(keyOf('bank.com.tw')).not.toBe(keyOf('*.bank.com.tw'));
  });
});

describe('the schemas', () => {
  it('store the pattern normalized and say in English what is wrong', () => {
    expect(neverLogPatternSchema.parse(' *@Bank.com.TW ')).toBe('*@bank.com.tw');
    const result = neverLogPatternSchema.safeParse('mail.*.bank.com.tw');
    expect(result.error?.issues[0]?.message).toMatch(/^uses \* inside a domain/);
  });

  it('refuse a list with a repeated pattern, naming the position and the earlier pattern', () => {
    const result = neverLogListSchema.safeParse(['ceo@acme.com', 'bank.com.tw', 'CEO@ACME.COM']);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [2], message: 'repeats "ceo@acme.com"' }),
    ]);
  });

  it(`refuse more than ${NEVER_LOG_MAX_PATTERNS} patterns`, () => {
    const patterns = (count: number) => Array.from({ length: count }, (_, index) => `rep${index}@acme.com`);
    expect(neverLogListSchema.safeParse(patterns(NEVER_LOG_MAX_PATTERNS)).success).toBe(true);
    expect(neverLogListSchema.safeParse(patterns(NEVER_LOG_MAX_PATTERNS + 1)).success).toBe(false);
  });
});

describe('checkNeverLogLines', () => {
  it('names the line of each problem, counting blank lines, and keeps the valid patterns', () => {
    const text = [
      'ceo@acme.com',
      '',
      '  *@Bank.com.tw',
      'mail.*.bank.com.tw',
      'CEO@acme.com',
      'a b@acme.com',
    ].join('\r\n');
    expect(checkNeverLogLines(text)).toEqual({
      patterns: ['ceo@acme.com', '*@bank.com.tw'],
      problems: [
        { line: 4, text: 'mail.*.bank.com.tw', problem: 'wildcard-in-domain' },
        { line: 5, text: 'CEO@acme.com', problem: 'duplicate', sameAsLine: 1 },
        { line: 6, text: 'a b@acme.com', problem: 'space' },
      ],
    });
  });

  it('reads an empty text as an empty list', () => {
    expect(checkNeverLogLines('\n  \n')).toEqual({ patterns: [], problems: [] });
  });
});

describe('compileNeverLog', () => {
  const matcher = compileNeverLog([
    'ceo@acme.com',
    '*@bank.com.tw',
    'esunbank.com.tw',
    '*.cathaybk.com.tw',
    'john@gmail.com',
    'noreply*@*',
    'hr-*@*.gov.tw',
    '台灣銀行.tw',
    'ＣＦＯ@例子.台灣',
  ]);

  it('catches exact addresses, also when Gmail would deliver them to the same mailbox', () => {
    expect(matcher('CEO@Acme.com')).toBe('ceo@acme.com');
    expect(matcher(' ceo@acme.com ')).toBe('ceo@acme.com');
    expect(matcher('j.o.h.n+x@gmail.com')).toBe('john@gmail.com');
    expect(matcher('John@GoogleMail.com')).toBe('john@gmail.com');
    expect(matcher('cfo@acme.com')).toBeNull();
    expect(matcher('johnny@gmail.com')).toBeNull();
    expect(matcher('ceo@acme.com.tw')).toBeNull();
  });

  it('reads *@domain as that domain only, a bare domain with its subdomains, *.domain as subdomains only', () => {
    expect(matcher('wang.ming@bank.com.tw')).toBe('*@bank.com.tw');
    expect(matcher('wang.ming@mail.bank.com.tw')).toBeNull();
    expect(matcher('service@esunbank.com.tw')).toBe('esunbank.com.tw');
    expect(matcher('service@tw.mail.esunbank.com.tw')).toBe('esunbank.com.tw');
    expect(matcher('service@cathaybk.com.tw')).toBeNull();
    expect(matcher('service@mail.cathaybk.com.tw')).toBe('*.cathaybk.com.tw');
  });

  it('never catches lookalike domains', () => {
    for (const address of [
      'x@evilbank.com.tw',
      'x@bank.com.tw.evil.com',
      'x@esunbank.com',
      'x@fakeesunbank.com.tw',
      'x@esunbank.com.tw.example.org',
      'x@notcathaybk.com.tw',
    ]) {
      expect(matcher(address), address).toBeNull();
    }
  });

  it('matches * before the @ against the address as written and as Gmail reads it', () => {
    expect(matcher('noreply@github.com')).toBe('noreply*@*');
    expect(matcher('NoReply-Billing@shopee.tw')).toBe('noreply*@*');
    expect(matcher('no.reply@gmail.com')).toBe('noreply*@*');
    expect(matcher('reply@github.com')).toBeNull();
    expect(matcher('hr-recruit@mail.moea.gov.tw')).toBe('hr-*@*.gov.tw');
    expect(matcher('hr-recruit@gov.tw')).toBeNull();
  });

  it('treats * and other regular-expression characters in addresses as text', () => {
    const dotted = compileNeverLog(['a.b*@acme.com']);
    expect(dotted('a.bc@acme.com')).toBe('a.b*@acme.com');
    expect(dotted('axbc@acme.com')).toBeNull();
  });

  it('matches Unicode domains against their punycode form, both ways', () => {
    expect(matcher('service@xn--kpry57dxmqrkj.tw')).toBe('台灣銀行.tw');
    expect(matcher('service@分行.台灣銀行.tw')).toBe('台灣銀行.tw');
    expect(matcher('cfo@例子.台灣')).toBe('ＣＦＯ@例子.台灣');
    expect(compileNeverLog(['*@xn--kpry57dxmqrkj.tw'])('陳@台灣銀行.TW')).toBe('*@xn--kpry57dxmqrkj.tw');
  });

  it('returns the first matching pattern in list order', () => {
    const ordered = compileNeverLog(['noreply*@*', 'bank.com.tw', 'noreply@bank.com.tw']);
    expect(ordered('noreply@bank.com.tw')).toBe('noreply*@*');
    expect(compileNeverLog(['bank.com.tw', 'noreply*@*'])('noreply@bank.com.tw')).toBe('bank.com.tw');
    expect(compileNeverLog(['*.bank.com.tw', '*@mail.bank.com.tw'])('a@mail.bank.com.tw')).toBe(
      '*.bank.com.tw',
    );
  });

  it('catches nothing with an empty list, and nothing in a malformed address', () => {
    expect(compileNeverLog([])('ceo@acme.com')).toBeNull();
    expect(matcher('not-an-address')).toBeNull();
    expect(matcher('@bank.com.tw')).toBeNull();
  });

  it('refuses to compile an invalid pattern rather than silently not enforcing it', () => {
    expect(() => compileNeverLog(['ceo@acme.com', 'mail.*.bank.com.tw'])).toThrow(/pattern 2 uses \*/);
  });

  it('handles 500 patterns against 1,000 addresses, agreeing with a pattern-by-pattern check', () => {
    const patterns = Array.from({ length: 500 }, (_, index) => {
      const forms = [`rep${index}@client${index}.com.tw`, `*@bank${index}.com.tw`, `corp${index}.tw`];
      return forms[index % 3] ?? '';
    });
    const matchAll = compileNeverLog(patterns);
    const addresses = Array.from({ length: 1000 }, (_, index) => {
      const n = index % 600;
      return [
        `rep${n}@client${n}.com.tw`,
        `x@bank${n}.com.tw`,
        `y@mail.corp${n}.tw`,
        `z@mail.bank${n}.com.tw`,
      ][index % 4] as string;
    });
    const onePatternEach = patterns.map((pattern) => compileNeverLog([pattern]));
    const expected = addresses.map(
      (address) => patterns.find((_, index) => onePatternEach[index]?.(address) !== null) ?? null,
    );
    expect(addresses.map(matchAll)).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(100);
  });
});

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const domain = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'com.tw', 'tw', 'org', 'co.jp'),
  )
  .map(([labels, suffix]) => [...labels, suffix].join('.'));
const local = fc.stringMatching(/^[a-z0-9](?:[a-z0-9._+-]{0,10}[a-z0-9])?$/);

describe('compileNeverLog, for any domain', () => {
  it('a bare domain catches every address at it and its subdomains', () => {
    fc.assert(
      fc.property(domain, local, fc.array(label, { maxLength: 3 }), (base, mailbox, subdomains) => {
        const host = [...subdomains, base].join('.');
        expect(compileNeverLog([base])(`${mailbox}@${host}`)).toBe(base);
      }),
    );
  });

  it('*@domain catches the domain only; *.domain its subdomains only', () => {
    fc.assert(
      fc.property(domain, local, label, (base, mailbox, subdomain) => {
        const exact = compileNeverLog([`*@${base}`]);
        const below = compileNeverLog([`*.${base}`]);
        expect(exact(`${mailbox}@${base}`)).toBe(`*@${base}`);
        expect(exact(`${mailbox}@${subdomain}.${base}`)).toBeNull();
        expect(below(`${mailbox}@${subdomain}.${base}`)).toBe(`*.${base}`);
        expect(below(`${mailbox}@${base}`)).toBeNull();
      }),
    );
  });

  it('no pattern for a domain catches a lookalike: a longer label, or the domain followed by more', () => {
    fc.assert(
      fc.property(domain, local, label, domain, (base, mailbox, prefix, other) => {
        const patterns = [base, `*@${base}`, `*.${base}`, `${mailbox}@${base}`];
        const matcher = compileNeverLog(patterns);
        expect(matcher(`${mailbox}@${prefix}${base}`)).toBeNull();
        expect(matcher(`${mailbox}@${prefix}-${base}`)).toBeNull();
        fc.pre(!`${base}.${other}`.endsWith(`.${base}`));
        expect(matcher(`${mailbox}@${base}.${other}`)).toBeNull();
      }),
    );
  });

  it('an address pattern catches exactly that mailbox, whatever the capitals', () => {
    fc.assert(
      fc.property(local, domain, local, (mailbox, host, otherMailbox) => {
        const matcher = compileNeverLog([`${mailbox}@${host}`]);
        expect(matcher(`${mailbox.toUpperCase()}@${host.toUpperCase()}`)).toBe(`${mailbox}@${host}`);
        fc.pre(normalizeAddress(`${otherMailbox}@${host}`) !== normalizeAddress(`${mailbox}@${host}`));
        expect(matcher(`${otherMailbox}@${host}`)).toBeNull();
      }),
    );
  });

  it('a Gmail address pattern catches the same mailbox with dots and +tags added', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,12}$/),
        fc.integer({ min: 0, max: 11 }),
        local,
        (name, at, tag) => {
          const dotted = `${name.slice(0, at)}.${name.slice(at)}`.replace(/^\.|\.$/g, '');
          expect(compileNeverLog([`${name}@gmail.com`])(`${dotted}+${tag}@gmail.com`)).toBe(
            `${name}@gmail.com`,
          );
        },
      ),
    );
  });
});

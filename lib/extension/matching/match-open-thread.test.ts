import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Company, Contact, Deal, MailParticipant, Pipeline } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeCompany, makeContact, makeDeal, makePipeline } from '@/tests/unit/records';
import { normalizeAddress } from '../../shared/model/address';
import { correspondentsOf, matchOpenThread } from './match-open-thread';
import type { MatchResult } from './types';

const OWN_DOMAIN = 'sensecloud.com.tw';
const ACCOUNT = 'xiaoming.wang@sensecloud.com.tw';
const SETTINGS = { ownDomains: [OWN_DOMAIN] };

function thread(addresses: readonly string[], account: string | null = ACCOUNT): OpenThread {
  const [first = ACCOUNT, ...rest] = addresses;
  const participant = (address: string): MailParticipant => ({ name: '', address });
  return {
    provider: 'gmail',
    account,
    threadId: '18c2f0a1b2c3d4e5',
    subject: '報價單',
    threadUrl: 'https://mail.google.com/mail/u/0/#inbox/18c2f0a1b2c3d4e5',
    messages: [
      {
        providerMessageId: '18c2f0a1b2c3d4e5',
        rfcMessageId: null,
        from: participant(first),
        to: rest.slice(0, 5).map(participant),
        cc: rest.slice(5).map(participant),
        date: null,
        snippet: '',
      },
    ],
  };
}

type World = { pipeline: Pipeline; companies: Company[]; contacts: Contact[]; deals: Deal[] };

async function store(database: DealsideDatabase, world: World) {
  await database.pipelines.put(world.pipeline);
  await database.companies.bulkPut(world.companies);
  await database.contacts.bulkPut(world.contacts);
  await database.deals.bulkPut(world.deals);
}

describe('correspondentsOf', () => {
  it('lists each mailbox once, Gmail spellings included, in the order first seen', () => {
    const context = thread([
      'yi.jun@gmail.com',
      'amy@hongda.com.tw',
      'yijun+crm@googlemail.com',
      'AMY@hongda.com.tw',
    ]);
    expect(correspondentsOf(context).map((participant) => participant.address)).toEqual([
      'yi.jun@gmail.com',
      'amy@hongda.com.tw',
    ]);
  });
});

describe('matchOpenThread with Taiwanese data', () => {
  const pipeline = makePipeline();
  const [lead, , , , won, lost] = pipeline.stages;
  if (!lead || !won || !lost) throw new Error('default pipeline changed');
  const hongda = makeCompany({ name: '宏達精密股份有限公司', domains: ['hongda.com.tw', 'hongda.tw'] });
  const taifeng = makeCompany({ name: '台豐塑膠有限公司', domains: ['taifeng.com.tw'] });
  const yijun = makeContact({ name: '陳怡君', emails: ['yijun.chen@hongda.com.tw'], companyId: hongda.id });
  const zhiming = makeContact({ name: '林志明', emails: ['zhiming.lin@gmail.com'], companyId: taifeng.id });
  const freelancer = makeContact({ name: '黃雅婷', emails: ['yating.huang@yahoo.com.tw'], companyId: null });
  const mes = makeDeal(pipeline, {
    title: 'MES 系統導入',
    companyId: hongda.id,
    contactIds: [yijun.id],
    expectedCloseDate: '2027-03-31',
  });
  const sensors = makeDeal(pipeline, {
    title: '感測器擴充',
    companyId: hongda.id,
    expectedCloseDate: '2026-12-15',
  });
  const molds = makeDeal(pipeline, { title: '模具監控', companyId: taifeng.id, contactIds: [zhiming.id] });
  const closedWon = makeDeal(pipeline, {
    title: '第一期',
    companyId: hongda.id,
    contactIds: [yijun.id],
    stageId: won.id,
    status: 'won',
  });
  const closedLost = makeDeal(pipeline, {
    title: '舊案',
    companyId: taifeng.id,
    stageId: lost.id,
    status: 'lost',
    lostReason: '價格',
  });
  const world: World = {
    pipeline,
    companies: [hongda, taifeng],
    contacts: [yijun, zhiming, freelancer],
    deals: [mes, sensors, molds, closedWon, closedLost],
  };

  async function match(addresses: string[], options: { includeClosed?: boolean } = {}) {
    const database = isolatedDatabase();
    await store(database, world);
    const result = await matchOpenThread(database, thread(addresses), SETTINGS, options);
    database.close();
    return result;
  }

  it('sorts correspondents into self, colleagues, contacts, company people, and unknowns', async () => {
    const result = await match([
      'yijun.chen@hongda.com.tw',
      ACCOUNT,
      'meiling@sensecloud.com.tw',
      'purchasing@sales.hongda.com.tw',
      'Zhi.Ming.Lin+quotes@gmail.com',
      'ceo@mail.newco.com.tw',
      'someone@yahoo.com.tw',
      'user@msa.hinet.net',
    ]);
    expect(result.people.map((person) => [person.participant.address, person.role])).toEqual([
      ['yijun.chen@hongda.com.tw', 'contact'],
      [ACCOUNT, 'self'],
      ['meiling@sensecloud.com.tw', 'colleague'],
      ['purchasing@sales.hongda.com.tw', 'company-only'],
      ['Zhi.Ming.Lin+quotes@gmail.com', 'contact'],
      ['ceo@mail.newco.com.tw', 'unknown'],
      ['someone@yahoo.com.tw', 'unknown-freemail'],
      ['user@msa.hinet.net', 'unknown-freemail'],
    ]);
    const [chen, , , purchasing, lin, ceo, yahoo] = result.people;
    expect(chen?.contact?.id).toBe(yijun.id);
    expect(chen?.company?.id).toBe(hongda.id);
    expect(purchasing?.company?.id).toBe(hongda.id);
    // A Gmail contact's company comes from the contact, never from gmail.com.
    expect(lin?.contact?.id).toBe(zhiming.id);
    expect(lin?.company?.id).toBe(taifeng.id);
    expect(ceo?.suggestedCompanyDomain).toBe('newco.com.tw');
    expect(yahoo?.suggestedCompanyDomain).toBeNull();
    expect(yahoo?.company).toBeNull();
  });

  it('matches a free-mail contact without a company, and suggests no company for it', async () => {
    const result = await match(['Yating.Huang@yahoo.com.tw']);
    expect(result.people[0]).toMatchObject({ role: 'contact', company: null, suggestedCompanyDomain: null });
    expect(result.people[0]?.contact?.id).toBe(freelancer.id);
  });

  it('lists contact deals first, then the company’s other open deals, with every reason', async () => {
    const result = await match(['yijun.chen@hongda.com.tw']);
    expect(result.deals.map((matched) => [matched.deal.title, matched.reasons])).toEqual([
      ['MES 系統導入', ['contact-email', 'company-domain']],
      ['感測器擴充', ['company-domain']],
    ]);
    const [first] = result.deals;
    expect(first?.matchedContactIds).toEqual([yijun.id]);
    expect(first?.pipeline?.id).toBe(pipeline.id);
    expect(first?.company?.id).toBe(hongda.id);
    expect(first?.contacts.map((contact) => contact.id)).toEqual([yijun.id]);
    expect(result.closedDeals).toEqual([]);
  });

  it('finds a company’s deals from any address at any of its domains or subdomains', async () => {
    const result = await match(['sales@tp.hongda.tw']);
    expect(result.people[0]?.role).toBe('company-only');
    expect(result.deals.map((matched) => matched.deal.id).sort()).toEqual([mes.id, sensors.id].sort());
    expect(result.deals.every((matched) => matched.reasons.join() === 'company-domain')).toBe(true);
  });

  it('shows won and lost deals only when asked', async () => {
    const addresses = ['yijun.chen@hongda.com.tw', 'zhiming.lin@gmail.com'];
    expect((await match(addresses)).closedDeals).toEqual([]);
    const withClosed = await match(addresses, { includeClosed: true });
    expect(withClosed.closedDeals.map((matched) => matched.deal.id).sort()).toEqual(
      [closedWon.id, closedLost.id].sort(),
    );
    expect(withClosed.deals.every((matched) => matched.deal.status === 'open')).toBe(true);
  });

  it('treats the user’s own domain as colleagues even when they were saved as contacts', async () => {
    const database = isolatedDatabase();
    const ownCompany = makeCompany({ name: '思雲科技', domains: [OWN_DOMAIN] });
    const colleague = makeContact({ emails: ['meiling@sensecloud.com.tw'], companyId: ownCompany.id });
    await store(database, {
      pipeline,
      companies: [ownCompany],
      contacts: [colleague],
      deals: [makeDeal(pipeline, { companyId: ownCompany.id, contactIds: [colleague.id] })],
    });
    const result = await matchOpenThread(database, thread(['meiling@sensecloud.com.tw']), SETTINGS);
    expect(result.people[0]).toMatchObject({ role: 'colleague', contact: null, company: null });
    expect(result.deals).toEqual([]);
    database.close();
  });

  it('knows the account as self without settings, and the settings’ address without an account', async () => {
    const database = isolatedDatabase();
    const noAccount = await matchOpenThread(database, thread(['me@gmail.com'], null), {
      ownDomains: [],
      user: { email: 'me@gmail.com' },
    });
    expect(noAccount.people[0]?.role).toBe('self');
    const dotted = await matchOpenThread(database, thread(['m.e@gmail.com'], 'me@gmail.com'), {
      ownDomains: [],
    });
    expect(dotted.people[0]?.role).toBe('self');
    database.close();
  });
});

/* ---- Properties, over small random CRMs and threads ---- */

const HOSTS = [
  'hongda.com.tw',
  'sales.hongda.com.tw',
  'hongda.tw',
  'acme.com',
  'tw.acme.com',
  'taifeng.co.jp',
  'gmail.com',
  'googlemail.com',
  'yahoo.com.tw',
  'msa.hinet.net',
  OWN_DOMAIN,
] as const;
const COMPANY_DOMAINS = ['hongda.com.tw', 'hongda.tw', 'acme.com', 'taifeng.co.jp', 'gmail.com', OWN_DOMAIN];
const LOCALS = ['amy', 'yijun.chen', 'bob', 'chen.wei', 'li'] as const;

const addressArbitrary = fc
  .record({ local: fc.constantFrom(...LOCALS), host: fc.constantFrom(...HOSTS) })
  .map(({ local, host }) => `${local}@${host}`);

/** How people type a stored address: capitals, and in Gmail dots and +tags. */
function spell(address: string, variant: number): string {
  const [local = '', host = ''] = address.split('@');
  if (variant % 3 === 1) return address.toUpperCase();
  if (variant % 3 === 2 && (host === 'gmail.com' || host === 'googlemail.com')) {
    return `${local.replaceAll('.', '').split('').join('.')}+Tag${variant}@${host.toUpperCase()}`;
  }
  return address;
}

const worldArbitrary = fc
  .record({
    companies: fc.array(
      fc.record({
        domains: fc.uniqueArray(fc.constantFrom(...COMPANY_DOMAINS), { maxLength: 2 }),
        deleted: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
    contacts: fc.array(
      fc.record({
        emails: fc.uniqueArray(addressArbitrary, { minLength: 1, maxLength: 2 }),
        company: fc.option(fc.nat(), { nil: undefined }),
        deleted: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    deals: fc.array(
      fc.record({
        contacts: fc.array(fc.nat(), { maxLength: 3 }),
        company: fc.option(fc.nat(), { nil: undefined }),
        status: fc.constantFrom('open', 'open', 'won', 'lost'),
        deleted: fc.boolean(),
        closeDay: fc.integer({ min: 1, max: 28 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map((spec): World => {
    const pipeline = makePipeline();
    const companies = spec.companies.map(({ domains, deleted }) => makeCompany({ domains, deleted }));
    const pickCompany = (index: number | undefined) =>
      index === undefined || companies.length === 0
        ? null
        : (companies[index % companies.length]?.id ?? null);
    const contacts = spec.contacts.map(({ emails, company, deleted }) =>
      makeContact({ emails, companyId: pickCompany(company), deleted }),
    );
    const deals = spec.deals.map(({ contacts: picks, company, status, deleted, closeDay }) => {
      const stage = pipeline.stages.find((candidate) => candidate.kind === status) ?? pipeline.stages[0];
      return makeDeal(pipeline, {
        contactIds:
          contacts.length === 0
            ? []
            : [...new Set(picks.map((pick) => contacts[pick % contacts.length]?.id ?? ''))],
        companyId: pickCompany(company),
        status,
        stageId: stage?.id ?? '',
        lostReason: status === 'lost' ? '價格' : null,
        deleted,
        expectedCloseDate: `2027-01-${String(closeDay).padStart(2, '0')}`,
      });
    });
    return { pipeline, companies, contacts, deals };
  });

const scenarioArbitrary = fc.record({
  world: worldArbitrary,
  addresses: fc.array(fc.tuple(addressArbitrary, fc.nat()), { minLength: 1, maxLength: 10 }),
  includeClosed: fc.boolean(),
});

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

async function runScenario({ world, addresses, includeClosed }: Scenario) {
  // Threads also carry stored contacts' addresses, spelled as people type them.
  const stored = world.contacts.flatMap((contact) => contact.emails);
  const written = addresses.map(([address, variant]) =>
    spell(
      stored.length > 0 && variant % 2 === 0 ? (stored[variant % stored.length] ?? address) : address,
      variant,
    ),
  );
  const database = isolatedDatabase();
  await store(database, world);
  const result = await matchOpenThread(database, thread(written), SETTINGS, { includeClosed });
  database.close();
  return { result, written };
}

function allDeals(result: MatchResult) {
  return [...result.deals, ...result.closedDeals];
}

describe('matchOpenThread properties', () => {
  const runs = { numRuns: 60 };

  it('never lists a deal twice, and lists closed deals only when asked', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const { result } = await runScenario(scenario);
        const ids = allDeals(result).map((matched) => matched.deal.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(result.deals.every((matched) => matched.deal.status === 'open')).toBe(true);
        if (!scenario.includeClosed) expect(result.closedDeals).toEqual([]);
      }),
      runs,
    );
  });

  it('lists every open deal of every matched contact, by email', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const { result } = await runScenario(scenario);
        const matchedContactIds = new Set(
          result.people.flatMap((person) => (person.contact ? [person.contact.id] : [])),
        );
        const expected = scenario.world.deals.filter(
          (deal) =>
            !deal.deleted &&
            deal.status === 'open' &&
            deal.contactIds.some((id) => matchedContactIds.has(id)),
        );
        for (const deal of expected) {
          const found = result.deals.find((matched) => matched.deal.id === deal.id);
          expect(found?.reasons[0]).toBe('contact-email');
        }
      }),
      runs,
    );
  });

  it('ranks every match by contact before every company-only match', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const { result } = await runScenario(scenario);
        for (const list of [result.deals, result.closedDeals]) {
          const kinds = list.map((matched) => (matched.reasons.includes('contact-email') ? 0 : 1));
          expect(kinds).toEqual([...kinds].sort());
        }
      }),
      runs,
    );
  });

  it('never shows a tombstoned record', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const { result } = await runScenario(scenario);
        const shown = [
          ...result.people.flatMap((person) => [person.contact, person.company]),
          ...allDeals(result).flatMap((matched) => [matched.deal, matched.company, ...matched.contacts]),
        ];
        expect(shown.filter((record) => record?.deleted)).toEqual([]);
      }),
      runs,
    );
  });

  it('never takes a company from a free-mail domain, nor a customer from the user’s own domain', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const { result } = await runScenario(scenario);
        for (const person of result.people) {
          const host = person.participant.address.toLowerCase().split('@')[1] ?? '';
          if (['gmail.com', 'googlemail.com', 'yahoo.com.tw', 'msa.hinet.net'].includes(host)) {
            // Only the contact's own (live) company may show; gmail.com (a stored company domain here) never does.
            if (person.company) expect(person.company.id).toBe(person.contact?.companyId);
            expect(person.suggestedCompanyDomain).toBeNull();
          }
          if (host === OWN_DOMAIN) {
            expect(person.role).toBe('colleague');
            expect(person.contact).toBeNull();
            expect(person.company).toBeNull();
          }
        }
        const customerCompanies = new Set(
          result.people.flatMap((person) => (person.company ? [person.company.id] : [])),
        );
        for (const matched of allDeals(result)) {
          if (matched.reasons.includes('company-domain')) {
            expect(customerCompanies.has(matched.deal.companyId ?? '')).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it('matches the same contact for every spelling of a Gmail address', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LOCALS),
        fc.nat(),
        fc.constantFrom('gmail.com', 'googlemail.com'),
        async (local, variant, host) => {
          const database = isolatedDatabase();
          const contact = makeContact({ emails: [`${local}@gmail.com`] });
          await database.contacts.add(contact);
          const written = spell(`${local}@${host}`, variant * 3 + 2);
          const result = await matchOpenThread(database, thread([written]), { ownDomains: [] });
          database.close();
          expect(normalizeAddress(written)).toBe(normalizeAddress(`${local}@gmail.com`));
          expect(result.people[0]?.contact?.id).toBe(contact.id);
        },
      ),
      { numRuns: 30 },
    );
  });
});

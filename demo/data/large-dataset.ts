import { type Backup, emptyBackup } from '../../lib/extension/backup/format';
import {
  type Activity,
  type Company,
  type Contact,
  type Deal,
  defaultReportingSettings,
  type EmailDetails,
  emailMessageKey,
  type Id,
  type MailParticipant,
  type Reminder,
  SETTINGS_KEY,
  type Settings,
} from '../../lib/shared/model';
import { LOST_REASONS, NEXT_STEPS, NOTES, REMINDER_TITLES } from './demo-catalog';
import { newMailThread, providerMessageId } from './mail-ids';
import {
  claimMailbox,
  ENGLISH_TITLES,
  foreignPhone,
  generatePerson,
  type PersonOrigin,
  TAIWANESE_TITLES,
  taiwaneseMobile,
} from './people';
import { createRandom, type Random, randomString } from './random';
import { reminderOutcome } from './reminder-outcome';
import { seededPipeline } from './seeded-pipeline';
import { seededUlid } from './seeded-ulid';
import { DAY_MS, HOUR_MS, taipeiDay } from './time';

export type LargeDatasetOptions = {
  companies: number;
  contacts: number;
  deals: number;
  activities: number;
  /** Defaults to a tenth of the deals. */
  reminders?: number;
  seed: number;
  /** Records are spread over the two years before this instant. Defaults to the current time. */
  now?: number;
};

/** Brand words, in pinyin and in Chinese, combined with an industry into company names and domains. */
const BRANDS: readonly (readonly [string, string])[] = [
  ['hongda', '宏達'],
  ['lianfeng', '聯鋒'],
  ['taifeng', '台豐'],
  ['yongxin', '永信'],
  ['jujing', '巨晶'],
  ['shengyang', '昇陽'],
  ['nangang', '南港'],
  ['dingtai', '鼎泰'],
  ['hecheng', '和成'],
  ['dayi', '大益'],
  ['qunchuang', '群創'],
  ['hengchun', '恆春'],
  ['kangqiao', '康橋'],
  ['ruizhan', '瑞展'],
  ['zhongxing', '中興'],
  ['tongxin', '統鑫'],
  ['huayu', '華宇'],
  ['jinyuan', '金元'],
  ['qidian', '奇點'],
  ['beichen', '北辰'],
  ['xinhua', '新華'],
  ['guanghui', '光輝'],
  ['mingtai', '明泰'],
  ['shunda', '順達'],
  ['fuxing', '富興'],
  ['changrong', '長榮'],
  ['jiahe', '嘉禾'],
  ['tianyi', '天翼'],
  ['yuanfeng', '元豐'],
  ['jinghua', '晶華'],
  ['haoyang', '浩陽'],
  ['longsheng', '隆盛'],
  ['baofeng', '寶豐'],
  ['xiangyu', '翔宇'],
  ['dachang', '大昌'],
  ['wanli', '萬里'],
  ['hongyuan', '宏遠'],
  ['chengda', '誠達'],
  ['xinyuan', '信遠'],
  ['taiyang', '泰陽'],
  ['formosa', '福爾摩沙'],
  ['pacific', '太平洋'],
  ['northstar', '北極星'],
  ['lumina', '流明'],
  ['kestrel', '紅隼'],
  ['bluefin', '藍鰭'],
  ['jade', '翠玉'],
  ['summit', '峰鼎'],
  ['harbor', '港灣'],
  ['orchid', '蘭庭'],
  ['phoenix', '鳳凰'],
  ['sunrise', '日昇'],
  ['everbright', '永明'],
  ['silverline', '銀線'],
  ['greenfield', '綠野'],
  ['apex', '頂峰'],
  ['nova', '新星'],
  ['vertex', '匯點'],
  ['crystal', '晶瑩'],
  ['meridian', '子午'],
  ['horizon', '遠見'],
  ['zenith', '天頂'],
  ['aurora', '曙光'],
  ['cobalt', '鈷藍'],
];

const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['precision', '精密'],
  ['machinery', '機械'],
  ['plastics', '塑膠'],
  ['foods', '食品'],
  ['semi', '半導體'],
  ['opto', '光電'],
  ['biotech', '生技'],
  ['logistics', '物流'],
  ['steel', '鋼鐵'],
  ['textile', '紡織'],
  ['energy', '能源'],
  ['electronics', '電子'],
  ['medical', '醫材'],
  ['tech', '科技'],
  ['materials', '材料'],
  ['chemical', '化學'],
  ['packaging', '包裝'],
  ['motor', '馬達'],
  ['autoparts', '汽車零件'],
  ['robotics', '機器人'],
  ['systems', '系統'],
  ['optics', '光學'],
  ['metal', '金屬'],
  ['paper', '紙業'],
  ['glass', '玻璃'],
  ['cable', '電線電纜'],
  ['power', '電力'],
  ['water', '水務'],
  ['construction', '營造'],
  ['trading', '貿易'],
];

/** Offices or markets companies add to a domain when the plain name is taken. */
const PLACES = ['tp', 'hc', 'tc', 'tn', 'ks', 'asia', 'global', 'intl'];

type Region = { tld: string; people: PersonOrigin; chineseName: boolean; weight: number };

/** Public suffixes in the ICANN section of the list, so `brand-industry.<tld>` is registrable. */
const REGIONS: readonly Region[] = [
  { tld: 'com.tw', people: 'taiwanese', chineseName: true, weight: 36 },
  { tld: 'tw', people: 'taiwanese', chineseName: true, weight: 10 },
  { tld: 'com', people: 'taiwanese', chineseName: false, weight: 22 },
  { tld: 'com', people: 'western', chineseName: false, weight: 8 },
  { tld: 'io', people: 'taiwanese', chineseName: false, weight: 4 },
  { tld: 'net', people: 'western', chineseName: false, weight: 3 },
  { tld: 'co.jp', people: 'japanese', chineseName: false, weight: 6 },
  { tld: 'com.sg', people: 'singaporean', chineseName: false, weight: 4 },
  { tld: 'com.hk', people: 'taiwanese', chineseName: true, weight: 3 },
  { tld: 'de', people: 'western', chineseName: false, weight: 2 },
  { tld: 'co.uk', people: 'western', chineseName: false, weight: 2 },
];
const REGION_WEIGHTS = REGIONS.map((region) => [region, region.weight] as const);

const TWO_YEARS_MS = 730 * DAY_MS;

type CompanySeed = { company: Company; shortName: string; region: Region; contacts: Contact[] };

/**
 * A big, valid, reproducible backup for benchmarks: unique registrable company domains with
 * varied suffixes, contacts with unique addresses at their company's domain, deals in every
 * stage and an activity history. Texts come from small pools; this is load, not a showcase.
 */
export function generateLargeDataset(options: LargeDatasetOptions): Backup {
  const random = createRandom(options.seed);
  const now = Math.floor(options.now ?? Date.now());
  const since = now - TWO_YEARS_MS;
  const instantBetween = (from: number, to: number) =>
    from + Math.floor(random.next() * Math.max(1, to - from));

  const user: MailParticipant = { name: '王小明', address: 'xiaoming.wang@sensecloud.com.tw' };
  const settings: Settings = {
    id: SETTINGS_KEY,
    updatedAt: since,
    user: { id: seededUlid(random, since), name: user.name, email: user.address },
    ownDomains: ['sensecloud.com.tw'],
    defaultCurrency: 'TWD',
    language: 'auto',
    neverLog: [],
    logEmailBodies: false,
    autoLogOpenDeals: false,
    lostReasons: null,
    reporting: defaultReportingSettings('TWD'),
  };
  const pipeline = seededPipeline(random, 'zh-TW', since);
  const stages = pipeline.stages;

  const companies = generateCompanies(random, options.companies, since, now, instantBetween);
  const contacts = generateContacts(random, options.contacts, companies, now, instantBetween);
  const staffed = companies.filter((seed) => seed.contacts.length > 0);

  const deals: Deal[] = [];
  for (let index = 0; index < options.deals && staffed.length > 0; index++) {
    const seed = random.pick(staffed);
    const stage = random.weighted(
      stages.map((candidate, position) => [candidate, [22, 18, 15, 10, 20, 15][position] ?? 1]),
    );
    const createdAt = instantBetween(Math.max(since, seed.company.createdAt), now);
    const stageEnteredAt = instantBetween(createdAt, now);
    const english = !seed.region.chineseName;
    const usd = english && random.chance(0.5);
    deals.push({
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: instantBetween(stageEnteredAt, now),
      deleted: false,
      title: `${seed.shortName} ${random.pick(english ? ['edge gateways', 'IoT platform', 'energy dashboard'] : ['設備聯網', '能源管理', '平台授權'])} #${index + 1}`,
      companyId: seed.company.id,
      contactIds: random.sample(seed.contacts, random.int(1, 3)).map((contact) => contact.id),
      pipelineId: pipeline.id,
      stageId: stage.id,
      stageEnteredAt,
      amount: usd ? random.int(10, 400) * 500 : random.int(15, 650) * 10_000,
      currency: usd ? 'USD' : 'TWD',
      expectedCloseDate: taipeiDay(
        stage.kind === 'open' ? now + random.int(-30, 120) * DAY_MS : stageEnteredAt,
      ),
      closeDatePushes: random.chance(0.2) ? random.int(1, 4) : 0,
      ownerId: settings.user.id,
      nextStep:
        stage.kind === 'open' && random.chance(0.85)
          ? {
              text: random.pick(NEXT_STEPS[english ? 'en' : 'zh']),
              dueDate: taipeiDay(now + random.int(-10, 21) * DAY_MS),
            }
          : null,
      status: stage.kind,
      lostReason: stage.kind === 'lost' ? random.pick(LOST_REASONS[english ? 'en' : 'zh']) : null,
      checklistDone: [],
    });
  }

  const activities = generateActivities(random, options.activities, {
    deals,
    contacts,
    stages: stages.map((stage) => stage.id),
    authorId: settings.user.id,
    user,
    now,
    instantBetween,
  });

  const reminders: Reminder[] = [];
  const reminderCount = options.reminders ?? Math.floor(options.deals / 10);
  for (let index = 0; index < reminderCount && deals.length > 0; index++) {
    const deal = random.pick(deals);
    const createdAt = instantBetween(deal.createdAt, now);
    const status = random.weighted([
      ['pending', 6],
      ['done', 3],
      ['snoozed', 1],
    ] as const);
    reminders.push({
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: createdAt,
      deleted: false,
      dueAt: status === 'done' ? instantBetween(createdAt, now) : now + random.int(-5, 30) * DAY_MS,
      title: random.pick(REMINDER_TITLES.zh),
      note: '',
      dealId: deal.id,
      contactId: deal.contactIds[0] ?? null,
      thread: null,
      status,
      onlyIfNoReply: false,
      ...reminderOutcome(status === 'done', createdAt),
    });
  }

  const backup = emptyBackup(new Date(now));
  backup.settings = settings;
  backup.pipelines = [pipeline];
  backup.companies = companies.map((seed) => seed.company);
  backup.contacts = contacts;
  backup.deals = deals;
  backup.activities = activities;
  backup.reminders = reminders;
  return backup;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function generateCompanies(
  random: Random,
  count: number,
  since: number,
  now: number,
  instantBetween: (from: number, to: number) => number,
): CompanySeed[] {
  const takenDomains = new Set<string>();
  const companies: CompanySeed[] = [];
  for (let index = 0; index < count; index++) {
    const region = random.weighted(REGION_WEIGHTS);
    let brand = random.pick(BRANDS);
    let industry = random.pick(INDUSTRIES);
    let domain = '';
    // Retry other combinations first; a numbered name is the last resort once they run out.
    for (let attempt = 0; attempt < 30 && (domain === '' || takenDomains.has(domain)); attempt++) {
      brand = random.pick(BRANDS);
      industry = random.pick(INDUSTRIES);
      const style = random.int(0, 3);
      const label =
        style === 0
          ? `${brand[0]}-${industry[0]}`
          : style === 1
            ? `${brand[0]}${industry[0]}`
            : style === 2
              ? `${brand[0]}${industry[0]}-group`
              : `${brand[0]}-${industry[0]}-${random.pick(PLACES)}`;
      domain = `${label}.${region.tld}`;
    }
    for (let suffix = 2; takenDomains.has(domain); suffix++)
      domain = `${brand[0]}-${industry[0]}${suffix}.${region.tld}`;
    takenDomains.add(domain);

    const createdAt = instantBetween(since, now - DAY_MS);
    const shortName = region.chineseName
      ? `${brand[1]}${industry[1]}`
      : `${capitalize(brand[0])} ${capitalize(industry[0])}`;
    const name = region.chineseName
      ? `${shortName}${random.chance(0.8) ? '股份有限公司' : '有限公司'}`
      : `${shortName} ${random.pick(['Co., Ltd.', 'Inc.', 'Corporation', 'Ltd.'])}`;
    companies.push({
      company: {
        id: seededUlid(random, createdAt),
        createdAt,
        updatedAt: instantBetween(createdAt, now),
        deleted: false,
        name,
        domains: [domain],
        notes: '',
      },
      shortName,
      region,
      contacts: [],
    });
  }
  return companies;
}

function generateContacts(
  random: Random,
  count: number,
  companies: CompanySeed[],
  now: number,
  instantBetween: (from: number, to: number) => number,
): Contact[] {
  const contacts: Contact[] = [];
  const takenAddresses = new Set<string>();
  for (let index = 0; index < count && companies.length > 0; index++) {
    // Every company gets one contact first; the rest cluster, as real customer bases do.
    const seed = (
      index < companies.length
        ? companies[index]
        : companies[Math.floor(random.next() ** 2 * companies.length)]
    ) as CompanySeed;
    const person = generatePerson(random, seed.region.people);
    const createdAt = instantBetween(seed.company.createdAt, now);
    const taiwanese = seed.region.people === 'taiwanese';
    const contact: Contact = {
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: instantBetween(createdAt, now),
      deleted: false,
      name: person.name,
      emails: [claimMailbox(person, seed.company.domains[0] as string, takenAddresses)],
      companyId: seed.company.id,
      jobTitle: random.pick(taiwanese && seed.region.chineseName ? TAIWANESE_TITLES : ENGLISH_TITLES),
      phone: taiwanese
        ? taiwaneseMobile(random)
        : foreignPhone(
            random,
            seed.region.people === 'japanese' ? 'JP' : seed.region.people === 'singaporean' ? 'SG' : 'US',
          ),
      notes: '',
    };
    contacts.push(contact);
    seed.contacts.push(contact);
  }
  return contacts;
}

type ActivityContext = {
  deals: Deal[];
  contacts: Contact[];
  stages: Id[];
  authorId: Id;
  user: MailParticipant;
  now: number;
  instantBetween: (from: number, to: number) => number;
};

function generateActivities(random: Random, count: number, context: ActivityContext): Activity[] {
  const { deals, contacts, stages, authorId, user, now, instantBetween } = context;
  const contactsById = new Map(contacts.map((contact) => [contact.id, contact]));
  const activities: Activity[] = [];
  const kinds = [
    ['email', 50],
    ['note', 15],
    ['call', 12],
    ['meeting', 8],
    ['stage-change', 15],
  ] as const;
  for (let index = 0; index < count && contacts.length > 0; index++) {
    const deal = deals.length > 0 && random.chance(0.85) ? random.pick(deals) : null;
    const contactIds = deal
      ? random.sample(deal.contactIds, random.int(1, deal.contactIds.length))
      : [random.pick(contacts).id];
    const occurredAt = instantBetween(
      deal?.createdAt ?? (contactsById.get(contactIds[0] as Id) as Contact).createdAt,
      now,
    );
    const createdAt = Math.min(now, occurredAt + random.int(0, 2 * HOUR_MS));
    const common = {
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: createdAt,
      deleted: false,
      dealId: deal?.id ?? null,
      contactIds,
      companyId: deal
        ? deal.companyId
        : ((contactsById.get(contactIds[0] as Id) as Contact).companyId ?? null),
      occurredAt,
      authorId,
    };
    const kind = random.weighted(kinds);
    if (kind === 'email') {
      const counterpart = contactsById.get(contactIds[0] as Id) as Contact;
      const other: MailParticipant = { name: counterpart.name, address: counterpart.emails[0] as string };
      const outbound = random.chance(0.55);
      const provider = random.chance(0.8) ? 'gmail' : 'outlook';
      const thread = newMailThread(random, provider);
      const email: EmailDetails = {
        provider,
        providerMessageId: providerMessageId(random, provider),
        // The running number keeps every message key unique without a lookup.
        rfcMessageId: `${index.toString(36)}.${randomString(random, '0123456789abcdef', 12)}@${outbound ? 'mail.gmail.com' : (other.address.split('@')[1] as string)}`,
        threadId: thread.threadId,
        threadUrl: thread.threadUrl,
        from: outbound ? user : other,
        to: outbound ? [other] : [user],
        cc: [],
        subject: random.pick([
          '報價單',
          'Re: 報價單',
          '會議紀錄',
          'Quotation',
          'Re: Site survey',
          'PoC 時程確認',
        ]),
        snippet: random.pick(NOTES.zh),
        body: null,
      };
      activities.push({ ...common, kind, email, messageKey: emailMessageKey(common.dealId, email) });
    } else if (kind === 'stage-change' && deal) {
      const to = stages.indexOf(deal.stageId);
      activities.push({
        ...common,
        kind,
        fromStageId: to > 0 ? (stages[to - 1] as Id) : null,
        toStageId: deal.stageId,
        skippedChecklistItemIds: [],
      });
    } else if (kind === 'call' || kind === 'meeting') {
      activities.push({
        ...common,
        kind,
        durationMinutes: random.int(3, 90),
        outcome: '',
        text: random.pick(NOTES.zh),
      });
    } else {
      activities.push({
        ...common,
        kind: 'note',
        text: random.pick(NOTES[random.chance(0.7) ? 'zh' : 'en']),
      });
    }
  }
  return activities;
}

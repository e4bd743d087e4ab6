import { type Backup, emptyBackup } from '../../lib/extension/backup/format';
import {
  type Activity,
  type Company,
  type Contact,
  type Deal,
  type EmailActivity,
  type EmailDetails,
  emailMessageKey,
  type Id,
  type MailParticipant,
  type MailProvider,
  type Pipeline,
  type Reminder,
  SETTINGS_KEY,
  type Settings,
  type Stage,
} from '../../lib/shared/model';
import {
  CALL_OUTCOMES,
  CLOSING_MAIL_TOPICS,
  DEAL_TEMPLATES,
  DEMO_COMPANIES,
  DEMO_SELLER,
  type DemoCompany,
  type Language,
  LOST_REASONS,
  type MailTopic,
  MEETING_NOTES,
  MEETING_OUTCOMES,
  NEXT_STEPS,
  NOTES,
  REMINDER_TITLES,
  STAGE_MAIL_TOPICS,
  WON_NEXT_STEPS,
} from './demo-catalog';
import { demoReporting } from './demo-reporting';
import { type MailThread, newMailThread, providerMessageId, rfcMessageId } from './mail-ids';
import {
  claimMailbox,
  deskPhone,
  ENGLISH_TITLES,
  foreignPhone,
  generatePerson,
  type Switchboard,
  TAIWANESE_TITLES,
  taiwaneseMobile,
  taiwaneseSwitchboard,
} from './people';
import { createRandom, type Random } from './random';
import { reminderOutcome } from './reminder-outcome';
import { seededPipeline } from './seeded-pipeline';
import { seededUlid } from './seeded-ulid';
import { DAY_MS, duringOfficeHours, HOUR_MS, MINUTE_MS, taipeiDay, taipeiMidnight } from './time';

export const DEFAULT_DEMO_SEED = 20_240_611;

export type DemoBackupOptions = {
  seed?: number;
  /** The moment the demo is set at; dates spread around it. Defaults to the current time. */
  now?: number;
};

/** Deals per stage of the default pipeline, in stage order: every stage, won and lost included. */
const DEALS_PER_STAGE = [7, 8, 7, 6, 7, 5] as const;
const CONTACTS_AT_COMPANIES = 78;

type CompanyEntry = {
  company: Company;
  profile: DemoCompany;
  switchboard: Switchboard | null;
  contacts: Contact[];
};

type DealEntry = {
  deal: Deal;
  entry: CompanyEntry;
  language: Language;
  /** Stage indexes visited, in order, with the instant each was entered. */
  path: { stageIndex: number; at: number }[];
  /** When the deal stops getting activity: now for open deals, a little after closing otherwise. */
  lastActiveAt: number;
  threads: { thread: MailThread; subject: string }[];
};

/**
 * A realistic backup for demos and manual testing: a Taiwanese IoT vendor's rep (王小明) with
 * customers, contacts, deals in every stage, their mail and call history, and reminders.
 * The same seed and `now` always give the same file.
 */
export function generateDemoBackup(options: DemoBackupOptions = {}): Backup {
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const now = Math.floor(options.now ?? Date.now());
  const daysAgo = (days: number) => now - Math.round(days * DAY_MS);
  const id = (time: number) => seededUlid(random, time);

  // Drawn in the order the settings always drew them, so a seed keeps giving the same file.
  const settingsUpdatedAt = daysAgo(random.int(20, 60));
  const userId = id(daysAgo(400));
  const settings: Settings = {
    id: SETTINGS_KEY,
    updatedAt: settingsUpdatedAt,
    user: {
      id: userId,
      name: DEMO_SELLER.userName,
      email: `${DEMO_SELLER.userMailbox}@${DEMO_SELLER.domain}`,
    },
    ownDomains: [DEMO_SELLER.domain],
    defaultCurrency: 'TWD',
    language: 'auto',
    neverLog: [],
    logEmailBodies: false,
    autoLogOpenDeals: false,
    lostReasons: null,
    reporting: demoReporting(now, userId),
  };
  const user: MailParticipant = { name: settings.user.name, address: settings.user.email };
  const colleagues: MailParticipant[] = DEMO_SELLER.colleagues.map((colleague) => ({
    name: colleague.name,
    address: `${colleague.mailbox}@${DEMO_SELLER.domain}`,
  }));

  const pipeline = seededPipeline(random, 'zh-TW', daysAgo(400));

  const companies = DEMO_COMPANIES.map((profile): CompanyEntry => {
    const createdAt = duringOfficeHours(random, daysAgo(random.int(90, 380)));
    return {
      company: {
        id: id(createdAt),
        createdAt,
        updatedAt: Math.min(now, createdAt + random.int(0, 60) * DAY_MS),
        deleted: false,
        name: profile.name,
        domains: [...profile.domains],
        notes: profile.notes,
      },
      profile,
      switchboard: profile.area ? taiwaneseSwitchboard(random, profile.area) : null,
      contacts: [],
    };
  });

  const contacts = generateContacts(random, now, companies);
  const deals = generateDeals(random, now, companies, pipeline, settings.user.id);
  const activities: Activity[] = [];
  for (const dealEntry of deals) {
    activities.push(...dealActivities(random, now, dealEntry, pipeline, settings.user.id, user, colleagues));
    dealEntry.deal.updatedAt = Math.max(
      dealEntry.deal.updatedAt,
      ...activities
        .filter((activity) => activity.dealId === dealEntry.deal.id)
        .map((activity) => activity.createdAt),
    );
  }
  activities.push(...looseActivities(random, now, companies, settings.user.id, user));
  const reminders = generateReminders(random, now, deals, companies, settings.user.email);

  const backup = emptyBackup(new Date(now));
  backup.settings = settings;
  backup.pipelines = [pipeline];
  backup.companies = sortById(companies.map((entry) => entry.company));
  backup.contacts = sortById(contacts);
  backup.deals = sortById(deals.map((entry) => entry.deal));
  backup.activities = sortById(activities);
  backup.reminders = sortById(reminders);
  return backup;
}

function sortById<T extends { id: string }>(records: T[]): T[] {
  return records.sort((first, second) => (first.id < second.id ? -1 : first.id > second.id ? 1 : 0));
}

function generateContacts(random: Random, now: number, companies: CompanyEntry[]): Contact[] {
  const contacts: Contact[] = [];
  const takenAddresses = new Set<string>();
  const takenNames = new Set<string>();
  // Two contacts at every company, the rest where deals tend to involve more people.
  const headcounts = companies.map(() => 2);
  for (let extra = 2 * companies.length; extra < CONTACTS_AT_COMPANIES; extra++) {
    const index = random.int(0, companies.length - 1);
    headcounts[index] = (headcounts[index] ?? 0) + 1;
  }

  companies.forEach((entry, companyIndex) => {
    const { profile, company } = entry;
    for (let count = 0; count < (headcounts[companyIndex] ?? 0); count++) {
      let person = generatePerson(random, profile.people);
      while (takenNames.has(person.name)) person = generatePerson(random, profile.people);
      takenNames.add(person.name);

      const primaryDomain = profile.domains[0] as string;
      const emails = [claimMailbox(person, primaryDomain, takenAddresses)];
      const secondDomain = profile.domains[1];
      if (secondDomain && random.chance(0.5))
        emails.push(emails[0]?.replace(primaryDomain, secondDomain) ?? '');

      const createdAt = Math.min(
        now - HOUR_MS,
        company.createdAt + random.int(0, 40) * DAY_MS + random.int(1, 600) * MINUTE_MS,
      );
      const contact: Contact = {
        id: seededUlid(random, createdAt),
        createdAt,
        updatedAt: Math.min(now, createdAt + random.int(0, 30) * DAY_MS),
        deleted: false,
        name: person.name,
        emails: emails.filter((address) => address !== ''),
        companyId: company.id,
        jobTitle: random.pick(
          profile.language === 'zh'
            ? TAIWANESE_TITLES
            : profile.country === 'TW' && random.chance(0.3)
              ? TAIWANESE_TITLES
              : ENGLISH_TITLES,
        ),
        phone: contactPhone(random, entry),
        notes: random.chance(0.15)
          ? random.pick(
              profile.language === 'zh'
                ? ['偏好用 LINE 聯絡', '週三固定在廠區，電話不好找', '下半年會調到總公司']
                : ['Prefers email over calls', 'Usually at the plant on Wednesdays'],
            )
          : '',
      };
      contacts.push(contact);
      entry.contacts.push(contact);
    }
  });

  // People outside any company: a consultant and an integrator using personal mailboxes.
  for (const [name, address, jobTitle] of [
    ['黃立偉', 'liwei.huang.tw@gmail.com', '智慧製造顧問'],
    ['Jessica Kuo', 'jessica.kuo0815@yahoo.com.tw', 'Freelance integrator'],
  ] as const) {
    const createdAt = now - random.int(20, 200) * DAY_MS;
    contacts.push({
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: createdAt,
      deleted: false,
      name,
      emails: [address],
      companyId: null,
      jobTitle,
      phone: taiwaneseMobile(random),
      notes: '',
    });
  }
  return contacts;
}

function contactPhone(random: Random, entry: CompanyEntry): string {
  const { profile, switchboard } = entry;
  if (profile.country !== 'TW') return foreignPhone(random, profile.country);
  const roll = random.next();
  if (switchboard && roll < 0.6) return deskPhone(random, switchboard, random.int(101, 899));
  return roll < 0.9 ? taiwaneseMobile(random) : '';
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}

function generateDeals(
  random: Random,
  now: number,
  companies: CompanyEntry[],
  pipeline: Pipeline,
  ownerId: Id,
): DealEntry[] {
  const stages = pipeline.stages;
  const stagePlan = random.sample(
    DEALS_PER_STAGE.flatMap((count, stageIndex) => Array.from({ length: count }, () => stageIndex)),
    Number.POSITIVE_INFINITY,
  );
  const companyOrder = random.sample(companies, companies.length);
  const openStageCount = stages.filter((stage) => stage.kind === 'open').length;

  return stagePlan.map((stageIndex, dealIndex) => {
    const entry = companyOrder[dealIndex % companyOrder.length] as CompanyEntry;
    const { profile } = entry;
    const stage = stages[stageIndex] as Stage;
    const language = profile.language;
    const templates = DEAL_TEMPLATES.filter(
      (template) =>
        template.language === language &&
        (template.industries === 'any' || template.industries.includes(profile.industry)),
    );
    const template = random.pick(templates);
    const usd = profile.country !== 'TW' || (language === 'en' && random.chance(0.3));
    const twdAmount = random.int(template.minAmount / 10_000, template.maxAmount / 10_000) * 10_000;

    // When each stage on the way was entered; closed deals left from some open stage.
    const path: { stageIndex: number; at: number }[] = [];
    let createdAt: number;
    let lastActiveAt = now;
    if (stage.kind === 'open') {
      createdAt = duringOfficeHours(
        random,
        now - random.int(5 + stageIndex * 20, 30 + stageIndex * 30) * DAY_MS,
      );
      const entered = spreadInstants(random, createdAt, now - random.int(1, 4) * HOUR_MS, stageIndex);
      path.push(
        { stageIndex: 0, at: createdAt },
        ...entered.map((at, step) => ({ stageIndex: step + 1, at })),
      );
    } else {
      createdAt = duringOfficeHours(random, now - random.int(60, 220) * DAY_MS);
      const closedAt = duringOfficeHours(random, now - random.int(3, 45) * DAY_MS);
      const lastOpenStage =
        stage.kind === 'won' ? random.int(2, openStageCount - 1) : random.int(0, openStageCount - 1);
      const entered = spreadInstants(random, createdAt, closedAt, lastOpenStage);
      path.push(
        { stageIndex: 0, at: createdAt },
        ...entered.map((at, step) => ({ stageIndex: step + 1, at })),
        { stageIndex, at: closedAt },
      );
      lastActiveAt = Math.min(now, closedAt + random.int(1, 10) * DAY_MS);
    }
    const stageEnteredAt = (path[path.length - 1] as { at: number }).at;

    const overdue = stage.kind === 'open' && random.chance(0.2);
    const expectedCloseDate =
      stage.kind === 'open'
        ? taipeiDay(now + (overdue ? -random.int(3, 25) : random.int(10, 100 - stageIndex * 15)) * DAY_MS)
        : taipeiDay(stageEnteredAt);
    const nextStep =
      stage.kind === 'open'
        ? random.chance(0.9)
          ? { text: random.pick(NEXT_STEPS[language]), dueDate: taipeiDay(now + random.int(-6, 14) * DAY_MS) }
          : null
        : stage.kind === 'won' && random.chance(0.6)
          ? {
              text: random.pick(WON_NEXT_STEPS[language]),
              dueDate: taipeiDay(now + random.int(2, 20) * DAY_MS),
            }
          : null;

    const deal: Deal = {
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: stageEnteredAt,
      deleted: false,
      title: fill(template.title, { company: profile.shortName, units: random.int(4, 20) * 10 }),
      companyId: entry.company.id,
      contactIds: random
        .sample(entry.contacts, random.int(1, Math.min(3, entry.contacts.length)))
        .map((contact) => contact.id),
      pipelineId: pipeline.id,
      stageId: stage.id,
      stageEnteredAt,
      amount: usd ? Math.max(500, Math.round(twdAmount / 31 / 500) * 500) : twdAmount,
      currency: usd ? 'USD' : 'TWD',
      expectedCloseDate,
      closeDatePushes: overdue ? random.int(0, 2) : random.chance(0.25) ? random.int(1, 3) : 0,
      ownerId,
      nextStep,
      status: stage.kind,
      lostReason: stage.kind === 'lost' ? random.pick(LOST_REASONS[language]) : null,
      checklistDone: [],
    };
    return { deal, entry, language, path, lastActiveAt, threads: [] };
  });
}

/** `count` increasing office-hour instants strictly between `start` and `end`. */
function spreadInstants(random: Random, start: number, end: number, count: number): number[] {
  const span = end - start;
  const instants = Array.from({ length: count }, () => {
    const raw = start + Math.round(span * (0.1 + 0.85 * random.next()));
    const atWork = duringOfficeHours(random, raw);
    return atWork > start && atWork < end ? atWork : raw;
  });
  return instants.sort((first, second) => first - second);
}

function dealActivities(
  random: Random,
  now: number,
  dealEntry: DealEntry,
  pipeline: Pipeline,
  authorId: Id,
  user: MailParticipant,
  colleagues: MailParticipant[],
): Activity[] {
  const { deal, entry, language, path, lastActiveAt } = dealEntry;
  const activities: Activity[] = [];
  const contacts = entry.contacts.filter((contact) => deal.contactIds.includes(contact.id));
  const base = (occurredAt: number, contactIds: Id[]) => {
    const createdAt = Math.min(now, occurredAt + random.int(0, 90) * MINUTE_MS);
    return {
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: createdAt,
      deleted: false,
      dealId: deal.id,
      contactIds,
      companyId: deal.companyId,
      occurredAt,
      authorId,
    };
  };
  const stageAt = (instant: number) => {
    let current = path[0]?.stageIndex ?? 0;
    for (const step of path) if (step.at <= instant) current = step.stageIndex;
    return current;
  };
  const randomInstant = (from: number, to: number) => {
    const raw = from + Math.round((to - from) * random.next());
    const atWork = duringOfficeHours(random, raw);
    return atWork >= from && atWork <= to ? atWork : raw;
  };

  path.forEach((step, position) => {
    const previous =
      position > 0 ? pipeline.stages[(path[position - 1] as { stageIndex: number }).stageIndex] : null;
    const skipped =
      previous && previous.checklist.length > 0 && random.chance(0.25)
        ? [random.pick(previous.checklist).id]
        : [];
    activities.push({
      ...base(step.at, []),
      kind: 'stage-change',
      fromStageId: previous?.id ?? null,
      toStageId: (pipeline.stages[step.stageIndex] as Stage).id,
      skippedChecklistItemIds: skipped,
    });
  });

  const start = deal.createdAt;
  const mailThread = (topic: MailTopic, firstAt: number, firstOutbound: boolean, messageCount: number) => {
    const used = new Set(dealEntry.threads.map((entry) => entry.subject));
    const fresh = topic.subjects[language].filter((candidate) => !used.has(candidate));
    const template = random.pick(fresh.length > 0 ? fresh : topic.subjects[language]);
    const subject = fill(template, { number: random.int(240_001, 259_999) });
    const thread = addThread(dealEntry, random, subject);
    const counterpart = random.pick(contacts);
    let at = firstAt;
    let outbound = firstOutbound;
    for (let message = 0; message < messageCount && at <= Math.min(now, lastActiveAt); message++) {
      // Each list starts with a line that opens a conversation; the others read as replies.
      const lines = (outbound ? topic.outbound : topic.inbound)[language];
      const snippet =
        message === 0 || lines.length === 1 ? (lines[0] as string) : random.pick(lines.slice(1));
      activities.push(
        emailActivity(random, base, {
          dealEntry,
          thread,
          subject,
          snippet,
          at,
          outbound,
          message,
          user,
          colleagues,
          contacts,
          counterpart,
        }),
      );
      outbound = !outbound;
      // Replies come hours or a day or two later, during someone's office hours.
      let later = at + random.int(2, 52) * HOUR_MS;
      let next = duringOfficeHours(random, later);
      while (next <= at) {
        later += DAY_MS;
        next = duringOfficeHours(random, later);
      }
      at = next;
    }
  };
  for (let threadCount = random.int(1, 3); threadCount > 0; threadCount--) {
    const at = randomInstant(start, Math.max(start, lastActiveAt - 2 * DAY_MS));
    const stageIndex = Math.min(stageAt(at), STAGE_MAIL_TOPICS.length - 1);
    mailThread(
      STAGE_MAIL_TOPICS[stageIndex] as MailTopic,
      at,
      random.chance(stageIndex === 0 ? 0.4 : 0.6),
      random.int(1, 4),
    );
  }
  if (deal.status !== 'open') {
    mailThread(
      CLOSING_MAIL_TOPICS[deal.status],
      deal.stageEnteredAt - random.int(10, 90) * MINUTE_MS,
      false,
      random.int(1, 2),
    );
  }

  for (let count = random.int(0, 2); count > 0; count--) {
    activities.push({
      ...base(randomInstant(start, lastActiveAt), []),
      kind: 'note',
      text: random.pick(NOTES[language]),
    });
  }
  for (let count = random.int(0, 2); count > 0; count--) {
    const contact = random.pick(contacts);
    activities.push({
      ...base(randomInstant(start, lastActiveAt), [contact.id]),
      kind: 'call',
      durationMinutes: random.int(2, 25),
      outcome: random.pick(CALL_OUTCOMES[language]),
      text: '',
    });
  }
  if (path.length > 1 && random.chance(0.7)) {
    activities.push({
      ...base(
        randomInstant(Math.max(start, (path[1] as { at: number }).at - 3 * DAY_MS), lastActiveAt),
        contacts.map((contact) => contact.id),
      ),
      kind: 'meeting',
      durationMinutes: random.pick([30, 60, 90, 120]),
      outcome: random.pick(MEETING_OUTCOMES[language]),
      text: random.pick(MEETING_NOTES[language]),
    });
  }
  return activities.filter((activity) => activity.occurredAt <= now);
}

function addThread(dealEntry: DealEntry, random: Random, subject: string): MailThread {
  const provider: MailProvider = random.chance(0.85) ? 'gmail' : 'outlook';
  const thread = newMailThread(random, provider);
  dealEntry.threads.push({ thread, subject });
  return thread;
}

type EmailContext = {
  dealEntry: DealEntry;
  thread: MailThread;
  subject: string;
  snippet: string;
  at: number;
  outbound: boolean;
  /** Position in the thread; replies get "Re:". */
  message: number;
  user: MailParticipant;
  colleagues: MailParticipant[];
  contacts: Contact[];
  /** The customer this thread is with. */
  counterpart: Contact;
};

function emailActivity(
  random: Random,
  base: (occurredAt: number, contactIds: Id[]) => Omit<EmailActivity, 'kind' | 'email' | 'messageKey'>,
  context: EmailContext,
): EmailActivity {
  const { dealEntry, thread, at, outbound, message, user, colleagues, contacts, counterpart } = context;
  const toParticipant = (contact: Contact): MailParticipant => ({
    name: contact.name,
    address: contact.emails[0] ?? '',
  });
  const others = contacts.filter((contact) => contact !== counterpart);
  const cc = [
    ...(others.length > 0 && random.chance(0.4) ? [toParticipant(random.pick(others))] : []),
    ...(random.chance(0.2) ? [random.pick(colleagues)] : []),
  ];
  const from = outbound ? user : toParticipant(counterpart);
  const to = outbound ? [toParticipant(counterpart)] : [user];
  const senderSystem = outbound
    ? thread.provider === 'gmail'
      ? 'gmail'
      : 'outlook'
    : random.pick(['own', 'outlook', 'gmail'] as const);
  const senderDomain = from.address.split('@')[1] ?? 'example.com';
  const details: EmailDetails = {
    provider: thread.provider,
    providerMessageId: providerMessageId(random, thread.provider),
    rfcMessageId: random.chance(0.9) ? rfcMessageId(random, senderSystem, senderDomain) : null,
    threadId: thread.threadId,
    threadUrl: thread.threadUrl,
    from,
    to,
    cc,
    subject: message === 0 ? context.subject : `Re: ${context.subject}`,
    snippet: context.snippet,
    body: null,
  };
  const contactIds = contacts
    .filter((contact) =>
      [from, ...to, ...cc].some((participant) => contact.emails.includes(participant.address)),
    )
    .map((contact) => contact.id);
  return {
    ...base(at, contactIds),
    kind: 'email',
    email: details,
    messageKey: emailMessageKey(dealEntry.deal.id, details),
  };
}

/** Notes and mail about people, not tied to a deal (yet). */
function looseActivities(
  random: Random,
  now: number,
  companies: CompanyEntry[],
  authorId: Id,
  user: MailParticipant,
): Activity[] {
  const activities: Activity[] = [];
  for (const entry of random.sample(companies, 6)) {
    const contact = random.pick(entry.contacts);
    const occurredAt = duringOfficeHours(random, now - random.int(1, 60) * DAY_MS);
    const common = {
      id: seededUlid(random, occurredAt),
      createdAt: occurredAt,
      updatedAt: occurredAt,
      deleted: false,
      dealId: null,
      contactIds: [contact.id],
      companyId: entry.company.id,
      occurredAt,
      authorId,
    };
    if (random.chance(0.5)) {
      activities.push({
        ...common,
        kind: 'note',
        text:
          entry.profile.language === 'zh'
            ? '展場認識，對設備聯網有興趣，尚未有明確專案。'
            : 'Met at the trade show; interested, no project yet.',
      });
      continue;
    }
    const thread = newMailThread(random, 'gmail');
    const email: EmailDetails = {
      provider: 'gmail',
      providerMessageId: providerMessageId(random, 'gmail'),
      rfcMessageId: rfcMessageId(random, 'gmail', 'mail.gmail.com'),
      threadId: thread.threadId,
      threadUrl: thread.threadUrl,
      from: user,
      to: [{ name: contact.name, address: contact.emails[0] ?? '' }],
      cc: [],
      subject: entry.profile.language === 'zh' ? '感測雲新產品型錄' : 'SenseCloud product catalogue',
      snippet:
        entry.profile.language === 'zh'
          ? '您好，附上最新的產品型錄供您參考。'
          : 'Hello, our latest catalogue is attached.',
      body: null,
    };
    activities.push({ ...common, kind: 'email', email, messageKey: emailMessageKey(null, email) });
  }
  return activities;
}

function generateReminders(
  random: Random,
  now: number,
  deals: DealEntry[],
  companies: CompanyEntry[],
  account: string,
): Reminder[] {
  const reminders: Reminder[] = [];
  const openDeals = deals.filter((dealEntry) => dealEntry.deal.status === 'open');
  const plan = [
    ...Array.from({ length: 8 }, () => 'pending-upcoming' as const),
    ...Array.from({ length: 3 }, () => 'pending-overdue' as const),
    ...Array.from({ length: 4 }, () => 'done' as const),
    ...Array.from({ length: 2 }, () => 'snoozed' as const),
  ];
  for (const [index, kind] of plan.entries()) {
    const dealEntry = openDeals[index % openDeals.length] as DealEntry;
    const morning = (instant: number) => taipeiMidnight(instant) + random.pick([9, 10, 14, 16]) * HOUR_MS;
    const dueAt =
      kind === 'pending-upcoming' || kind === 'snoozed'
        ? morning(now + random.int(1, 10) * DAY_MS)
        : morning(now - random.int(1, kind === 'done' ? 20 : 5) * DAY_MS);
    const createdAt = Math.min(dueAt, now) - random.int(1, 10) * DAY_MS;
    const withThread = dealEntry.threads.length > 0 && random.chance(0.5);
    const thread = withThread ? random.pick(dealEntry.threads) : null;
    reminders.push({
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: kind === 'done' ? Math.min(now, dueAt + random.int(1, 30) * HOUR_MS) : createdAt,
      deleted: false,
      dueAt,
      title: random.pick(REMINDER_TITLES[dealEntry.language]),
      note: '',
      dealId: dealEntry.deal.id,
      contactId: dealEntry.deal.contactIds[0] ?? null,
      thread: thread
        ? {
            provider: thread.thread.provider,
            account,
            threadId: thread.thread.threadId,
            threadUrl: thread.thread.threadUrl,
            subject: thread.subject,
          }
        : null,
      status: kind === 'done' ? 'done' : kind === 'snoozed' ? 'snoozed' : 'pending',
      onlyIfNoReply: withThread && random.chance(0.7),
      ...reminderOutcome(kind === 'done', Math.min(now, dueAt + HOUR_MS)),
    });
  }
  // Reminders about people with no deal yet.
  for (const entry of random.sample(companies, 2)) {
    const contact = random.pick(entry.contacts);
    const createdAt = now - random.int(1, 5) * DAY_MS;
    reminders.push({
      id: seededUlid(random, createdAt),
      createdAt,
      updatedAt: createdAt,
      deleted: false,
      dueAt: taipeiMidnight(now + random.int(7, 30) * DAY_MS) + 10 * HOUR_MS,
      title:
        entry.profile.language === 'zh'
          ? `關心${contact.name}的新年度預算`
          : `Check in with ${contact.name} on next year's budget`,
      note: '',
      dealId: null,
      contactId: contact.id,
      thread: null,
      status: 'pending',
      onlyIfNoReply: false,
      ...reminderOutcome(false, createdAt),
    });
  }
  return reminders;
}

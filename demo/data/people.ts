import type { Random } from './random';

/**
 * Name parts for generated people. Surnames carry both Hanyu Pinyin and the Wade–Giles spelling
 * most Taiwanese passports use, since company mailboxes in Taiwan use either.
 */
const SURNAMES: readonly { hanzi: string; pinyin: string; taiwanese: string }[] = [
  { hanzi: '陳', pinyin: 'chen', taiwanese: 'chen' },
  { hanzi: '林', pinyin: 'lin', taiwanese: 'lin' },
  { hanzi: '黃', pinyin: 'huang', taiwanese: 'huang' },
  { hanzi: '張', pinyin: 'zhang', taiwanese: 'chang' },
  { hanzi: '李', pinyin: 'li', taiwanese: 'lee' },
  { hanzi: '王', pinyin: 'wang', taiwanese: 'wang' },
  { hanzi: '吳', pinyin: 'wu', taiwanese: 'wu' },
  { hanzi: '劉', pinyin: 'liu', taiwanese: 'liu' },
  { hanzi: '蔡', pinyin: 'cai', taiwanese: 'tsai' },
  { hanzi: '楊', pinyin: 'yang', taiwanese: 'yang' },
  { hanzi: '許', pinyin: 'xu', taiwanese: 'hsu' },
  { hanzi: '鄭', pinyin: 'zheng', taiwanese: 'cheng' },
  { hanzi: '謝', pinyin: 'xie', taiwanese: 'hsieh' },
  { hanzi: '郭', pinyin: 'guo', taiwanese: 'kuo' },
  { hanzi: '洪', pinyin: 'hong', taiwanese: 'hung' },
  { hanzi: '曾', pinyin: 'zeng', taiwanese: 'tseng' },
  { hanzi: '邱', pinyin: 'qiu', taiwanese: 'chiu' },
  { hanzi: '廖', pinyin: 'liao', taiwanese: 'liao' },
  { hanzi: '賴', pinyin: 'lai', taiwanese: 'lai' },
  { hanzi: '周', pinyin: 'zhou', taiwanese: 'chou' },
  { hanzi: '葉', pinyin: 'ye', taiwanese: 'yeh' },
  { hanzi: '蘇', pinyin: 'su', taiwanese: 'su' },
  { hanzi: '莊', pinyin: 'zhuang', taiwanese: 'chuang' },
  { hanzi: '呂', pinyin: 'lu', taiwanese: 'lu' },
  { hanzi: '江', pinyin: 'jiang', taiwanese: 'chiang' },
  { hanzi: '何', pinyin: 'he', taiwanese: 'ho' },
  { hanzi: '羅', pinyin: 'luo', taiwanese: 'lo' },
  { hanzi: '高', pinyin: 'gao', taiwanese: 'kao' },
  { hanzi: '潘', pinyin: 'pan', taiwanese: 'pan' },
  { hanzi: '簡', pinyin: 'jian', taiwanese: 'chien' },
];

const GIVEN_NAMES: readonly { hanzi: string; pinyin: readonly [string, string]; female: boolean }[] = [
  { hanzi: '怡君', pinyin: ['yi', 'jun'], female: true },
  { hanzi: '志明', pinyin: ['zhi', 'ming'], female: false },
  { hanzi: '雅婷', pinyin: ['ya', 'ting'], female: true },
  { hanzi: '建宏', pinyin: ['jian', 'hong'], female: false },
  { hanzi: '淑芬', pinyin: ['shu', 'fen'], female: true },
  { hanzi: '冠宇', pinyin: ['guan', 'yu'], female: false },
  { hanzi: '佩珊', pinyin: ['pei', 'shan'], female: true },
  { hanzi: '家豪', pinyin: ['jia', 'hao'], female: false },
  { hanzi: '宗翰', pinyin: ['zong', 'han'], female: false },
  { hanzi: '欣怡', pinyin: ['xin', 'yi'], female: true },
  { hanzi: '志偉', pinyin: ['zhi', 'wei'], female: false },
  { hanzi: '美玲', pinyin: ['mei', 'ling'], female: true },
  { hanzi: '承恩', pinyin: ['cheng', 'en'], female: false },
  { hanzi: '俊傑', pinyin: ['jun', 'jie'], female: false },
  { hanzi: '詩涵', pinyin: ['shi', 'han'], female: true },
  { hanzi: '柏翰', pinyin: ['bo', 'han'], female: false },
  { hanzi: '思穎', pinyin: ['si', 'ying'], female: true },
  { hanzi: '振豪', pinyin: ['zhen', 'hao'], female: false },
  { hanzi: '雅琪', pinyin: ['ya', 'qi'], female: true },
  { hanzi: '明哲', pinyin: ['ming', 'zhe'], female: false },
  { hanzi: '宜蓁', pinyin: ['yi', 'zhen'], female: true },
  { hanzi: '文彬', pinyin: ['wen', 'bin'], female: false },
  { hanzi: '惠雯', pinyin: ['hui', 'wen'], female: true },
  { hanzi: '冠廷', pinyin: ['guan', 'ting'], female: false },
  { hanzi: '佳穎', pinyin: ['jia', 'ying'], female: true },
  { hanzi: '建志', pinyin: ['jian', 'zhi'], female: false },
  { hanzi: '婉婷', pinyin: ['wan', 'ting'], female: true },
  { hanzi: '志豪', pinyin: ['zhi', 'hao'], female: false },
  { hanzi: '怡萱', pinyin: ['yi', 'xuan'], female: true },
  { hanzi: '立群', pinyin: ['li', 'qun'], female: false },
  { hanzi: '秀英', pinyin: ['xiu', 'ying'], female: true },
  { hanzi: '國華', pinyin: ['guo', 'hua'], female: false },
  { hanzi: '俊宏', pinyin: ['jun', 'hong'], female: false },
  { hanzi: '靜怡', pinyin: ['jing', 'yi'], female: true },
  { hanzi: '信宏', pinyin: ['xin', 'hong'], female: false },
  { hanzi: '品妤', pinyin: ['pin', 'yu'], female: true },
];

/** English names Taiwanese colleagues often go by at work. */
const ENGLISH_GIVEN_NAMES = {
  male: ['Kevin', 'Jason', 'Eric', 'Vincent', 'Allen', 'Jerry', 'Tony', 'Peter', 'Alex', 'Ryan', 'Sam'],
  female: [
    'Ivy',
    'Grace',
    'Amy',
    'Cindy',
    'Tina',
    'Joyce',
    'Vivian',
    'Emily',
    'Annie',
    'Sharon',
    'Wendy',
    'Irene',
  ],
} as const;

const WESTERN_NAMES = {
  given: [
    'Sarah',
    'Michael',
    'David',
    'Emily',
    'James',
    'Laura',
    'Daniel',
    'Rachel',
    'Thomas',
    'Olivia',
    'Mark',
    'Hannah',
  ],
  family: [
    'Mitchell',
    'Brooks',
    'Carter',
    'Nguyen',
    'Fischer',
    'Hughes',
    'Walsh',
    'Patel',
    'Morgan',
    'Reyes',
    'Keller',
    'Sullivan',
  ],
} as const;

const JAPANESE_NAMES = {
  given: ['Kenji', 'Hiroshi', 'Yuki', 'Takashi', 'Aiko', 'Naoko', 'Daisuke', 'Haruka', 'Shota', 'Emi'],
  family: ['Tanaka', 'Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi'],
} as const;

const SINGAPOREAN_NAMES = {
  given: ['Wei Ming', 'Hui Ling', 'Jun Jie', 'Mei Ling', 'Kai Xiang', 'Shu Fen', 'Rachel', 'Marcus', 'Priya'],
  family: ['Tan', 'Lim', 'Ng', 'Goh', 'Ong', 'Koh', 'Teo', 'Chua', 'Nair'],
} as const;

export type PersonOrigin = 'taiwanese' | 'western' | 'japanese' | 'singaporean';

export type Person = {
  /** The name as the contact record shows it. */
  name: string;
  /** Local parts this person's mailbox could plausibly have, most likely first. */
  mailboxCandidates: string[];
};

function mailboxPart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function generatePerson(random: Random, origin: PersonOrigin): Person {
  if (origin === 'taiwanese') {
    const surname = random.pick(SURNAMES);
    const given = random.pick(GIVEN_NAMES);
    const family = random.chance(0.5) ? surname.pinyin : surname.taiwanese;
    const givenJoined = given.pinyin.join('');
    const initials = given.pinyin.map((syllable) => syllable.charAt(0)).join('');
    const chineseName = `${surname.hanzi}${given.hanzi}`;
    const englishName = random.chance(0.3)
      ? random.pick(given.female ? ENGLISH_GIVEN_NAMES.female : ENGLISH_GIVEN_NAMES.male)
      : null;
    if (englishName) {
      const english = mailboxPart(englishName);
      return {
        // Reps file colleagues who use an English name under it, often beside the Chinese one.
        name: random.chance(0.5) ? `${englishName} ${capitalize(family)}` : `${chineseName} ${englishName}`,
        mailboxCandidates: [`${english}.${family}`, `${english}_${family}`, `${english}${initials}${family}`],
      };
    }
    return {
      name: chineseName,
      mailboxCandidates: random.pick([
        [`${givenJoined}.${family}`, `${initials}${family}`, `${family}.${givenJoined}`],
        [`${initials}${family}`, `${givenJoined}.${family}`, `${family}${initials}`],
        [`${family}.${givenJoined}`, `${givenJoined}.${family}`, `${givenJoined}_${family}`],
      ]),
    };
  }
  const names =
    origin === 'japanese' ? JAPANESE_NAMES : origin === 'singaporean' ? SINGAPOREAN_NAMES : WESTERN_NAMES;
  const given = random.pick(names.given);
  const family = random.pick(names.family);
  return {
    name: `${given} ${family}`,
    mailboxCandidates: [
      `${mailboxPart(given)}.${mailboxPart(family)}`,
      `${mailboxPart(given).charAt(0)}${mailboxPart(family)}`,
      `${mailboxPart(family)}.${mailboxPart(given)}`,
    ],
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Picks the first free mailbox at a domain, adding a number when every candidate is taken. */
export function claimMailbox(person: Person, domain: string, taken: Set<string>): string {
  for (const candidate of person.mailboxCandidates) {
    const address = `${candidate}@${domain}`;
    if (!taken.has(address)) {
      taken.add(address);
      return address;
    }
  }
  const base = person.mailboxCandidates[0] ?? 'contact';
  for (let suffix = 2; ; suffix++) {
    const address = `${base}${suffix}@${domain}`;
    if (!taken.has(address)) {
      taken.add(address);
      return address;
    }
  }
}

export const TAIWANESE_TITLES: readonly string[] = [
  '採購經理',
  '資深採購專員',
  '資訊部協理',
  '資訊課長',
  '廠長',
  '副廠長',
  '總經理',
  '營運長',
  '生產管理課長',
  '設備工程師',
  '製程工程部經理',
  '品保經理',
  '工務部主任',
  '董事長特助',
  '數位轉型專案經理',
  'CTO',
  'IT Manager',
  'Procurement Director',
];

export const ENGLISH_TITLES: readonly string[] = [
  'CTO',
  'IT Manager',
  'Procurement Director',
  'Plant Manager',
  'VP Engineering',
  'Head of Operations',
  'Senior Buyer',
  'Facilities Manager',
  'Digital Transformation Lead',
  'Managing Director',
];

/** Taiwanese mobile numbers, written the two ways people give them. */
export function taiwaneseMobile(random: Random): string {
  const prefix = random.pick(['912', '921', '932', '937', '952', '963', '975', '988']);
  const middle = String(random.int(100, 999));
  const last = String(random.int(0, 999)).padStart(3, '0');
  return random.chance(0.7) ? `0${prefix}-${middle}-${last}` : `+886 ${prefix} ${middle} ${last}`;
}

/** Taiwan's landline area codes: Taipei, Taoyuan/Hsinchu, Taichung/Changhua, Chiayi, Tainan, Kaohsiung. */
export type AreaCode = '2' | '3' | '4' | '5' | '6' | '7';

/** A company's main number; staff share it and differ by extension. */
export type Switchboard = { area: AreaCode; head: string; tail: string };

export function taiwaneseSwitchboard(random: Random, area: AreaCode): Switchboard {
  // Taipei and Taichung numbers have eight digits, the other areas seven.
  const eightDigits = area === '2' || area === '4';
  return {
    area,
    head: eightDigits ? String(random.int(2200, 8999)) : String(random.int(210, 899)),
    tail: String(random.int(0, 9999)).padStart(4, '0'),
  };
}

/** The switchboard with an extension, in the local or the international form. */
export function deskPhone(random: Random, board: Switchboard, extension: number): string {
  return random.chance(0.5)
    ? `+886 ${board.area} ${board.head} ${board.tail} #${extension}`
    : `0${board.area}-${board.head}-${board.tail} 分機 ${extension}`;
}

export type Country = 'TW' | 'JP' | 'SG' | 'US';

export function foreignPhone(random: Random, country: Exclude<Country, 'TW'>): string {
  const digits = (count: number) => String(random.int(0, 10 ** count - 1)).padStart(count, '0');
  switch (country) {
    case 'JP':
      return `+81 3 ${digits(4)} ${digits(4)}`;
    case 'SG':
      return `+65 6${digits(3)} ${digits(4)}`;
    case 'US':
      return `+1 (408) 555-01${digits(2)}`;
  }
}

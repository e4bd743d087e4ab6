import type { AreaCode, Country, PersonOrigin } from './people';

/**
 * The demo's world: a Taiwanese industrial-IoT vendor and its customers. Every company, person
 * and domain here is made up; any likeness to a real one is a coincidence.
 */
export const DEMO_SELLER = {
  companyName: '感測雲科技股份有限公司',
  domain: 'sensecloud.com.tw',
  userName: '王小明',
  userMailbox: 'xiaoming.wang',
  /** Colleagues who appear in cc lines. */
  colleagues: [
    { name: '李佳蓉', mailbox: 'jiarong.li' },
    { name: 'Brian Chen', mailbox: 'brian.chen' },
  ],
} as const;

export type Language = 'zh' | 'en';

export type Industry =
  | 'machinery'
  | 'semiconductor'
  | 'electronics'
  | 'food'
  | 'logistics'
  | 'building'
  | 'healthcare'
  | 'energy'
  | 'textile'
  | 'software';

export type DemoCompany = {
  name: string;
  /** What reps call the company in deal titles. */
  shortName: string;
  domains: string[];
  country: Country;
  /** Landline area, for companies in Taiwan. */
  area: AreaCode | null;
  people: PersonOrigin;
  language: Language;
  industry: Industry;
  notes: string;
};

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    name: '宏達精密股份有限公司',
    shortName: '宏達精密',
    domains: ['hongda-precision.com.tw'],
    country: 'TW',
    area: '4',
    people: 'taiwanese',
    language: 'zh',
    industry: 'machinery',
    notes: '英文名 Hongda Precision。台中工業區，CNC 加工約 120 台，三班制。',
  },
  {
    name: '聯鋒機械工業股份有限公司',
    shortName: '聯鋒機械',
    domains: ['lianfeng-machinery.com.tw'],
    country: 'TW',
    area: '4',
    people: 'taiwanese',
    language: 'zh',
    industry: 'machinery',
    notes: '工具機製造，客戶多在歐洲，想在機台出貨時內建聯網模組。',
  },
  {
    name: '台豐塑膠股份有限公司',
    shortName: '台豐塑膠',
    domains: ['taifeng-plastics.com.tw'],
    country: 'TW',
    area: '3',
    people: 'taiwanese',
    language: 'zh',
    industry: 'machinery',
    notes: '桃園觀音廠，射出成型機 60 台，關注用電與良率。',
  },
  {
    name: '永信食品股份有限公司',
    shortName: '永信食品',
    domains: ['yongxin-foods.com.tw'],
    country: 'TW',
    area: '6',
    people: 'taiwanese',
    language: 'zh',
    industry: 'food',
    notes: '台南冷凍食品廠，需符合 HACCP 溫度紀錄。',
  },
  {
    name: '巨晶半導體股份有限公司',
    shortName: '巨晶半導體',
    domains: ['gigacrystal.com.tw', 'gigacrystal.com'],
    country: 'TW',
    area: '3',
    people: 'taiwanese',
    language: 'zh',
    industry: 'semiconductor',
    notes: '英文名 GigaCrystal Semiconductor。新竹科學園區，採購流程長，需先通過供應商稽核。',
  },
  {
    name: '昇陽光電股份有限公司',
    shortName: '昇陽光電',
    domains: ['shengyang-opto.com.tw'],
    country: 'TW',
    area: '3',
    people: 'taiwanese',
    language: 'zh',
    industry: 'semiconductor',
    notes: '無塵室環境監控需求，現有系統為十年前建置。',
  },
  {
    name: '南港生技股份有限公司',
    shortName: '南港生技',
    domains: ['nangang-biotech.com.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'healthcare',
    notes: '疫苗冷鏈與實驗室溫濕度監控。',
  },
  {
    name: '鼎泰物流股份有限公司',
    shortName: '鼎泰物流',
    domains: ['dingtai-logistics.com.tw'],
    country: 'TW',
    area: '3',
    people: 'taiwanese',
    language: 'zh',
    industry: 'logistics',
    notes: '桃園、台中、高雄三個倉，車隊約 80 台冷藏車。',
  },
  {
    name: '和成鋼鐵股份有限公司',
    shortName: '和成鋼鐵',
    domains: ['hecheng-steel.com.tw'],
    country: 'TW',
    area: '7',
    people: 'taiwanese',
    language: 'zh',
    industry: 'machinery',
    notes: '高雄臨海工業區，馬達與空壓機預知保養。',
  },
  {
    name: '大益紡織股份有限公司',
    shortName: '大益紡織',
    domains: ['dayi-textile.com.tw'],
    country: 'TW',
    area: '4',
    people: 'taiwanese',
    language: 'zh',
    industry: 'textile',
    notes: '彰化廠，染整製程用水用電量大，有 ESG 報告壓力。',
  },
  {
    name: '群創能源科技股份有限公司',
    shortName: '群創能源',
    domains: ['qunchuang-energy.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'energy',
    notes: '太陽能案場維運商，約 40 個案場分散全台。',
  },
  {
    name: '恆春冷鏈股份有限公司',
    shortName: '恆春冷鏈',
    domains: ['hengchun-coldchain.tw'],
    country: 'TW',
    area: '7',
    people: 'taiwanese',
    language: 'zh',
    industry: 'logistics',
    notes: '南部冷鏈倉儲，老闆重視即時告警。',
  },
  {
    name: '新竹智造股份有限公司',
    shortName: '新竹智造',
    domains: ['hsinchu-smartmfg.tw'],
    country: 'TW',
    area: '3',
    people: 'taiwanese',
    language: 'zh',
    industry: 'electronics',
    notes: 'PCBA 代工，SMT 產線 12 條。',
  },
  {
    name: '康橋醫材股份有限公司',
    shortName: '康橋醫材',
    domains: ['kangqiao-medical.com.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'healthcare',
    notes: '醫療耗材製造，需符合 GMP 紀錄保存要求。',
  },
  {
    name: '瑞展電子股份有限公司',
    shortName: '瑞展電子',
    domains: ['ruizhan-elec.com.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'electronics',
    notes: '新北土城，電源供應器製造。',
  },
  {
    name: '中興水務工程有限公司',
    shortName: '中興水務',
    domains: ['zhongxing-water.com.tw'],
    country: 'TW',
    area: '4',
    people: 'taiwanese',
    language: 'zh',
    industry: 'energy',
    notes: '承攬地方政府污水處理廠維運，標案導向。',
  },
  {
    name: '統鑫營造股份有限公司',
    shortName: '統鑫營造',
    domains: ['tongxin-construction.com.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'building',
    notes: '工地安全與機具監控，試辦一個工地。',
  },
  {
    name: '華宇智慧建築股份有限公司',
    shortName: '華宇智慧建築',
    domains: ['huayu-ibs.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'building',
    notes: '系統整合商，可能成為通路夥伴。',
  },
  {
    name: '金元寶餐飲集團',
    shortName: '金元寶餐飲',
    domains: ['jinyuanbao.com.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'food',
    notes: '連鎖餐廳 45 家門市，冷凍冷藏設備監控。',
  },
  {
    name: '奇點數據股份有限公司',
    shortName: '奇點數據',
    domains: ['singularitydata.io'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'software',
    notes: '英文名 Singularity Data。AI 新創，想串接我們的 API 做異常偵測。',
  },
  {
    name: 'Formosa Edge Robotics',
    shortName: 'Formosa Edge',
    domains: ['formosaedge.com'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'en',
    industry: 'electronics',
    notes: 'Robot-arm integrator in Neihu; the team writes in English.',
  },
  {
    name: 'Pacific Harbor Logistics',
    shortName: 'Pacific Harbor',
    domains: ['pacificharbor-logistics.com'],
    country: 'TW',
    area: '7',
    people: 'taiwanese',
    language: 'en',
    industry: 'logistics',
    notes: 'Container yard operator at Kaohsiung port; reefer monitoring.',
  },
  {
    name: '北辰包裝股份有限公司',
    shortName: '北辰包裝',
    domains: ['northstarpack.com.tw'],
    country: 'TW',
    area: '3',
    people: 'taiwanese',
    language: 'zh',
    industry: 'machinery',
    notes: '英文名 Northstar Packaging。紙器包裝，設備老舊，需加裝感測器。',
  },
  {
    name: 'Lumina Display Technologies',
    shortName: 'Lumina Display',
    domains: ['luminadisplay.com'],
    country: 'TW',
    area: '6',
    people: 'taiwanese',
    language: 'en',
    industry: 'semiconductor',
    notes: 'Panel maker in the Southern Taiwan Science Park; US parent, English paperwork.',
  },
  {
    name: 'Kestrel Automation Co., Ltd.',
    shortName: 'Kestrel Automation',
    domains: ['kestrel-automation.com'],
    country: 'TW',
    area: '4',
    people: 'taiwanese',
    language: 'en',
    industry: 'machinery',
    notes: 'Machine builder; wants to resell our gateway inside its machines.',
  },
  {
    name: '藍鰭水產養殖股份有限公司',
    shortName: '藍鰭水產',
    domains: ['bluefin-aqua.tw'],
    country: 'TW',
    area: '5',
    people: 'taiwanese',
    language: 'zh',
    industry: 'food',
    notes: '嘉義石斑魚養殖，水質監測（溶氧、水溫、pH）。',
  },
  {
    name: 'Sakura Seimitsu Co., Ltd.',
    shortName: 'Sakura Seimitsu',
    domains: ['sakura-seimitsu.co.jp'],
    country: 'JP',
    area: null,
    people: 'japanese',
    language: 'en',
    industry: 'machinery',
    notes: 'Japanese parts maker with a plant in Taichung; decisions are made in Nagoya.',
  },
  {
    name: 'Meridian Foods Asia Pte. Ltd.',
    shortName: 'Meridian Foods',
    domains: ['meridianfoods.com.sg'],
    country: 'SG',
    area: null,
    people: 'singaporean',
    language: 'en',
    industry: 'food',
    notes: 'Regional HQ in Singapore; evaluating cold-chain monitoring for Taiwan and Malaysia.',
  },
  {
    name: 'Vantage Cold Storage Inc.',
    shortName: 'Vantage Cold Storage',
    domains: ['vantagecold.com'],
    country: 'US',
    area: null,
    people: 'western',
    language: 'en',
    industry: 'logistics',
    notes: 'US warehouse chain; met at Computex. Quotes in USD.',
  },
  {
    name: '蘭嶼海景度假村',
    shortName: '蘭嶼海景',
    domains: ['orchidseaview.tw'],
    country: 'TW',
    area: '2',
    people: 'taiwanese',
    language: 'zh',
    industry: 'building',
    notes: '離島度假村，發電機與冷氣用電監控，網路不穩需離線緩存。',
  },
];

export type DealTemplate = {
  language: Language;
  /** `{company}` is replaced by the short name, `{units}` by a unit count. */
  title: string;
  /** Typical TWD value; USD deals use about a thirtieth. */
  minAmount: number;
  maxAmount: number;
  industries: readonly Industry[] | 'any';
};

export const DEAL_TEMPLATES: readonly DealTemplate[] = [
  {
    language: 'zh',
    title: '{company} 產線設備聯網導入',
    minAmount: 800_000,
    maxAmount: 3_600_000,
    industries: ['machinery', 'electronics', 'textile', 'semiconductor'],
  },
  {
    language: 'zh',
    title: '{company} OEE 即時看板',
    minAmount: 400_000,
    maxAmount: 1_800_000,
    industries: ['machinery', 'electronics', 'textile'],
  },
  {
    language: 'zh',
    title: '{company} 能源管理系統 (EMS) 建置',
    minAmount: 1_200_000,
    maxAmount: 6_500_000,
    industries: 'any',
  },
  {
    language: 'zh',
    title: '{company} 空壓機預知保養 PoC',
    minAmount: 150_000,
    maxAmount: 480_000,
    industries: ['machinery', 'textile', 'food'],
  },
  {
    language: 'zh',
    title: '{company} SC-500 邊緣閘道器採購（{units} 台）',
    minAmount: 600_000,
    maxAmount: 2_400_000,
    industries: 'any',
  },
  {
    language: 'zh',
    title: '{company} 冷鏈溫度監控年約',
    minAmount: 300_000,
    maxAmount: 1_200_000,
    industries: ['food', 'logistics', 'healthcare'],
  },
  {
    language: 'zh',
    title: '{company} 無塵室環境監控',
    minAmount: 900_000,
    maxAmount: 4_000_000,
    industries: ['semiconductor', 'healthcare'],
  },
  {
    language: 'zh',
    title: '{company} 智慧建築 BEMS 整合',
    minAmount: 1_500_000,
    maxAmount: 5_000_000,
    industries: ['building'],
  },
  {
    language: 'zh',
    title: '{company} 雲端平台年度授權',
    minAmount: 240_000,
    maxAmount: 960_000,
    industries: 'any',
  },
  {
    language: 'zh',
    title: '{company} API 串接與資料介接',
    minAmount: 180_000,
    maxAmount: 720_000,
    industries: ['software', 'energy', 'building'],
  },
  {
    language: 'en',
    title: '{company} – edge gateway rollout ({units} units)',
    minAmount: 600_000,
    maxAmount: 2_400_000,
    industries: 'any',
  },
  {
    language: 'en',
    title: '{company} – predictive maintenance pilot',
    minAmount: 150_000,
    maxAmount: 600_000,
    industries: ['machinery', 'semiconductor', 'electronics'],
  },
  {
    language: 'en',
    title: '{company} – cold-chain monitoring subscription',
    minAmount: 300_000,
    maxAmount: 1_500_000,
    industries: ['food', 'logistics'],
  },
  {
    language: 'en',
    title: '{company} – factory IoT platform license',
    minAmount: 500_000,
    maxAmount: 2_000_000,
    industries: ['machinery', 'semiconductor', 'electronics'],
  },
  {
    language: 'en',
    title: '{company} – OEM gateway module',
    minAmount: 1_000_000,
    maxAmount: 4_500_000,
    industries: ['machinery', 'electronics'],
  },
];

type Phrases = Record<Language, readonly string[]>;

export type MailTopic = {
  /** `{number}` becomes a quote or order number. */
  subjects: Phrases;
  /** First lines of the rep's messages and of the customer's. */
  outbound: Phrases;
  inbound: Phrases;
};

/** What mail is about while a deal sits in each open stage, first stage first. */
export const STAGE_MAIL_TOPICS: readonly MailTopic[] = [
  {
    subjects: {
      zh: ['詢問設備聯網解決方案', '感測雲 IIoT 平台簡介資料', '自動化展後續聯繫：智慧製造方案'],
      en: [
        'Inquiry: machine monitoring solution',
        'SenseCloud IIoT platform overview',
        'Following up from Automation Taipei',
      ],
    },
    outbound: {
      zh: [
        '您好，很高興在展場認識您，附上我們的平台簡介與導入案例供參考。',
        '感謝您的詢問，想約個 30 分鐘的線上會議了解貴公司產線的現況。',
      ],
      en: [
        'Great to meet you at the show. Attached is our platform overview with two customer stories.',
        'Thanks for reaching out. Could we book 30 minutes to hear how your lines run today?',
      ],
    },
    inbound: {
      zh: [
        '您好，我們想了解貴公司的設備聯網方案，是否能提供簡介與大概的價格範圍？',
        '謝謝資料，下週二下午可以線上聊聊。',
      ],
      en: [
        'We are looking into machine monitoring. Could you share an overview and a rough price range?',
        'Thanks, Tuesday afternoon works for a call.',
      ],
    },
  },
  {
    subjects: {
      zh: ['需求訪談紀錄與後續安排', '產線現況與設備清單', 'PoC 場勘時間確認', '預算與導入時程確認'],
      en: ['Notes from our discovery call', 'Equipment list for the pilot line', 'Site survey scheduling'],
    },
    outbound: {
      zh: [
        '感謝今天撥冗開會，以下整理會議重點與後續待辦事項：',
        '想跟您確認上次提到的場勘時間，下週二或週四下午是否方便？',
      ],
      en: [
        'Thanks for your time today. Here is a summary of what we discussed and the next steps:',
        'Would Tuesday or Thursday afternoon next week work for the site survey?',
      ],
    },
    inbound: {
      zh: [
        '附件是我們目前的設備清單，共 3 條產線，請參考。',
        '預算大約在下半年編列，廠長希望年底前先做一條線試行。',
      ],
      en: [
        'Attached is our equipment list for the pilot line.',
        'Budget is planned for the second half; the plant manager wants one line piloted first.',
      ],
    },
  },
  {
    subjects: {
      zh: ['報價單 Q{number}', '提案簡報與報價', '規格書與報價說明', '資安問卷回覆'],
      en: ['Quotation Q{number}', 'Proposal and pricing', 'Technical specification and quote'],
    },
    outbound: {
      zh: [
        '您好，附件為本次的報價單，請參考。如有任何問題歡迎隨時與我聯繫。',
        '補充說明閘道器的資安設計：資料傳輸全程 TLS 1.3 加密，並支援離線緩存。',
      ],
      en: [
        'Please find our quotation attached. Happy to walk you through it on a call.',
        'As promised, the gateway security overview: TLS 1.3 end to end and local buffering when offline.',
      ],
    },
    inbound: {
      zh: [
        '王先生您好，我們內部討論後，想再確認幾個規格問題：',
        '老闆想看一下其他客戶的導入案例，方便提供嗎？',
      ],
      en: [
        'Thanks, we reviewed the proposal internally and have a few questions on the specs:',
        'Could you share a reference customer we could talk to?',
      ],
    },
  },
  {
    subjects: {
      zh: ['報價修訂版（含教育訓練）', '合約草案請確認', '付款條件與交期', '供應商登錄資料'],
      en: [
        'Revised quote incl. training',
        'Draft agreement for review',
        'Payment terms and delivery schedule',
      ],
    },
    outbound: {
      zh: [
        '依照您的需求調整了方案，新增兩天的教育訓練，報價如附件。',
        '附上合約草案，付款條件依貴公司慣例調整為月結 60 天。',
      ],
      en: [
        'We adjusted the offer as discussed and added two days of training; the revised quote is attached.',
        'Attached is the draft agreement with net-60 payment terms as requested.',
      ],
    },
    inbound: {
      zh: [
        '報價的部分我們需要再跟財務確認，預計月底前回覆。',
        '採購這邊希望單價再降 5%，交期能否提前到下個月？',
      ],
      en: [
        'Finance needs to sign off first; we expect an answer by the end of the month.',
        'Procurement asks for another 5% off; could delivery move up a month?',
      ],
    },
  },
];

export const CLOSING_MAIL_TOPICS: Record<'won' | 'lost', MailTopic> = {
  won: {
    subjects: {
      zh: ['訂單確認 PO{number}', '採購單與交貨地址'],
      en: ['Purchase order PO{number}', 'PO and delivery address'],
    },
    outbound: {
      zh: ['謝謝您的訂單！我們會在本週內安排導入啟動會議。'],
      en: ['Thank you for the order! We will set up the kick-off meeting this week.'],
    },
    inbound: {
      zh: ['附件為正式採購單，請確認後回覆交期。'],
      en: ['Please find our purchase order attached; kindly confirm the delivery date.'],
    },
  },
  lost: {
    subjects: { zh: ['關於本案的決定', '專案暫緩通知'], en: ['Decision on the project', 'Project on hold'] },
    outbound: {
      zh: ['了解，謝謝告知，之後若有需要歡迎再聯繫。'],
      en: ['Understood, thank you for letting us know.'],
    },
    inbound: {
      zh: ['感謝這段時間的協助，經內部評估後本案決定暫不採用貴公司的方案。'],
      en: [
        'Thank you for your help. After an internal review we have decided not to go ahead with your proposal.',
      ],
    },
  },
};

export const NOTES: Phrases = {
  zh: [
    '客戶希望在下一季前完成 A 產線 32 台機台的聯網。',
    '決策者是廠長，採購只負責比價。',
    '競爭對手報價約低 15%，但不含教育訓練與現場安裝。',
    '客戶對資安有疑慮，需提供 ISO 27001 證書與滲透測試報告。',
    '預算已編列，需走年度採購流程，約需 6 週。',
    'IT 與廠務意見不一致，IT 希望地端部署。',
  ],
  en: [
    'They want the pilot line connected before the next quarter.',
    'The plant manager decides; procurement only compares prices.',
    'A competitor quoted about 15% lower, without installation or training.',
    'Security review needed: they ask for our ISO 27001 certificate.',
  ],
};

export const CALL_OUTCOMES: Phrases = {
  zh: [
    '確認需求，約下週場勘',
    '對方請我們先寄規格書',
    '未接，已留言',
    '討論報價細節，對價格仍有疑慮',
    '確認採購已送簽',
  ],
  en: [
    'Confirmed the need; site survey next week',
    'Asked us to send the datasheet first',
    'No answer, left a voicemail',
  ],
};

export const MEETING_NOTES: Phrases = {
  zh: [
    '於客戶工廠進行現場勘查，共 3 條產線，網路需另外拉線。',
    '線上 Demo 平台功能，對方對告警與報表最有興趣。',
    '與廠長、IT 主管開會確認 PoC 範圍與成功指標。',
  ],
  en: [
    'Site survey at the plant: three lines, no Wi-Fi on the shop floor.',
    'Online demo; most interest in alerts and the weekly report.',
    'Agreed the pilot scope and success criteria with the plant manager and IT.',
  ],
};

export const MEETING_OUTCOMES: Phrases = {
  zh: ['客戶同意進行 PoC', '需再提供一次報價', '等待對方內部評估'],
  en: ['They agreed to a pilot', 'They want a revised quote', 'Waiting on their internal review'],
};

export const NEXT_STEPS: Phrases = {
  zh: [
    '寄送修訂版報價單',
    '安排場勘',
    '與廠長開會確認規格',
    '提供 PoC 結果報告',
    '追蹤採購簽核進度',
    '準備合約草案',
    '安排產品 Demo',
    '回覆資安問卷',
  ],
  en: [
    'Send the revised quote',
    'Schedule the site survey',
    'Review specs with the plant manager',
    'Share the pilot results',
    'Chase the purchase approval',
    'Send the draft agreement',
  ],
};

export const WON_NEXT_STEPS: Phrases = {
  zh: ['安排導入啟動會議', '確認出貨與安裝日期'],
  en: ['Hold the kick-off meeting', 'Confirm delivery and installation dates'],
};

export const LOST_REASONS: Phrases = {
  zh: [
    '價格高於競爭對手約 20%',
    '客戶預算凍結，專案延到明年',
    '客戶決定自行開發',
    '選擇既有設備供應商的整合方案',
    '決策者異動，專案取消',
  ],
  en: [
    'Chose a competitor with a lower price',
    'Budget frozen until next fiscal year',
    'Decided to build in-house',
  ],
};

export const REMINDER_TITLES: Phrases = {
  zh: ['追蹤報價回覆', '確認 PoC 場勘日期', '寄送會議紀錄', '提醒客戶回簽合約', '電話關心導入進度'],
  en: [
    'Follow up on the quote',
    'Confirm the site survey date',
    'Send the meeting notes',
    'Chase the signed agreement',
  ],
};

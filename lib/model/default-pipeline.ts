import type { Language } from '../i18n/translate';
import { newId } from './ids';
import type { Pipeline, Stage } from './pipeline';

type StageTemplate = {
  name: Record<Language, string>;
  probability: number;
  kind: Stage['kind'];
  expectedDays: number | null;
  staleAfterDays: number | null;
  checklist: Record<Language, string>[];
};

/** The article's process: each stage with a win probability and the key information to collect. */
const DEFAULT_STAGES: StageTemplate[] = [
  {
    name: { en: 'Lead', 'zh-TW': '潛在客戶' },
    probability: 10,
    kind: 'open',
    expectedDays: 14,
    staleAfterDays: 14,
    checklist: [
      { en: 'Contact person and role known', 'zh-TW': '已確認聯絡窗口與職務' },
      { en: 'Need or pain point noted', 'zh-TW': '已記錄需求或痛點' },
    ],
  },
  {
    name: { en: 'Qualified', 'zh-TW': '需求確認' },
    probability: 25,
    kind: 'open',
    expectedDays: 21,
    staleAfterDays: 14,
    checklist: [
      { en: 'Budget confirmed', 'zh-TW': '已確認預算' },
      { en: 'Decision maker known', 'zh-TW': '已知決策者' },
      { en: 'Timeline known', 'zh-TW': '已知導入時程' },
    ],
  },
  {
    name: { en: 'Proposal', 'zh-TW': '提案報價' },
    probability: 50,
    kind: 'open',
    expectedDays: 21,
    staleAfterDays: 10,
    checklist: [
      { en: 'Quote sent', 'zh-TW': '已寄出報價單' },
      { en: 'Competitors known', 'zh-TW': '已知競爭對手' },
    ],
  },
  {
    name: { en: 'Negotiation', 'zh-TW': '議價' },
    probability: 75,
    kind: 'open',
    expectedDays: 14,
    staleAfterDays: 7,
    checklist: [
      { en: 'Terms agreed', 'zh-TW': '已議定合約條件' },
      { en: 'Purchase process known', 'zh-TW': '已了解採購流程' },
    ],
  },
  {
    name: { en: 'Won', 'zh-TW': '成交' },
    probability: 100,
    kind: 'won',
    expectedDays: null,
    staleAfterDays: null,
    checklist: [],
  },
  {
    name: { en: 'Lost', 'zh-TW': '失敗' },
    probability: 0,
    kind: 'lost',
    expectedDays: null,
    staleAfterDays: null,
    checklist: [],
  },
];

export function defaultPipeline(language: Language, now: number = Date.now()): Pipeline {
  return {
    id: newId(now),
    createdAt: now,
    updatedAt: now,
    deleted: false,
    name: language === 'zh-TW' ? '新客戶開發' : 'New business',
    archived: false,
    stages: DEFAULT_STAGES.map((template) => ({
      id: newId(now),
      name: template.name[language],
      probability: template.probability,
      kind: template.kind,
      expectedDays: template.expectedDays,
      staleAfterDays: template.staleAfterDays,
      checklist: template.checklist.map((label) => ({ id: newId(now), label: label[language] })),
    })),
  };
}

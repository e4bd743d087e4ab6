import { newId } from '../../shared/model/ids';
import type { Pipeline, Stage } from '../../shared/model/pipeline';
import type { Language } from '../i18n/translate';

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

/**
 * Ids for the pipeline a device creates before any other (the first deal's). They are the same on
 * every device, so when a team's reps connect to team sync their first pipelines are one record on
 * the server, not one copy per rep; the field merge then settles its names and stages.
 * (Crockford base-32, like every ULID: no I, L, O or U.)
 */
const firstPipelineIds = {
  pipeline: '00000000000000000000000P01',
  stage: (stage: number) => `00000000000000000000000S${String(stage + 1).padStart(2, '0')}`,
  checklistItem: (stage: number, item: number) =>
    `0000000000000000000000C${String(stage + 1).padStart(2, '0')}${item + 1}`,
};

type PipelineIds = typeof firstPipelineIds;

function freshIds(now: number): PipelineIds {
  return { pipeline: newId(now), stage: () => newId(now), checklistItem: () => newId(now) };
}

/** A new pipeline from the default template, with fresh ids. */
export function defaultPipeline(language: Language, now: number = Date.now()): Pipeline {
  return pipelineFromTemplate(language, now, freshIds(now));
}

/** The device's first pipeline: the default template under ids every device shares. */
export function firstPipeline(language: Language, now: number = Date.now()): Pipeline {
  return pipelineFromTemplate(language, now, firstPipelineIds);
}

function pipelineFromTemplate(language: Language, now: number, ids: PipelineIds): Pipeline {
  return {
    id: ids.pipeline,
    createdAt: now,
    updatedAt: now,
    deleted: false,
    name: language === 'zh-TW' ? '新客戶開發' : 'New business',
    archived: false,
    stages: DEFAULT_STAGES.map((template, stage) => ({
      id: ids.stage(stage),
      name: template.name[language],
      probability: template.probability,
      kind: template.kind,
      expectedDays: template.expectedDays,
      staleAfterDays: template.staleAfterDays,
      checklist: template.checklist.map((label, item) => ({
        id: ids.checklistItem(stage, item),
        label: label[language],
      })),
    })),
  };
}

import { describe, expect, it } from 'vitest';
import { defaultPipeline, firstPipeline } from '@/lib/extension/pipeline/default-pipeline';
import { makeCompany, makeContact, makeDeal, makeEmailActivity, makePipeline } from '@/tests/unit/records';
import {
  activitySchema,
  calendarDateSchema,
  companySchema,
  contactSchema,
  currencySchema,
  dealSchema,
  emailMessageKey,
  newId,
  type Pipeline,
  pipelineSchema,
} from './index';

function problemsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.path.join('.')) ?? []);
}

describe('record schemas', () => {
  it('accept realistic Taiwanese records', () => {
    const pipeline = makePipeline();
    expect(pipelineSchema.safeParse(pipeline).success).toBe(true);
    expect(companySchema.safeParse(makeCompany()).success).toBe(true);
    expect(contactSchema.safeParse(makeContact()).success).toBe(true);
    const deal = makeDeal(pipeline);
    expect(dealSchema.safeParse(deal).success).toBe(true);
    expect(activitySchema.safeParse(makeEmailActivity(deal)).success).toBe(true);
  });

  it('store addresses lower-cased and refuse non-addresses', () => {
    const parsed = contactSchema.parse(makeContact({ emails: ['  YiJun.Chen@HongDa.com.TW '] }));
    expect(parsed.emails).toEqual(['yijun.chen@hongda.com.tw']);
    expect(problemsOf(contactSchema.safeParse(makeContact({ emails: ['not an address'] })))).toEqual([
      'emails.0',
    ]);
    expect(problemsOf(contactSchema.safeParse(makeContact({ emails: ['a@b.tw', 'A@B.tw'] })))).toEqual([
      'emails',
    ]);
  });

  it('accept only registrable company domains', () => {
    expect(companySchema.safeParse(makeCompany({ domains: ['acme.com.tw', 'acme.co.jp'] })).success).toBe(
      true,
    );
    expect(problemsOf(companySchema.safeParse(makeCompany({ domains: ['www.acme.com.tw'] })))).toEqual([
      'domains.0',
    ]);
    expect(problemsOf(companySchema.safeParse(makeCompany({ domains: ['com.tw'] })))).toEqual(['domains.0']);
  });

  it('refuse negative, non-finite and absurd amounts and unknown currencies', () => {
    const pipeline = makePipeline();
    for (const amount of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e15]) {
      expect(problemsOf(dealSchema.safeParse(makeDeal(pipeline, { amount })))).toEqual(['amount']);
    }
    expect(currencySchema.safeParse('TWD').success).toBe(true);
    expect(currencySchema.safeParse('twd').success).toBe(false);
    expect(currencySchema.safeParse('XYZ').success).toBe(false);
  });

  it('refuse impossible calendar dates', () => {
    expect(calendarDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDateSchema.safeParse('2026-02-29').success).toBe(false);
    expect(calendarDateSchema.safeParse('2026-13-01').success).toBe(false);
    expect(calendarDateSchema.safeParse('1899-01-01').success).toBe(false);
  });

  it('record a lost reason only on lost deals', () => {
    const pipeline = makePipeline();
    expect(problemsOf(dealSchema.safeParse(makeDeal(pipeline, { lostReason: 'price' })))).toEqual([
      'lostReason',
    ]);
    expect(dealSchema.safeParse(makeDeal(pipeline, { status: 'lost', lostReason: 'price' })).success).toBe(
      true,
    );
  });

  it('refuse pipelines with duplicate stage names, bad probabilities or no open stage', () => {
    const pipeline = makePipeline();
    const [first, second] = pipeline.stages;
    if (!first || !second) throw new Error('default pipeline too short');
    const duplicate = { ...pipeline, stages: [first, { ...second, name: first.name.toUpperCase() }] };
    expect(problemsOf(pipelineSchema.safeParse(duplicate))).toEqual(['stages.1.name']);
    const tooLikely = { ...pipeline, stages: [{ ...first, probability: 101 }] };
    expect(problemsOf(pipelineSchema.safeParse(tooLikely))).toEqual(['stages.0.probability']);
    const onlyClosed = { ...pipeline, stages: pipeline.stages.filter((stage) => stage.kind !== 'open') };
    expect(problemsOf(pipelineSchema.safeParse(onlyClosed))).toEqual(['stages']);
  });

  it('show hostile subjects as data, untouched', () => {
    const deal = makeDeal(makePipeline());
    const activity = makeEmailActivity(deal);
    if (activity.kind !== 'email') throw new Error('expected an email activity');
    const hostile = { ...activity, email: { ...activity.email, subject: '<img src=x onerror=alert(1)>' } };
    const parsed = activitySchema.parse(hostile);
    expect(parsed.kind === 'email' && parsed.email.subject).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('emailMessageKey', () => {
  const dealId = newId();
  it('uses the RFC Message-ID when known, so Gmail and Outlook agree', () => {
    const fromGmail = emailMessageKey(dealId, {
      provider: 'gmail',
      providerMessageId: 'abc',
      rfcMessageId: 'X@y',
    });
    const fromOutlook = emailMessageKey(dealId, {
      provider: 'outlook',
      providerMessageId: 'AAMk',
      rfcMessageId: 'x@Y',
    });
    expect(fromGmail).toBe(fromOutlook);
  });
  it('falls back to the provider id and separates deals', () => {
    const key = emailMessageKey(dealId, { provider: 'gmail', providerMessageId: 'abc', rfcMessageId: null });
    expect(key).toBe(`${dealId}|gmail:abc`);
    expect(
      emailMessageKey(newId(), { provider: 'gmail', providerMessageId: 'abc', rfcMessageId: null }),
    ).not.toBe(key);
  });
});

describe('newId', () => {
  const NOW_FIXED = Date.UTC(2026, 0, 1);
  it('sorts in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId(NOW_FIXED));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the first pipeline', () => {
  it('has the same valid ids on every device, in either language, so a team syncs one copy', () => {
    const english = firstPipeline('en', Date.UTC(2026, 0, 1));
    const chinese = firstPipeline('zh-TW', Date.UTC(2026, 5, 1));
    expect(pipelineSchema.parse(english)).toEqual(english);
    const ids = (pipeline: Pipeline) => [
      pipeline.id,
      ...pipeline.stages.flatMap((stage) => [stage.id, ...stage.checklist.map((item) => item.id)]),
    ];
    expect(ids(chinese)).toEqual(ids(english));
    expect(new Set(ids(english)).size).toBe(ids(english).length);
  });

  it('is not reused for pipelines made later from the template', () => {
    const first = firstPipeline('en');
    const later = defaultPipeline('en');
    expect(later.id).not.toBe(first.id);
    expect(later.stages.map((stage) => stage.id)).not.toContain(first.stages[0]?.id);
  });
});

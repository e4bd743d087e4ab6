import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROBLEM_CODES, type Problem, problemMessage, problemOfIssue } from './problem-message';
import { createTranslator, LANGUAGES } from './translate';

const schema = z.object({
  name: z.string().min(1, 'must not be empty').max(5, 'is too long'),
  email: z.email('is not an email address'),
  tags: z.array(z.string()).min(1),
  stage: z.string().refine((value) => value !== 'x', { message: 'is x', params: { code: 'invalidValue' } }),
});

function problemsOf(candidate: unknown): Problem[] {
  const result = schema.safeParse(candidate);
  if (result.success) throw new Error('expected a refusal');
  return result.error.issues.map(problemOfIssue);
}

describe('problemMessage', () => {
  const samples: Record<(typeof PROBLEM_CODES)[number], Problem> = {
    tooSmall: { field: 'name', code: 'tooSmall', params: { origin: 'string', minimum: 1 } },
    tooBig: { field: 'name', code: 'tooBig', params: { origin: 'string', maximum: 200 } },
    invalidFormat: { field: 'email', code: 'invalidFormat', params: { format: 'email' } },
    invalidType: { field: 'amount', code: 'invalidType' },
    invalidValue: { field: 'stage', code: 'invalidValue' },
    notRegistrableDomain: { field: 'ownDomains.0', code: 'notRegistrableDomain' },
    invalid: { field: 'stage', code: 'invalid' },
  };

  it('words every code in both languages', () => {
    for (const language of LANGUAGES) {
      const t = createTranslator(language);
      for (const code of PROBLEM_CODES) expect(problemMessage(samples[code], t), code).not.toBe('');
    }
  });

  it('shows a zod refusal in Traditional Chinese to a zh-TW reader', () => {
    const t = createTranslator('zh-TW');
    const texts = problemsOf({ name: '', email: 'nope', tags: [], stage: 'x' }).map((p) =>
      problemMessage(p, t),
    );
    expect(texts).toEqual([
      '請填寫此欄。',
      '請輸入有效的電子郵件地址。',
      '請至少加入一項。',
      '請從提供的選項中選擇。',
    ]);
  });

  it('reads the issue code and limits, so rewording a schema message changes no UI text', () => {
    const reworded = z.object({ name: z.string().max(5, 'exceeds five characters, which is the limit') });
    const result = reworded.safeParse({ name: 'toolong' });
    if (result.success) throw new Error('expected a refusal');
    const [problem] = result.error.issues.map(problemOfIssue);
    expect(problem).toEqual(problemsOf({ name: 'toolong', email: 'a@b.co', tags: ['a'], stage: 'y' })[0]);
    expect(problem && problemMessage(problem, createTranslator('en'))).toBe('Use at most 5 characters.');
  });
});

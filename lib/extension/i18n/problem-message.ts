import type { z } from 'zod';
import type { Translate } from './translate';

/** What is wrong with a value, whatever language the rep reads: the UI words each code from the catalogs. */
export const PROBLEM_CODES = [
  'tooSmall',
  'tooBig',
  'invalidFormat',
  'invalidType',
  'invalidValue',
  'notRegistrableDomain',
  'invalid',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Problem = { field: string; code: ProblemCode; params?: Record<string, string | number> };

function isProblemCode(value: unknown): value is ProblemCode {
  return PROBLEM_CODES.some((code) => code === value);
}

/** A zod issue as a problem, read from its issue code and limits, never from its (English) message. */
export function problemOfIssue(issue: z.core.$ZodIssue): Problem {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'too_small':
      return { field, code: 'tooSmall', params: { origin: issue.origin, minimum: Number(issue.minimum) } };
    case 'too_big':
      return { field, code: 'tooBig', params: { origin: issue.origin, maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { field, code: 'invalidFormat', params: { format: issue.format } };
    case 'invalid_type':
      return { field, code: 'invalidType' };
    case 'invalid_value':
      return { field, code: 'invalidValue' };
    case 'custom': {
      // A refinement names its problem as `params: { code }`; an unnamed one is simply invalid.
      const code = issue.params?.code;
      return { field, code: isProblemCode(code) ? code : 'invalid' };
    }
    default:
      return { field, code: 'invalid' };
  }
}

/** The one way a problem becomes text: its code's message in the rep's language, with its parameters. */
export function problemMessage(problem: Problem, t: Translate): string {
  return t(`problem.${problem.code}`, problem.params);
}

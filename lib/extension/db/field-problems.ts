import type { z } from 'zod';

/** A field that failed its record's schema, named `record.field` (e.g. `contact.name`, `company.domains`). */
export type FieldProblem = { field: string; message: string };

/** Thrown inside the write transaction, so nothing of a half-valid form is stored. */
export class InvalidFormError extends Error {
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`Not saved: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    this.name = 'InvalidFormError';
  }
}

/** Validates with a record schema; problems are collected (not thrown) so a form can show them all at once. */
export function checkRecord<T>(
  schema: z.ZodType<T>,
  recordName: string,
  candidate: unknown,
  problems: FieldProblem[],
): T | null {
  const result = schema.safeParse(candidate);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = `${recordName}.${String(issue.path[0] ?? '')}`;
    if (!problems.some((problem) => problem.field === field))
      problems.push({ field, message: issue.message });
  }
  return null;
}

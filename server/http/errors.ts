import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ErrorResponse } from '../../lib/shared/sync/protocol';

export type ErrorIssue = NonNullable<ErrorResponse['issues']>[number];

/** A refusal with an errorResponseSchema body (plus any extra fields, such as 409's `expected`). */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: ErrorResponse & Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'HttpError';
  }
}

/** zod issues as the error body lists them: a dotted path and the schema's own sentence. */
function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function invalidRequest(error: z.ZodError, what: string): HttpError {
  const issues = issuesOf(error);
  const first = issues[0];
  const summary = first ? `${first.path || 'the body'} ${first.message}` : 'it does not match the protocol';
  return new HttpError(400, {
    error: 'invalid-request',
    message: `The ${what} is not valid: ${summary}.`,
    issues,
  });
}

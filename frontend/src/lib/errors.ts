// The API's errors in words for people: field errors next to their field, everything else as
// one message. The API never leaks internals, so its messages can be shown as they are.
import type { CombinedError } from 'urql';

export interface FieldError {
  field: string;
  message: string;
}

/** Field errors of a VALIDATION answer, keyed by field path (`input.legalName`). */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const list = (e.extensions?.fieldErrors ?? []) as FieldError[];
    for (const { field, message } of list) fields[field] ??= message;
  }
  return fields;
}

/** One sentence for the whole error. */
export function errorMessage(error: CombinedError | undefined): string | null {
  if (!error) return null;
  if (error.networkError) return 'Chainward cannot be reached. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  if (!first) return 'Something went wrong.';
  if (first.extensions?.code === 'FORBIDDEN') return 'You are not allowed to do this.';
  return first.message;
}

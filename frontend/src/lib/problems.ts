// The API's refusals placed at the fields of a form. A VALIDATION answer lists field errors
// (`extensions.fieldErrors`); a CONFLICT names one field (`extensions.field`: a duplicate
// name, a dependency already recorded) with the message of the error itself. Whatever no
// field of the form shows is said once above it, so no refusal goes unseen.
import type { CombinedError } from 'urql';
import { errorMessage, fieldErrors } from './errors';

/** Every message the API tied to a field, keyed by its path (`input.name`). */
export function problemsAt(error: CombinedError | undefined): Record<string, string> {
  const fields = fieldErrors(error);
  for (const e of error?.graphQLErrors ?? []) {
    const field = e.extensions?.field;
    if (e.extensions?.code === 'CONFLICT' && typeof field === 'string') fields[field] ??= e.message;
  }
  return fields;
}

/** The part of `error` that none of the form's `shown` fields displays, in words; null when
 * every problem sits at a field of the form (or there is no error). */
export function unplacedProblem(error: CombinedError | undefined, shown: readonly string[]): string | null {
  if (!error) return null;
  const fields = problemsAt(error);
  const placed = Object.keys(fields);
  if (!placed.length) return errorMessage(error);
  const rest = placed.filter((f) => !shown.includes(f));
  return rest.length ? rest.map((f) => `${label(f)}: ${fields[f]}`).join('; ') : null;
}

/** `input.providerId` -> "provider id": a field path read aloud. */
function label(path: string): string {
  const last = path.split('.').pop() ?? path;
  return last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

// Documents: uploads as GraphQL multipart requests with the session's bearer token (downloads
// are lib/download's `downloadWithSession`).
import { getSession } from '../auth/session';

/**
 * Runs a GraphQL operation whose `$file: Upload!` variable is `file`, as a multipart request
 * (the GraphQL multipart request specification). Returns its data, or the error in words.
 */
export async function uploadWithResult<T>(
  query: string,
  variables: Record<string, unknown>,
  file: File,
): Promise<{ data?: T; error?: string; fieldErrors?: Record<string, string> }> {
  const body = new FormData();
  body.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', file, file.name);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` },
    body,
  });
  const result = await response.json().catch(() => null);
  if (response.ok && result?.data && !result.errors) return { data: result.data as T };
  const first = result?.errors?.[0];
  const fields: Record<string, string> = {};
  for (const f of first?.extensions?.fieldErrors ?? []) fields[f.field] ??= f.message;
  return { error: first?.message ?? `The upload failed (${response.status}).`, fieldErrors: fields };
}

/** [`uploadWithResult`] when only success matters: the error in words, or null. */
export async function uploadThroughGraphql(query: string, variables: Record<string, unknown>, file: File): Promise<string | null> {
  return (await uploadWithResult(query, variables, file)).error ?? null;
}

const UPLOAD_EVIDENCE = `mutation UploadEvidence($assessmentId: UUID!, $questionId: String!, $file: Upload!) {
  uploadEvidence(assessmentId: $assessmentId, questionId: $questionId, file: $file) { id }
}`;

/** Attaches a document to a question's answer; the error in words, or null. */
export function uploadEvidence(assessmentId: string, questionId: string, file: File): Promise<string | null> {
  return uploadThroughGraphql(UPLOAD_EVIDENCE, { assessmentId, questionId }, file);
}

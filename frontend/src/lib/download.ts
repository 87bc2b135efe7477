// Saving files in the browser: exports the API answers as base64, and files behind the REST
// endpoints (documents, the streamed register) fetched with the session's bearer token.
import { getSession } from '../auth/session';

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Saves a file the API returned as base64 (exports), without a round trip through a URL. */
export function downloadBase64(fileName: string, contentType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  save(new Blob([bytes], { type: contentType }), fileName);
}

/** Fetches `path` with the session's token and saves it as `fileName`; false when refused. */
export async function downloadWithSession(path: string, fileName: string): Promise<boolean> {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } });
  if (!response.ok) return false;
  save(await response.blob(), fileName);
  return true;
}

// Asking the API for a file (a report, the audit pack) and saving it: busy while the server
// builds it (a few seconds on a large register), the answer's error for the page to show, and
// what was saved for a short note. The rest of the page stays usable meanwhile.
import { useCallback, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';
import { downloadBase64 } from '../../lib/download';
import { errorMessage, fieldErrors } from '../../lib/errors';

/** A file as the API answers it (`SpreadsheetFile`). */
export interface ApiFile {
  fileName: string;
  contentType: string;
  size: number;
  base64: string;
}

/** What a download button and its note read. */
export interface DownloadState {
  busy: boolean;
  saved?: { fileName: string; size: number };
  problem: string | null;
  reset: () => void;
}

interface State {
  busy: boolean;
  failed?: boolean;
  error?: CombinedError;
  saved?: { fileName: string; size: number };
}

export function useFileDownload<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, file: (data: Data) => ApiFile) {
  const client = useClient();
  const [state, setState] = useState<State>({ busy: false });
  const download = async (variables: Variables) => {
    setState({ busy: true });
    // Always built afresh: a report reads the register as it is now.
    const result = await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) {
      const { fileName, contentType, size, base64 } = file(result.data);
      downloadBase64(fileName, contentType, base64);
      setState({ busy: false, saved: { fileName, size } });
    } else {
      setState({ busy: false, failed: true, error: result.error });
    }
  };
  const reset = useCallback(() => setState((s) => (s.busy ? s : { busy: false })), []);
  return {
    busy: state.busy,
    saved: state.saved,
    /** The answer's error in one sentence, or null. */
    problem: state.failed ? (errorMessage(state.error) ?? 'The file could not be made; try again.') : null,
    /** Field errors of a VALIDATION answer, by argument (`until`). */
    fields: fieldErrors(state.error),
    download,
    /** Forgets the last error or note (e.g. once the form changed), unless busy. */
    reset,
  };
}

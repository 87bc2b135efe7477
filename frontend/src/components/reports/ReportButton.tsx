// A report's download button for a page's header: busy while the server builds the file, and a
// note for screen readers when it is being made and once it is saved. The page shows the
// error (ReportProblem) where there is room for it.
import { Alert, Button, VisuallyHidden } from '@mantine/core';
import { fileSize } from '../../lib/reports';
import type { DownloadState as Download } from './useFileDownload';

export function ReportButton({ label, state, onClick }: { label: string; state: Download; onClick: () => void }) {
  return (
    <>
      <Button size="xs" variant="default" loading={state.busy} onClick={onClick}>
        {label}
      </Button>
      <VisuallyHidden aria-live="polite">{downloadNote(state)}</VisuallyHidden>
    </>
  );
}

/** What a download is doing, in words: being made, saved, or nothing. */
export function downloadNote(state: Download): string {
  if (state.busy) return 'Preparing the file, this can take a few seconds…';
  if (state.saved) return `Saved ${state.saved.fileName} (${fileSize(state.saved.size)}).`;
  return '';
}

/** The error of a failed download, in the server's words, dismissable. */
export function ReportProblem({ title, state }: { title: string; state: Download }) {
  if (!state.problem) return null;
  return (
    <Alert color="red" role="alert" title={title} withCloseButton closeButtonLabel="Dismiss the error" onClose={state.reset}>
      {state.problem}
    </Alert>
  );
}

// A stored document as a link that downloads it with the session's token (the REST endpoint
// needs the bearer header, so a plain href would not do).
import { Anchor } from '@mantine/core';
import { downloadWithSession } from '../lib/download';

export function DocumentLink({ document, label = 'Document: ' }: { document: { fileName: string; downloadPath: string }; label?: string }) {
  return (
    <Anchor
      size="sm"
      component="button"
      type="button"
      style={{ alignSelf: 'flex-start' }}
      onClick={() => downloadWithSession(document.downloadPath, document.fileName)}
    >
      {label}
      {document.fileName}
    </Anchor>
  );
}

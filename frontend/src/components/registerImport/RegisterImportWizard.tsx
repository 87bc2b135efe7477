// Importing the supplier register an organisation already keeps in a spreadsheet: choose the
// file, read what the import would do (counts, the layout found and each column's meaning, to
// correct and preview again; rows new, changed field by field, unchanged or with problems named
// by cell), then commit in one transaction. Nothing is written before the commit.
import { useRef, useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { Alert, Badge, Button, Checkbox, FileInput, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { uploadWithResult } from '../../lib/evidence';
import { type RegisterLayout, asLayout, layoutSentences, sameLayout } from '../../lib/registerLayout';
import { canCommit, commitLabel, committedSentence, plural, rowsWithProblems } from '../../lib/registerImport';
import { ImportColumns } from './ImportColumns';
import { ImportDependencies } from './ImportDependencies';
import { ImportRows } from './ImportRows';

// A multipart upload, hence a plain string (lib/evidence); the preview is then read, typed,
// through `registerImport`.
const PREVIEW = `mutation PreviewRegisterImport($file: Upload!, $layout: JSON) {
  previewRegisterImport(file: $file, layout: $layout) { id }
}`;

const SUMMARY = graphql(`
  query RegisterImportSummary($id: UUID!) {
    registerImport(id: $id) {
      id
      fileName
      format
      layout
      columns
      status
      committedAt
      counts {
        new
        changed
        unchanged
        invalid
        newDependencies
        newServices
        invalidLinks
      }
      notes
      problems {
        cell
        message
      }
    }
  }
`);

const COMMIT = graphql(`
  mutation CommitRegisterImport($id: UUID!, $skip: Boolean) {
    commitRegisterImport(batchId: $id, skipInvalid: $skip) {
      id
      status
      committedAt
      counts {
        new
        changed
        unchanged
        invalid
        newDependencies
        newServices
        invalidLinks
      }
    }
  }
`);

/** What a commit may change, so that the queries showing them are asked again. */
const WRITTEN = ['Supplier', 'SupplierConnection', 'SupplierContact', 'Service', 'ServiceConnection', 'Dependency', 'Portfolio'];

export function RegisterImportWizard({ opened, onClose, onImported }: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  // The layout as corrected, for the batch it corrects.
  const [edits, setEdits] = useState<{ batchId: string; layout: RegisterLayout } | null>(null);
  // Why the file (or the corrected layout) could not be read, and why a commit was refused.
  const [problem, setProblem] = useState<string | null>(null);
  const [commitProblem, setCommitProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [skip, setSkip] = useState(false);
  const [skipError, setSkipError] = useState<string | null>(null);
  // Only the latest upload counts (another file may have been chosen meanwhile, or none).
  const latest = useRef(0);
  const phone = useMediaQuery('(max-width: 48em)');
  const [{ data, error }] = useQuery({ query: SUMMARY, variables: { id: batchId ?? '' }, pause: !batchId });
  const [committing, commit] = useMutation(COMMIT);
  const batch = batchId && data?.registerImport.id === batchId ? data.registerImport : null;
  const detected = asLayout(batch?.columns);
  const layout = edits && edits.batchId === batchId ? edits.layout : detected;
  const edited = !!layout && !sameLayout(layout, detected);

  const preview = async (chosen: File, corrected: RegisterLayout | null) => {
    const attempt = ++latest.current;
    setBusy(true);
    const result = await uploadWithResult<{ previewRegisterImport: { id: string } }>(PREVIEW, { layout: corrected }, chosen);
    if (attempt !== latest.current) return;
    setBusy(false);
    setProblem(result.fieldErrors?.layout ?? result.error ?? null);
    if (result.data) {
      setBatchId(result.data.previewRegisterImport.id);
      setSkip(false);
      setSkipError(null);
      setCommitProblem(null);
    }
  };
  const choose = (chosen: File | null) => {
    latest.current += 1;
    setBusy(false);
    setFile(chosen);
    setBatchId(null);
    setEdits(null);
    setProblem(null);
    if (chosen) preview(chosen, null);
  };
  const apply = async () => {
    if (!batch) return;
    const withProblems = rowsWithProblems(batch.counts) > 0;
    const result = await commit({ id: batch.id, skip: withProblems ? skip : null }, { additionalTypenames: WRITTEN });
    if (result.error) {
      // Next to the checkbox when it is shown (the commit plans again, and may find problems
      // the preview did not have: then beside the button).
      const fields = fieldErrors(result.error);
      setSkipError(withProblems ? (fields.skipInvalid ?? null) : null);
      setCommitProblem(withProblems && fields.skipInvalid ? null : (fields.skipInvalid ?? fields.batchId ?? errorMessage(result.error)));
    } else {
      setCommitProblem(null);
      onImported();
    }
  };
  const close = () => {
    choose(null);
    onClose();
  };

  const committed = committing.data?.commitRegisterImport.id === batchId ? committing.data?.commitRegisterImport : null;
  const counts = batch?.counts;
  const withProblems = counts ? rowsWithProblems(counts) : 0;

  return (
    <Modal opened={opened} onClose={close} title="Import a supplier register" size="xl" fullScreen={phone}>
      <Stack>
        <FileInput
          label="Register file"
          description="xlsx, xlsm, ods or csv with one supplier a row; headers in English or another EU language"
          placeholder="Choose a file"
          value={file}
          onChange={choose}
          accept=".xlsx,.xlsm,.ods,.csv"
          disabled={!!committed}
        />
        {(busy || (batchId && !batch && !error)) && (
          <Text size="sm" role="status">
            Reading the file…
          </Text>
        )}
        {((problem && !batch) || error) && (
          <Alert color="red" role="alert">
            {(!batch && problem) || errorMessage(error)}
          </Alert>
        )}
        {committed && (
          <>
            <Alert color="teal" title={`Imported ${batch?.fileName ?? ''}`} data-committed>
              {committedSentence(committed.counts)}
            </Alert>
            <Group justify="end">
              <Button onClick={close}>Done</Button>
            </Group>
          </>
        )}
        {batch && counts && layout && !committed && (
          <>
            <Title order={3} size="h4">
              What the import does
            </Title>
            <Text size="sm">
              Read {batch.fileName} ({batch.format}); nothing is written until you import.
            </Text>
            <Group gap="xs" data-counts>
              <Badge color="teal" variant="light">
                {counts.new} new
              </Badge>
              <Badge color="indigo" variant="light">
                {counts.changed} changed
              </Badge>
              <Badge color="gray" variant="light">
                {counts.unchanged} unchanged
              </Badge>
              <Badge color={counts.invalid ? 'red' : 'gray'} variant="light">
                {counts.invalid} with problems
              </Badge>
              <Badge color="gray" variant="light">
                {plural(counts.newDependencies, 'dependency', 'dependencies')}
              </Badge>
              <Badge color="gray" variant="light">
                {plural(counts.newServices, 'new service')}
              </Badge>
              {counts.invalidLinks > 0 && (
                <Badge color="red" variant="light">
                  {counts.invalidLinks} contact or dependency rows with problems
                </Badge>
              )}
            </Group>
            <List size="sm" aria-label="The layout found">
              {layoutSentences(layout).map((s) => (
                <List.Item key={s}>{s}</List.Item>
              ))}
            </List>
            {batch.notes.map((n) => (
              <Text size="xs" c="dimmed" key={n}>
                {n}
              </Text>
            ))}
            {batch.problems.length > 0 && (
              <Alert color="orange" title="Contact rows that cannot be imported">
                <List size="sm">
                  {batch.problems.map((p) => (
                    <List.Item key={p.cell + p.message}>
                      {p.cell}: {p.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <ImportColumns
              layout={layout}
              onChange={(next) => setEdits({ batchId: batch.id, layout: next })}
              edited={edited}
              busy={busy}
              problem={problem}
              onPreview={() => file && preview(file, layout)}
              onUndo={() => setEdits(null)}
            />
            <ImportRows key={batch.id} batchId={batch.id} counts={counts} />
            {layout.links && <ImportDependencies key={batch.id} batchId={batch.id} sheet={layout.links.sheet} />}
            <Title order={3} size="h4">
              Import
            </Title>
            {withProblems > 0 && (
              <Checkbox
                label={`Skip the ${plural(withProblems, 'row')} with problems`}
                description="They are left out; the other rows are imported."
                checked={skip}
                onChange={(e) => {
                  setSkip(e.currentTarget.checked);
                  setSkipError(null);
                }}
                error={skipError}
              />
            )}
            {edited && <Text size="sm">Preview again with the corrected columns before importing.</Text>}
            {commitProblem && (
              <Alert color="red" role="alert">
                {commitProblem}
              </Alert>
            )}
            <Group justify="end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={apply} loading={committing.fetching} disabled={edited || busy || !canCommit(counts, skip)}>
                {commitLabel(counts)}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

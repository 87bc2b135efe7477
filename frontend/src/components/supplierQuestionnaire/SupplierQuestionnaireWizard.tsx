// Importing the questionnaire a supplier already filled in (CSA CAIQ v3/v4, EDUCAUSE HECVAT 3/4,
// an ISO 27001 Statement of Applicability): choose the file, read what the server recognised
// (the family from the ids, never the file name, and why), the Annex A and NIS 2 coverage its
// answers give, the cells it could not read (named by cell) and where each question maps; then
// record it as an assessment waiting in review. Nothing is written before that.
import { useRef, useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { Alert, Badge, Button, FileInput, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { uploadWithResult } from '../../lib/evidence';
import { plural } from '../../lib/registerImport';
import { CoveragePanel } from './CoveragePanel';
import { QuestionMappingTable } from './QuestionMappingTable';

// A multipart upload, hence a plain string (lib/evidence); the preview is then read, typed,
// through `importBatch`.
const PREVIEW = `mutation PreviewSupplierQuestionnaire($supplierId: UUID!, $file: Upload!) {
  previewSupplierQuestionnaire(supplierId: $supplierId, file: $file) { id }
}`;

const BATCH = graphql(`
  query SupplierQuestionnaireBatch($id: UUID!) {
    importBatch(id: $id) {
      id
      fileName
      format
      layout
      status
      rowsRead
      notes
      unanswered
      answers {
        questionId
      }
      invalid {
        cell
        message
      }
      questionnaire {
        family
        name
        version
        edition
        evidence
        crosswalkSheets
        mapping {
          questionId
          controls
          source
        }
      }
      coverage {
        ...QuestionnaireCoverageFields
      }
    }
  }
`);

const RECORD = graphql(`
  mutation RecordSupplierQuestionnaire($id: UUID!) {
    commitImport(batchId: $id) {
      id
      status
      committedAt
      assessmentId
    }
  }
`);

export function SupplierQuestionnaireWizard({
  supplierId,
  supplierName,
  opened,
  onClose,
  onRecorded,
}: {
  supplierId: string;
  supplierName: string;
  opened: boolean;
  onClose: () => void;
  /** The assessment the questionnaire was recorded as. */
  onRecorded: (assessmentId: string) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  // Why the file could not be read, and why recording it was refused.
  const [problem, setProblem] = useState<string | null>(null);
  const [recordProblem, setRecordProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the latest upload counts (another file may have been chosen meanwhile, or none).
  const latest = useRef(0);
  const phone = useMediaQuery('(max-width: 48em)');
  const [{ data, error }] = useQuery({ query: BATCH, variables: { id: batchId ?? '' }, pause: !batchId });
  const [recording, record] = useMutation(RECORD);
  const batch = batchId && data?.importBatch.id === batchId ? data.importBatch : null;
  const recorded = recording.data?.commitImport.id === batchId ? recording.data?.commitImport : null;

  const choose = async (chosen: File | null) => {
    const attempt = ++latest.current;
    setFile(chosen);
    setBatchId(null);
    setProblem(null);
    setRecordProblem(null);
    setBusy(!!chosen);
    if (!chosen) return;
    const result = await uploadWithResult<{ previewSupplierQuestionnaire: { id: string } }>(PREVIEW, { supplierId }, chosen);
    if (attempt !== latest.current) return;
    setBusy(false);
    setProblem(result.fieldErrors?.file ?? result.fieldErrors?.supplierId ?? result.error ?? null);
    if (result.data) setBatchId(result.data.previewSupplierQuestionnaire.id);
  };
  const apply = async () => {
    if (!batch) return;
    const result = await record({ id: batch.id }, { additionalTypenames: ['Assessment', 'QuestionnaireTemplate'] });
    if (result.error) setRecordProblem(fieldErrors(result.error).batchId ?? errorMessage(result.error));
    else if (result.data?.commitImport.assessmentId) {
      setRecordProblem(null);
      onRecorded(result.data.commitImport.assessmentId);
    }
  };
  const close = () => {
    latest.current += 1;
    setFile(null);
    setBatchId(null);
    setProblem(null);
    setRecordProblem(null);
    setBusy(false);
    onClose();
  };

  const recognised = batch?.questionnaire;
  const coverage = batch?.coverage;

  return (
    <Modal opened={opened} onClose={close} title="Import the supplier's own questionnaire" size="xl" fullScreen={phone}>
      <Stack>
        <FileInput
          label="Filled-in questionnaire"
          description="CSA CAIQ v3 or v4, EDUCAUSE HECVAT 3 or 4, or an ISO/IEC 27001 Statement of Applicability, as xlsx, xlsm, xls, ods or csv. The family is told from its question ids, not the file name."
          placeholder="Choose a file"
          value={file}
          onChange={choose}
          accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv"
          disabled={!!recorded}
        />
        {(busy || (batchId && !batch && !error)) && (
          <Text size="sm" role="status">
            Reading the file…
          </Text>
        )}
        {((problem && !batch) || error) && (
          <Alert color="red" role="alert" title="The file cannot be read">
            {(!batch && problem) || errorMessage(error)}
          </Alert>
        )}
        {recorded && batch && (
          <>
            <Alert color="teal" title="Recorded as an assessment in review" data-recorded>
              {plural(batch.answers.length, 'answer')} of {recognised?.name ?? batch.fileName} are recorded for {supplierName} as an assessment waiting for your
              review, with the Annex A coverage they give.
            </Alert>
            <Group justify="end">
              <Button variant="default" onClick={close}>
                Done
              </Button>
              {recorded.assessmentId && (
                <Button component={Link} to={`/assessments/${recorded.assessmentId}`} onClick={close}>
                  Open the review
                </Button>
              )}
            </Group>
          </>
        )}
        {batch && recognised && coverage && !recorded && (
          <>
            <Title order={3} size="h4">
              Recognised
            </Title>
            {recognised.family === 'unknown' ? (
              <Alert color="orange" title="Not recognised as a CAIQ, HECVAT or Statement of Applicability">
                Its questions are listed below; none of them counts towards an Annex A control.
              </Alert>
            ) : (
              <Group gap="xs" data-recognised>
                <Text size="lg" fw={700}>
                  {recognised.name}
                </Text>
                {recognised.edition && (
                  <Badge variant="light" color="indigo">
                    {recognised.edition} edition
                  </Badge>
                )}
              </Group>
            )}
            <List size="sm" aria-label="Why it was recognised">
              {recognised.evidence.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
              {recognised.crosswalkSheets.length > 0 && (
                <List.Item>Its own crosswalk was read from {recognised.crosswalkSheets.join(', ')}: questions it maps count through it.</List.Item>
              )}
            </List>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Read {batch.fileName} ({batch.format}): {batch.layout}. Nothing is written until you record it.
            </Text>
            <Group gap="xs" data-counts>
              <Badge color={batch.answers.length ? 'teal' : 'red'} variant="light">
                {plural(batch.answers.length, 'answer')} read
              </Badge>
              <Badge color="gray" variant="light">
                {batch.unanswered.length} unanswered
              </Badge>
              <Badge color={batch.invalid.length ? 'red' : 'gray'} variant="light">
                {plural(batch.invalid.length, 'cell')} not read
              </Badge>
              <Badge color={coverage.questionsNotMapped.length ? 'orange' : 'gray'} variant="light">
                {coverage.questionsNotMapped.length} not mapped
              </Badge>
            </Group>
            <Title order={3} size="h4">
              Annex A coverage
            </Title>
            <CoveragePanel coverage={coverage} headings={4} />
            {batch.invalid.length > 0 && (
              <Alert color="red" title="Cells that cannot be read (they are left out)" data-invalid>
                <List size="sm">
                  {batch.invalid.map((p) => (
                    <List.Item key={p.cell + p.message}>
                      {p.cell}: {p.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {batch.notes.length > 0 && (
              <List size="xs" c="dimmed" aria-label="Notes">
                {batch.notes.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            )}
            <QuestionMappingTable key={batch.id} mapping={recognised.mapping} />
            {recordProblem && (
              <Alert color="red" role="alert" title="Not recorded">
                {recordProblem}
              </Alert>
            )}
            <Group justify="end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={apply} loading={recording.fetching} disabled={busy}>
                Record as assessment
              </Button>
            </Group>
          </>
        )}
        {!file && !batch && (
          <Text size="sm" c="dimmed">
            Its answers are recorded as an assessment in review on a read-only copy of the questionnaire; then ask only what it does not cover with one of your
            own questionnaires.
          </Text>
        )}
      </Stack>
    </Modal>
  );
}

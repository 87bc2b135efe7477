// Importing answers from a spreadsheet, for analysts and respondents alike: upload, see the
// layout the importer found and correct it, read the dry-run report (every problem names its
// sheet and cell), then commit in one go. Nothing is written before the commit.
import { useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { Alert, Badge, Button, FileInput, Group, List, Modal, ScrollArea, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage } from '../lib/errors';
import { uploadWithResult } from '../lib/evidence';
import { type Field, type Layout, columnChoices, columnOf, withColumn } from '../lib/importLayout';

const PREVIEW = `mutation PreviewImport($file: Upload!, $input: PreviewImportInput!) {
  previewImport(file: $file, input: $input) {
    id fileName format layout columns rowsRead unanswered missing notes
    answers { questionId cell raw comment change previous }
    unmatched { cell id text }
    invalid { cell questionId message }
  }
}`;

const COMMIT = graphql(`
  mutation CommitImport($id: UUID!) {
    commitImport(batchId: $id) {
      id
      status
      committedAt
    }
  }
`);

interface Batch {
  id: string;
  fileName: string;
  format: string;
  layout: string;
  columns: Layout;
  rowsRead: number;
  unanswered: string[];
  missing: string[];
  notes: string[];
  answers: { questionId: string; cell: string; raw: string; comment?: string | null; change: string; previous?: string | null }[];
  unmatched: { cell: string; id: string; text: string }[];
  invalid: { cell: string; questionId?: string | null; message: string }[];
}

const FIELDS: { field: Field; label: string; optional?: boolean }[] = [
  { field: 'id', label: 'Question id' },
  { field: 'question', label: 'Question text' },
  { field: 'answer', label: 'Answer' },
  { field: 'comment', label: 'Comment', optional: true },
];

export function ImportWizard({
  assessmentId,
  questions,
  opened,
  onClose,
  onImported,
}: {
  assessmentId: string;
  /** The questionnaire's questions, to map rows with foreign ids onto. */
  questions: { id: string; text: string }[];
  opened: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [committing, commit] = useMutation(COMMIT);
  // Rows with an id of another questionnaire, mapped by the user onto one of ours.
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const phone = useMediaQuery('(max-width: 48em)');

  const preview = async (chosen: File, layout?: Layout, ids: Record<string, string> = mapping) => {
    setBusy(true);
    const pairs = Object.entries(ids).map(([foreignId, questionId]) => ({ foreignId, questionId }));
    const input = { assessmentId, layout: layout ?? batch?.columns ?? null, mapping: pairs.length ? pairs : null };
    const result = await uploadWithResult<{ previewImport: Batch }>(PREVIEW, { input }, chosen);
    setBusy(false);
    setProblem(result.error ?? null);
    setBatch(result.data?.previewImport ?? null);
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setBatch(null);
    setMapping({});
    if (chosen) preview(chosen, undefined, {});
  };
  const mapRow = (foreignId: string, questionId: string | null) => {
    const next = { ...mapping };
    if (questionId) next[foreignId] = questionId;
    else delete next[foreignId];
    setMapping(next);
    if (file) preview(file, batch?.columns, next);
  };
  const apply = async () => {
    if (!batch) return;
    const result = await commit({ id: batch.id });
    if (result.error) setProblem(errorMessage(result.error));
    else {
      onImported();
      close();
    }
  };
  const close = () => {
    setFile(null);
    setBatch(null);
    setProblem(null);
    onClose();
  };
  const counts = (change: string) => batch?.answers.filter((a) => a.change === change).length ?? 0;

  return (
    <Modal opened={opened} onClose={close} title="Import answers from a spreadsheet" size="xl" fullScreen={phone}>
      <Stack>
        <FileInput
          label="Workbook"
          description="xlsx, xlsm, xls, ods or csv: our template or your own layout"
          placeholder="Choose a file"
          value={file}
          onChange={choose}
          accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv"
        />
        {busy && <Text size="sm">Reading the file…</Text>}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {batch && (
          <>
            <Text size="sm">
              Found: <strong>{batch.layout}</strong> ({batch.format}, {batch.rowsRead} rows read)
            </Text>
            {batch.columns.sheets.map((sheet, i) => (
              <SimpleGrid key={sheet.sheet} cols={{ base: 2, sm: 4 }}>
                {FIELDS.map(({ field, label, optional }) => (
                  <Select
                    key={field}
                    label={`${sheet.sheet}: ${label}`}
                    data={columnChoices(sheet)}
                    clearable={optional}
                    allowDeselect={optional}
                    value={columnOf(sheet, field)?.toString() ?? null}
                    onChange={(v) => file && preview(file, withColumn(batch.columns, i, field, v === null ? null : Number(v)))}
                  />
                ))}
              </SimpleGrid>
            ))}
            <Group gap="xs">
              <Badge color="teal" variant="light">
                {counts('new')} new
              </Badge>
              <Badge color="indigo" variant="light">
                {counts('changed')} changed
              </Badge>
              <Badge color="gray" variant="light">
                {counts('unchanged')} unchanged
              </Badge>
              <Badge color={batch.invalid.length ? 'red' : 'gray'} variant="light">
                {batch.invalid.length} invalid
              </Badge>
              <Badge color={batch.unmatched.length ? 'orange' : 'gray'} variant="light">
                {batch.unmatched.length} unmatched rows
              </Badge>
            </Group>
            {batch.invalid.length > 0 && (
              <Alert color="red" title="Cells that cannot be read (they are left out)">
                <List size="sm">
                  {batch.invalid.map((p) => (
                    <List.Item key={p.cell + p.message}>
                      {p.cell}: {p.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {batch.unmatched.length > 0 && (
              <Alert color="orange" title="Rows that match no question: map them, or leave them out">
                <Stack gap={4}>
                  {batch.unmatched.slice(0, 20).map((u) => (
                    <Group key={u.cell} wrap="nowrap" justify="space-between">
                      <Text size="sm">
                        {u.cell}: {u.id} {u.text}
                      </Text>
                      <Select
                        size="xs"
                        w={220}
                        placeholder="Leave out"
                        clearable
                        searchable
                        aria-label={`Question for ${u.id}`}
                        data={questions.map((q) => ({ value: q.id, label: `${q.id} ${q.text.slice(0, 40)}` }))}
                        value={mapping[u.id] ?? null}
                        onChange={(v) => mapRow(u.id, v)}
                      />
                    </Group>
                  ))}
                </Stack>
              </Alert>
            )}
            {batch.notes.map((n) => (
              <Text size="xs" c="dimmed" key={n}>
                {n}
              </Text>
            ))}
            <ScrollArea h={220}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Question</Table.Th>
                    <Table.Th>Cell</Table.Th>
                    <Table.Th>Answer</Table.Th>
                    <Table.Th>Change</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {batch.answers.map((a) => (
                    <Table.Tr key={a.questionId}>
                      <Table.Td>{a.questionId}</Table.Td>
                      <Table.Td>{a.cell}</Table.Td>
                      <Table.Td>{a.raw}</Table.Td>
                      <Table.Td>
                        {a.change}
                        {a.previous ? ` (was ${a.previous})` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            <Group justify="end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={apply} loading={committing.fetching} disabled={counts('new') + counts('changed') === 0}>
                Import {counts('new') + counts('changed')} answer(s)
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

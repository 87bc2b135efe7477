// Asking only the gaps: from a supplier's own questionnaire as recorded, a follow-up (a draft)
// with only the questions of one of our templates whose Annex A controls it left open or
// answered short. The result says how many are asked and why each is asked or not, and leads
// to the draft, which is then sent like any assessment; its score counts both questionnaires.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router-dom';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { CreateGapAssessmentMutation } from '../../gql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { type GapFilter, gapFilters, gapReasons, gapSentence, gapShown, sendableTemplates } from '../../lib/foreignQuestionnaire';
import { offsetPage } from '../../lib/registerImport';
import { Pager } from '../Pager';

const TEMPLATES = graphql(`
  query GapTemplates {
    questionnaireTemplates {
      id
      slug
      title
      shipped
      basedOn
      latestPublished {
        id
        version
        questionCount
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateGapAssessment($input: NewGapAssessment!) {
    createGapAssessment(input: $input) {
      assessment {
        id
        status
        templateTitle
        followsAssessmentId
      }
      questions {
        questionId
        asked
        reason
      }
    }
  }
`);

const PAGE_SIZE = 20;

export function GapAssessmentModal({
  assessmentId,
  questionnaire,
  opened,
  onClose,
}: {
  /** The assessment holding the supplier's own questionnaire. */
  assessmentId: string;
  /** Its name, e.g. "CSA CAIQ v4.0.2". */
  questionnaire: string;
  opened: boolean;
  onClose: () => void;
}) {
  const [{ data, error: loadError }] = useQuery({ query: TEMPLATES, pause: !opened });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState('');
  const [message, setMessage] = useState('');
  const [filter, setFilter] = useState<GapFilter>('ASKED');
  const [page, setPage] = useState(0);
  const [created, create] = useMutation(CREATE);
  // This opening's outcome: the follow-up prepared, or why not (a new opening starts afresh).
  const [result, setResult] = useState<CreateGapAssessmentMutation['createGapAssessment'] | null>(null);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const phone = useMediaQuery('(max-width: 48em)');
  const fields = fieldErrors(failure);
  const fieldMessage = fields['input.templateId'] ?? fields['input.dueDate'] ?? fields['input.message'];
  const otherError = failure && !fieldMessage ? errorMessage(failure) : null;
  const options = sendableTemplates(data?.questionnaireTemplates ?? []).map((t) => ({
    value: t.id,
    label: `${t.title} (v${t.latestPublished!.version}, ${t.latestPublished!.questionCount} questions)`,
  }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!templateId) return;
    setFilter('ASKED');
    setPage(0);
    const answer = await create(
      { input: { assessmentId, templateId, dueDate: dueDate || null, message: message.trim() || null } },
      { additionalTypenames: ['Assessment', 'QuestionnaireTemplate'] },
    );
    setFailure(answer.error);
    setResult(answer.data?.createGapAssessment ?? null);
  };
  const close = () => {
    setResult(null);
    setFailure(undefined);
    setTemplateId(null);
    setDueDate('');
    setMessage('');
    onClose();
  };

  const shown = result ? gapShown(result.questions, filter) : [];
  const paging = offsetPage(page, PAGE_SIZE, shown.length);
  const rows = shown.slice(paging.offset, paging.offset + PAGE_SIZE);

  return (
    <Modal opened={opened} onClose={close} title="Ask only the gaps" size="xl" fullScreen={phone}>
      {result ? (
        <Stack>
          <Alert color="teal" title="Follow-up prepared as a draft" data-gap>
            <Text size="sm">{gapSentence(result.questions)}</Text>
            <Text size="sm">Open it to send it to the supplier like any assessment; its score counts the answers of both questionnaires.</Text>
          </Alert>
          <Anchor component={Link} to={`/assessments/${result.assessment.id}`} onClick={close} fw={600}>
            Open the draft follow-up: {result.assessment.templateTitle}
          </Anchor>
          <Title order={3} size="h4">
            Why each question is asked or not
          </Title>
          <List size="sm" aria-label="Reasons">
            {gapReasons(result.questions, questionnaire).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <SegmentedControl
            aria-label="Questions shown"
            data={gapFilters(result.questions)}
            value={filter}
            onChange={(value) => {
              setFilter(value as GapFilter);
              setPage(0);
            }}
            size="xs"
          />
          <Table verticalSpacing={6} aria-label="Questions of the follow-up" data-gap-questions={filter}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="1%" style={{ whiteSpace: 'nowrap' }}>
                  Question
                </Table.Th>
                <Table.Th w="1%" style={{ whiteSpace: 'nowrap' }}>
                  Decision
                </Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((q) => (
                <Table.Tr key={q.questionId} data-question={q.questionId} data-asked={q.asked}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" fw={600}>
                      {q.questionId}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={q.asked ? 'indigo' : 'gray'} variant="light" style={{ minWidth: 'max-content' }}>
                      {q.asked ? 'asked' : 'not asked'}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm">{q.reason}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      No question of this kind.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          <Pager
            pages={paging.pages}
            onChange={(next) => setPage(next.page)}
            size={PAGE_SIZE}
            shown={rows.length}
            total={shown.length}
            pageInfo={paging.pageInfo}
          />
          <Group justify="end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              Only the questions of the chosen questionnaire whose Annex A controls {questionnaire} left open or answered short are asked; the follow-up is a
              draft to send like any assessment.
            </Text>
            {(loadError || otherError) && (
              <Alert color="red" role="alert">
                {otherError ?? errorMessage(loadError)}
              </Alert>
            )}
            <Select
              label="Your questionnaire to ask from"
              description="Shipped or your own, published; questionnaires generated from a supplier's file are not offered."
              required
              searchable
              data={options}
              value={templateId}
              onChange={setTemplateId}
              error={fields['input.templateId']}
            />
            <TextInput label="Due date" type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={fields['input.dueDate']} />
            <Textarea
              label="Message to the supplier"
              autosize
              minRows={2}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={fields['input.message']}
            />
            <Group justify="end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={created.fetching} disabled={!templateId}>
                Prepare the follow-up
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

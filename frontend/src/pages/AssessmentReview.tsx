// Reviewing an assessment: every answer beside its question, with its documents; accept an
// answer or ask for a change with a note, return the questionnaire or complete it. After
// completion the score and the findings it opened are a click away on the supplier's page.
// A supplier's own questionnaire (CAIQ, HECVAT, SoA) shows its Annex A coverage and prepares a
// follow-up asking only its gaps; a follow-up says which questionnaire it follows; a draft is
// sent from here.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AssessmentStatus } from '../gql/graphql';
import { Loading } from '../App';
import { usePermissions } from '../auth/permissions';
import { errorMessage } from '../lib/errors';
import { ImportWizard } from '../components/ImportWizard';
import { Invitations } from '../components/Invitations';
import { words } from '../lib/format';
import { readableAnswer } from '../lib/answers';
import { DocumentLink } from '../components/DocumentLink';
import { SendQuestionnaireModal } from '../components/SendQuestionnaireModal';
import { FollowUpNote } from '../components/supplierQuestionnaire/FollowUpNote';
import { QuestionnaireCoverageSection } from '../components/supplierQuestionnaire/QuestionnaireCoverageSection';

const ASSESSMENT = graphql(`
  query AssessmentReview($id: UUID!) {
    assessment(id: $id) {
      id
      status
      allowedNextStatuses
      templateTitle
      dueDate
      submittedAt
      completedAt
      followsAssessmentId
      questionnaireCoverage {
        ...QuestionnaireCoverageFields
      }
      supplier {
        id
        legalName
        contacts {
          id
          name
          email
        }
      }
      sections {
        id
        title
        questions {
          id
          text
          scored
          knockOut
          answerType
          options {
            value
            label
          }
        }
      }
      answers {
        questionId
        value
        canonicalValue
        comment
        verdict
        reviewNote
        source
      }
      evidence {
        id
        questionId
        fileName
        downloadPath
      }
    }
  }
`);

const REVIEW = graphql(`
  mutation ReviewAnswer($id: UUID!, $question: String!, $verdict: AnswerVerdict!, $note: String) {
    reviewAssessmentAnswer(id: $id, questionId: $question, verdict: $verdict, note: $note) {
      questionId
      verdict
      reviewNote
    }
  }
`);

/** Moves that cannot be taken back, and what confirming them means. */
const FINAL: Partial<Record<AssessmentStatus, string>> = {
  COMPLETED: 'The answers are scored, the findings they call for are opened, and the assessment can no longer change.',
  CANCELLED: 'The supplier can no longer answer, and nothing is scored. This cannot be undone.',
};

const STATUS = graphql(`
  mutation ChangeAssessmentStatus($id: UUID!, $status: AssessmentStatus!, $note: String) {
    changeAssessmentStatus(id: $id, status: $status, note: $note) {
      id
      status
      allowedNextStatuses
      completedAt
    }
  }
`);

const ACTION: Partial<Record<AssessmentStatus, string>> = {
  IN_REVIEW: 'Start review',
  RETURNED: 'Return to the supplier',
  COMPLETED: 'Complete and score',
  CANCELLED: 'Cancel the assessment',
};

export default function AssessmentReview() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ASSESSMENT, variables: { id } });
  const [, review] = useMutation(REVIEW);
  const [moving, move] = useMutation(STATUS);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [overall, setOverall] = useState('');
  const [importing, setImporting] = useState(false);
  const [sending, setSending] = useState(false);
  const [confirming, setConfirming] = useState<AssessmentStatus | null>(null);
  const [accepting, setAccepting] = useState(false);
  const { canWrite } = usePermissions();
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const { assessment } = data;
  const answers = new Map(assessment.answers.map((a) => [a.questionId, a]));
  const reviewing = canWrite && assessment.status === 'IN_REVIEW';

  const judge = async (question: string, verdict: 'ACCEPTED' | 'NEEDS_CHANGE') => {
    const result = await review({ id, question, verdict, note: notes[question]?.trim() || null });
    if (result.error) notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(result.error) });
    else refetch({ requestPolicy: 'network-only' });
  };
  // Every answer without a verdict yet, accepted in one go (a note typed beside one goes with it).
  const unjudged = assessment.sections.flatMap((s) => s.questions).filter((q) => answers.has(q.id) && !answers.get(q.id)?.verdict);
  const acceptRemaining = async () => {
    setAccepting(true);
    for (const q of unjudged) {
      const result = await review({ id, question: q.id, verdict: 'ACCEPTED', note: notes[q.id]?.trim() || null });
      if (result.error) {
        notifications.show({ color: 'red', title: `${q.id} not accepted`, message: errorMessage(result.error) });
        break;
      }
    }
    setAccepting(false);
    refetch({ requestPolicy: 'network-only' });
  };
  const changeStatus = async (status: AssessmentStatus) => {
    setConfirming(null);
    const result = await move({ id, status, note: overall.trim() || null });
    if (result.error) notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(result.error) });
    else {
      notifications.show({ color: 'teal', title: 'Assessment updated', message: `Now ${words(status)}.` });
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Title order={1} size="h2">
            {assessment.templateTitle}
          </Title>
          <Text c="dimmed">
            {assessment.supplier && (
              <Anchor component={Link} to={`/suppliers/${assessment.supplier.id}`}>
                {assessment.supplier.legalName}
              </Anchor>
            )}
            {assessment.dueDate ? ` · due ${assessment.dueDate}` : ''}
            {assessment.submittedAt ? ` · submitted ${assessment.submittedAt.slice(0, 10)}` : ''}
          </Text>
        </div>
        <Group>
          {canWrite && assessment.status === 'DRAFT' && assessment.supplier && (
            <Button size="xs" onClick={() => setSending(true)} disabled={!assessment.supplier.contacts.length}>
              Send to the supplier
            </Button>
          )}
          {canWrite && ['DRAFT', 'SENT', 'IN_PROGRESS', 'RETURNED'].includes(assessment.status) && (
            <Button size="xs" variant="default" onClick={() => setImporting(true)}>
              Import answers from a spreadsheet
            </Button>
          )}
          <Badge size="lg" variant="light">
            {words(assessment.status)}
          </Badge>
        </Group>
      </Group>
      <ImportWizard
        assessmentId={assessment.id}
        questions={assessment.sections.flatMap((s) => s.questions)}
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={() => refetch({ requestPolicy: 'network-only' })}
      />
      {assessment.supplier && assessment.status === 'DRAFT' && (
        <SendQuestionnaireModal
          supplierId={assessment.supplier.id}
          contacts={assessment.supplier.contacts}
          draft={{ id: assessment.id, title: assessment.templateTitle }}
          opened={sending}
          onClose={() => setSending(false)}
          onSent={() => {
            setSending(false);
            notifications.show({ color: 'teal', title: 'Sent', message: 'The respondents get their links by e-mail.' });
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {assessment.followsAssessmentId && <FollowUpNote followsAssessmentId={assessment.followsAssessmentId} />}
      {assessment.status === 'COMPLETED' && assessment.supplier && (
        <Alert color="teal" title="Completed">
          The score and the findings this assessment opened are on{' '}
          <Anchor component={Link} to={`/suppliers/${assessment.supplier.id}`}>
            the supplier's page
          </Anchor>
          .
        </Alert>
      )}
      {canWrite && assessment.allowedNextStatuses.length > 0 && (
        <Card withBorder>
          <Stack gap="xs">
            {assessment.allowedNextStatuses.includes('RETURNED') && (
              <Textarea
                label="Note to the supplier (when returning)"
                autosize
                minRows={1}
                value={overall}
                onChange={(e) => setOverall(e.currentTarget.value)}
              />
            )}
            <Group>
              {assessment.allowedNextStatuses
                .filter((s) => ACTION[s])
                .map((s) => (
                  <Button
                    key={s}
                    variant={s === 'COMPLETED' ? 'filled' : 'default'}
                    color={s === 'CANCELLED' ? 'red' : undefined}
                    loading={moving.fetching}
                    onClick={() => (FINAL[s] ? setConfirming(s) : changeStatus(s))}
                  >
                    {ACTION[s]}
                  </Button>
                ))}
              {reviewing && unjudged.length > 0 && (
                <Button variant="light" color="teal" loading={accepting} onClick={acceptRemaining}>
                  Accept all remaining ({unjudged.length})
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={confirming ? `${ACTION[confirming]}?` : ''}>
        <Stack>
          <Text size="sm">{confirming && FINAL[confirming]}</Text>
          {confirming === 'COMPLETED' && unjudged.length > 0 && (
            <Text size="sm">{unjudged.length} answer(s) have no verdict yet; they are scored as answered.</Text>
          )}
          <Group justify="end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Go back
            </Button>
            <Button color={confirming === 'CANCELLED' ? 'red' : undefined} loading={moving.fetching} onClick={() => confirming && changeStatus(confirming)}>
              {confirming && ACTION[confirming]}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {assessment.questionnaireCoverage && (
        <QuestionnaireCoverageSection
          assessmentId={assessment.id}
          supplierId={assessment.supplier?.id ?? null}
          coverage={assessment.questionnaireCoverage}
          canWrite={canWrite}
        />
      )}
      <Invitations assessmentId={assessment.id} />
      {assessment.sections.map((section) => (
        <Card withBorder key={section.id}>
          <Title order={2} size="h4" mb="sm">
            {section.title}
          </Title>
          <Stack>
            {section.questions.map((q) => {
              const answer = answers.get(q.id);
              const documents = assessment.evidence.filter((e) => e.questionId === q.id);
              return (
                <div key={q.id} data-question={q.id}>
                  <Text size="sm" fw={600}>
                    {q.id} {q.text}{' '}
                    {q.knockOut && (
                      <Badge size="xs" color="red" variant="light">
                        knock-out
                      </Badge>
                    )}
                  </Text>
                  <Group gap="xs" mt={4}>
                    <Text size="sm">
                      {answer ? (
                        <strong>{readableAnswer(q, answer.canonicalValue)}</strong>
                      ) : (
                        <Text span c="dimmed">
                          not answered
                        </Text>
                      )}
                    </Text>
                    {answer && answer.value.trim().toLowerCase() !== answer.canonicalValue.toLowerCase() && (
                      <Text size="xs" c="dimmed">
                        written “{answer.value}”{answer.source === 'SPREADSHEET' ? ' in their spreadsheet' : answer.source === 'API' ? ' through the API' : ''}
                      </Text>
                    )}
                    {answer?.verdict && (
                      <Badge size="sm" color={answer.verdict === 'ACCEPTED' ? 'teal' : 'yellow'}>
                        {words(answer.verdict)}
                      </Badge>
                    )}
                  </Group>
                  {answer?.comment && (
                    <Text size="sm" c="dimmed">
                      “{answer.comment}”
                    </Text>
                  )}
                  {documents.map((d) => (
                    <DocumentLink key={d.id} document={d} />
                  ))}
                  {answer?.reviewNote && (
                    <Text size="sm" c="yellow.8">
                      Note: {answer.reviewNote}
                    </Text>
                  )}
                  {reviewing && answer && (
                    <Group gap="xs" mt={4} align="end">
                      <Textarea
                        aria-label={`Note on ${q.id}`}
                        placeholder="Note for the supplier"
                        autosize
                        minRows={1}
                        w={320}
                        value={notes[q.id] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setNotes((n) => ({ ...n, [q.id]: value }));
                        }}
                      />
                      <Button size="compact-sm" variant="light" color="teal" onClick={() => judge(q.id, 'ACCEPTED')}>
                        Accept
                      </Button>
                      <Button size="compact-sm" variant="light" color="yellow" onClick={() => judge(q.id, 'NEEDS_CHANGE')}>
                        Needs change
                      </Button>
                    </Group>
                  )}
                </div>
              );
            })}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

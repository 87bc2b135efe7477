// One finding as an analyst works it: titled as a shortfall, with the question and answer
// behind it, severity and due date (overdue marked), the remediation owner, plan and due date
// to edit, the supplier's notes and proof, comments, the moves it allows (each with a comment;
// verifying beside the proof) and its history.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { FindingStatus } from '../gql/graphql';
import { Loading } from '../App';
import { useViewer } from '../auth/permissions';
import { AcceptRiskModal, MoveFindingModal, type MoveTarget } from '../components/findings/FindingMoves';
import { FindingBasisCard } from '../components/findings/FindingBasis';
import { FindingHistory } from '../components/findings/FindingHistory';
import { RemediationForm } from '../components/findings/RemediationForm';
import { SEVERITY_COLOR } from '../components/findings/severity';
import { errorMessage } from '../lib/errors';
import { words } from '../lib/format';
import { DocumentLink } from '../components/DocumentLink';

const FINDING = graphql(`
  query FindingPage($id: UUID!) {
    finding(id: $id) {
      id
      title
      severity
      status
      dueDate
      overdue
      knockOut
      source
      isoControls
      nis2
      remediationPlan
      riskReason
      riskAcceptedUntil
      resolvedAt
      verifiedAt
      allowedNextStatuses
      supplier {
        id
        legalName
      }
      owner {
        id
        email
      }
      contact {
        name
        email
      }
      basis {
        question {
          id
          text
          help
          answerType
          compliantAnswers
          options {
            value
            label
          }
        }
        answer {
          value
          canonicalValue
          comment
          source
          updatedAt
        }
        evidence {
          id
          fileName
          downloadPath
        }
      }
      comments {
        id
        author
        authorKind
        body
        createdAt
      }
      evidence {
        id
        fileName
        downloadPath
        createdAt
      }
    }
  }
`);

const COMMENT = graphql(`
  mutation AnalystCommentOnFinding($id: UUID!, $body: String!) {
    commentOnFinding(findingId: $id, body: $body) {
      id
    }
  }
`);

const SETTLED: FindingStatus[] = ['VERIFIED', 'RISK_ACCEPTED'];
const SOURCE: Record<string, string> = { ASSESSMENT: 'from an answer given online', IMPORT: 'from an imported answer', MANUAL: 'raised by hand' };

export default function FindingPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FINDING, variables: { id } });
  const { canWrite, canAdminister } = useViewer();
  const [moving, setMoving] = useState<MoveTarget | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [note, setNote] = useState('');
  const [revision, setRevision] = useState(0);
  const [commenting, comment] = useMutation(COMMENT);
  const finding = data?.finding;
  if (!finding) return fetching ? <Loading /> : <Text role="alert">{errorMessage(error) ?? 'No such finding.'}</Text>;
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    setRevision((r) => r + 1);
  };
  const notes = finding.comments.filter((c) => c.authorKind === 'RESPONDENT').map((c) => c.body);
  const moveTo = (to: FindingStatus): MoveTarget => ({ id: finding.id, title: finding.title, to, proof: finding.evidence, notes: notes.slice(-3) });
  // The board sends "verified" here, so that the proof is in view before it is confirmed.
  const asked = params.get('verify') === '1' && finding.allowedNextStatuses.includes('VERIFIED');
  const target = moving ?? (asked ? moveTo('VERIFIED') : null);
  const closeMove = () => {
    setMoving(null);
    if (asked) setParams({}, { replace: true });
    refresh();
  };
  const send = async () => {
    const result = await comment({ id: finding.id, body: note });
    if (!result.error) {
      setNote('');
      refresh();
    }
  };

  return (
    <Stack>
      <Stack gap={4}>
        <Anchor component={Link} to="/findings" size="sm">
          ← Findings
        </Anchor>
        <Title order={1} size="h2">
          {finding.title}
        </Title>
        <Group gap="xs">
          <Badge color={SEVERITY_COLOR[finding.severity]} variant="light">
            {words(finding.severity)}
          </Badge>
          <Badge variant="outline">{words(finding.status)}</Badge>
          {finding.overdue && (
            <Badge color="red" variant="filled">
              overdue
            </Badge>
          )}
          {finding.knockOut && <Badge color="red">knock-out</Badge>}
          <Text size="sm" c="dimmed">
            {finding.supplier && (
              <Anchor component={Link} to={`/suppliers/${finding.supplier.id}`} underline="always">
                {finding.supplier.legalName}
              </Anchor>
            )}{' '}
            · due {finding.dueDate} · {SOURCE[finding.source] ?? finding.source}
            {finding.isoControls.length > 0 && ` · ISO/IEC 27001 ${finding.isoControls.join(', ')}`}
            {finding.nis2.length > 0 && ` · NIS 2 ${finding.nis2.join(', ')}`}
          </Text>
        </Group>
        {finding.status === 'RISK_ACCEPTED' && (
          <Text size="sm">
            Risk accepted until {finding.riskAcceptedUntil}: {finding.riskReason}
          </Text>
        )}
      </Stack>
      {canWrite && (
        <Group gap="xs">
          {finding.allowedNextStatuses.map((to) => (
            <Button key={to} variant={to === 'VERIFIED' ? 'filled' : 'light'} onClick={() => setMoving(moveTo(to))}>
              {to === 'OPEN' ? 'Reopen' : `Mark ${words(to)}`}
            </Button>
          ))}
          {canAdminister && !SETTLED.includes(finding.status) && (
            <Button variant="light" color="orange" onClick={() => setAccepting(true)}>
              Accept the risk
            </Button>
          )}
        </Group>
      )}
      <MoveFindingModal target={target} onClose={closeMove} />
      <AcceptRiskModal
        target={accepting ? finding : null}
        onClose={() => {
          setAccepting(false);
          refresh();
        }}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <FindingBasisCard basis={finding.basis} />
        <RemediationForm finding={finding} editable={canWrite} onSaved={refresh} />
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Proof of the fix
          </Title>
          {finding.evidence.length === 0 && (
            <Text size="sm" c="dimmed">
              No document yet. The supplier attaches them through its link when it marks the finding resolved.
            </Text>
          )}
          {finding.evidence.map((d) => (
            <DocumentLink key={d.id} document={d} />
          ))}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Comments
          </Title>
          {finding.comments.length === 0 && (
            <Text size="sm" c="dimmed">
              No comment yet.
            </Text>
          )}
          {finding.comments.map((c) => (
            <Text size="sm" key={c.id} data-comment>
              <strong>{c.authorKind === 'RESPONDENT' ? `Supplier (${c.author.replace(/^respondent:/, '')})` : c.author}</strong>{' '}
              <Text span c="dimmed" size="xs">
                {new Date(c.createdAt).toLocaleString()}
              </Text>
              : {c.body}
            </Text>
          ))}
          {canWrite && (
            <Group align="end">
              <Textarea
                label="Comment for the supplier"
                autosize
                minRows={1}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button variant="default" disabled={!note.trim()} loading={commenting.fetching} onClick={send}>
                Send comment
              </Button>
            </Group>
          )}
          {commenting.error && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(commenting.error)}
            </Text>
          )}
        </Stack>
      </Card>
      <FindingHistory findingId={finding.id} revision={revision} />
    </Stack>
  );
}

// The supplier's remediation through its link: each finding of the assessment with what to
// fix and by when, progress reported, documents proving the fix and the exchange with the
// organisation. Resolving needs a document; verifying is the organisation's.
import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { errorMessage } from '../lib/errors';
import { uploadThroughGraphql } from '../lib/evidence';
import { words } from '../lib/format';

const FINDINGS = graphql(`
  query RespondentFindings {
    respondentFindings {
      id
      title
      severity
      status
      dueDate
      isoControls
      remediationPlan
      allowedNextStatuses
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
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation RespondentUpdateFinding($id: UUID!, $status: FindingStatus!) {
    respondentUpdateFinding(id: $id, status: $status) {
      id
      status
      allowedNextStatuses
    }
  }
`);

const COMMENT = graphql(`
  mutation CommentOnFinding($id: UUID!, $body: String!) {
    commentOnFinding(findingId: $id, body: $body) {
      id
    }
  }
`);

const UPLOAD = `mutation UploadFindingEvidence($id: UUID!, $file: Upload!) { uploadFindingEvidence(findingId: $id, file: $file) { id } }`;

const ACTION: Record<string, string> = { IN_PROGRESS: 'Working on it', RESOLVED: 'Mark resolved' };

export function SupplierRemediation() {
  const [{ data }, refetch] = useQuery({ query: FINDINGS });
  const [updating, update] = useMutation(UPDATE);
  const [, comment] = useMutation(COMMENT);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string | null>>({});
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const findings = data?.respondentFindings ?? [];
  if (!findings.length) return null;

  const act = async (id: string, run: () => Promise<string | null>) => {
    const problem = await run();
    setProblems((p) => ({ ...p, [id]: problem }));
    if (!problem) refresh();
  };

  return (
    <Stack>
      <Title order={2} size="h3">
        Remediation
      </Title>
      <Text c="dimmed">
        The review found these points. Report your progress, attach a document that proves each fix, and mark it resolved; the organisation then verifies it.
      </Text>
      {findings.map((f) => (
        <Card withBorder key={f.id} data-finding={f.id}>
          <Stack gap="xs">
            <Group justify="space-between" align="start">
              <Text fw={600}>{f.title}</Text>
              <Group gap={4}>
                <Badge variant="light">{words(f.severity)}</Badge>
                <Badge variant="outline">{words(f.status)}</Badge>
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              Due {f.dueDate}
              {f.isoControls.length ? ` · ISO/IEC 27001 ${f.isoControls.join(', ')}` : ''}
            </Text>
            {f.remediationPlan && <Text size="sm">Agreed plan: {f.remediationPlan}</Text>}
            {f.evidence.map((d) => (
              <Text size="sm" key={d.id}>
                Document: {d.fileName}
              </Text>
            ))}
            {f.comments.map((c) => (
              <Text size="sm" key={c.id}>
                <strong>{c.authorKind === 'RESPONDENT' ? 'You' : c.author}:</strong> {c.body}
              </Text>
            ))}
            {problems[f.id] && (
              <Alert color="red" role="alert">
                {problems[f.id]}
              </Alert>
            )}
            {f.allowedNextStatuses.length > 0 && (
              <>
                <FileInput
                  aria-label={`Document proving the fix of ${f.title}`}
                  placeholder="Attach a document proving the fix"
                  value={null}
                  onChange={(file) => file && act(f.id, () => uploadThroughGraphql(UPLOAD, { id: f.id }, file))}
                />
                <Textarea
                  aria-label={`Comment on ${f.title}`}
                  placeholder="A note for the organisation"
                  autosize
                  minRows={1}
                  value={drafts[f.id] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setDrafts((d) => ({ ...d, [f.id]: value }));
                  }}
                />
                <Group gap="xs">
                  <Button
                    variant="default"
                    disabled={!drafts[f.id]?.trim()}
                    onClick={() =>
                      act(f.id, async () => {
                        const r = await comment({ id: f.id, body: drafts[f.id] });
                        if (!r.error) setDrafts((d) => ({ ...d, [f.id]: '' }));
                        return r.error ? errorMessage(r.error) : null;
                      })
                    }
                  >
                    Send note
                  </Button>
                  {f.allowedNextStatuses.map((to) => (
                    <Button
                      key={to}
                      loading={updating.fetching}
                      onClick={() =>
                        act(f.id, async () => {
                          const r = await update({ id: f.id, status: to });
                          return r.error ? errorMessage(r.error) : null;
                        })
                      }
                    >
                      {ACTION[to] ?? words(to)}
                    </Button>
                  ))}
                </Group>
              </>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

// The respondents invited to an assessment and where each link stands: sent when and by whom
// (from the audit log, the invitation itself does not say), opened, expired, revoked or
// replaced. Resending e-mails a new link and revokes the earlier one; revoking ends a
// respondent's access at once. Viewers see the list only.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type CombinedError, useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AssessmentStatus } from '../gql/graphql';
import { usePermissions } from '../auth/permissions';
import { actorName } from '../lib/audit';
import { errorMessage, fieldErrors } from '../lib/errors';
import { words } from '../lib/format';

const INVITATIONS = graphql(`
  query AssessmentInvitations($id: UUID!) {
    assessment(id: $id) {
      id
      status
      sections {
        id
        title
      }
      invitations {
        id
        name
        email
        contactId
        expiresAt
        revokedAt
        lastUsedAt
        sections
        delegatedBy
      }
    }
  }
`);

// An invitation is written by one of three actions; its audit event holds when and by whom.
const SENT = graphql(`
  query InvitationSent($id: UUID!) {
    created: auditEvents(filter: { objectType: "invitation", objectId: $id, action: "invitation.create" }, first: 1) {
      nodes {
        createdAt
        actorLabel
      }
    }
    resent: auditEvents(filter: { objectType: "invitation", objectId: $id, action: "invitation.resend" }, first: 1) {
      nodes {
        createdAt
        actorLabel
        changes
      }
    }
    delegated: auditEvents(filter: { objectType: "invitation", objectId: $id, action: "invitation.delegate" }, first: 1) {
      nodes {
        createdAt
        actorLabel
      }
    }
  }
`);

const RESEND = graphql(`
  mutation ResendInvitation($id: UUID!) {
    resendInvitation(id: $id) {
      id
      email
      expiresAt
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokeInvitation($id: UUID!) {
    revokeInvitation(id: $id) {
      id
      revokedAt
    }
  }
`);

/** The API refuses to resend for these: nothing is left to answer (or nothing was sent). */
const CLOSED: AssessmentStatus[] = ['DRAFT', 'COMPLETED', 'CANCELLED'];

interface Sent {
  at: string;
  by: string;
  how: 'sent' | 'resent' | 'delegated';
  /** For a resent invitation: the one it replaced. */
  replaces?: string;
}

/** When and by whom each invitation was sent, read from the audit log once per invitation;
 * `ready` once that is known for the invitations listed now. */
function useSent(ids: string[]): { sent: Record<string, Sent>; ready: boolean } {
  const client = useClient();
  const key = ids.join(',');
  const [found, setFound] = useState<{ key: string | null; sent: Record<string, Sent> }>({ key: null, sent: {} });
  useEffect(() => {
    let current = true;
    const wanted = key.split(',').filter(Boolean);
    Promise.all(
      wanted.map(async (id): Promise<[string, Sent | null]> => {
        const { data } = await client.query(SENT, { id }).toPromise();
        const created = data?.created.nodes[0];
        const resent = data?.resent.nodes[0];
        const delegated = data?.delegated.nodes[0];
        if (resent) {
          const replaces = (resent.changes as { replaces?: unknown } | null)?.replaces;
          return [id, { at: resent.createdAt, by: resent.actorLabel, how: 'resent', replaces: typeof replaces === 'string' ? replaces : undefined }];
        }
        if (delegated) return [id, { at: delegated.createdAt, by: delegated.actorLabel, how: 'delegated' }];
        if (created) return [id, { at: created.createdAt, by: created.actorLabel, how: 'sent' }];
        return [id, null];
      }),
    ).then((found) => {
      if (!current) return;
      const known: Record<string, Sent> = {};
      for (const [id, s] of found) if (s) known[id] = s;
      setFound({ key, sent: known });
    });
    return () => {
      current = false;
    };
  }, [client, key]);
  return { sent: found.sent, ready: found.key === key };
}

type Invitation = { id: string; name: string; email: string; expiresAt: string; revokedAt?: string | null; lastUsedAt?: string | null };

function standing(invitation: Invitation, replaced: boolean, now: number): { label: string; color: string } {
  if (replaced) return { label: 'replaced', color: 'gray' };
  if (invitation.revokedAt) return { label: 'revoked', color: 'red' };
  if (new Date(invitation.expiresAt).getTime() <= now) return { label: 'expired', color: 'orange' };
  if (invitation.lastUsedAt) return { label: 'opened', color: 'teal' };
  return { label: 'not opened yet', color: 'blue' };
}

const when = (instant?: string | null) => (instant ? new Date(instant).toLocaleString() : '—');

/** The refusal in words, without the API's field name in front. */
const refusal = (error: CombinedError) => fieldErrors(error).id ?? errorMessage(error) ?? 'Something went wrong.';

export function Invitations({ assessmentId }: { assessmentId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: INVITATIONS, variables: { id: assessmentId } });
  const [resending, resend] = useMutation(RESEND);
  const [revoking, revoke] = useMutation(REVOKE);
  const { canWrite } = usePermissions();
  const [confirming, setConfirming] = useState<Invitation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const invitations = data?.assessment.invitations ?? [];
  // Until it is known which links were replaced, none is offered for resending: resending a
  // replaced link would leave the respondent two.
  const { sent, ready } = useSent(invitations.map((i) => i.id));
  const [now] = useState(() => Date.now());
  if (!data) {
    return error ? (
      <Alert color="red" role="alert" title="Invitations cannot be shown">
        {errorMessage(error)}
      </Alert>
    ) : null;
  }
  const { assessment } = data;
  const closed = CLOSED.includes(assessment.status);
  const replacedBy = new Map(Object.entries(sent).flatMap(([id, s]) => (s.replaces ? [[s.replaces, id] as const] : [])));
  const names = new Map(invitations.map((i) => [i.id, i.name]));
  const sectionTitle = (id: string) => assessment.sections.find((s) => s.id === id)?.title ?? id;

  const again = async (invitation: Invitation) => {
    setProblem(null);
    setBusy(invitation.id);
    const result = await resend({ id: invitation.id });
    setBusy(null);
    if (result.error) {
      setProblem(`Not resent to ${invitation.email}: ${refusal(result.error)}`);
      return;
    }
    notifications.show({
      color: 'teal',
      title: 'New link sent',
      message: `${invitation.email} gets a new link by e-mail; the earlier link no longer works.`,
    });
    refetch({ requestPolicy: 'network-only' });
  };
  const end = async (invitation: Invitation) => {
    setProblem(null);
    const result = await revoke({ id: invitation.id });
    setConfirming(null);
    if (result.error) {
      setProblem(`Not revoked for ${invitation.email}: ${refusal(result.error)}`);
      return;
    }
    notifications.show({ color: 'teal', title: 'Link revoked', message: `${invitation.name} can no longer open the questionnaire.` });
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Invitations
        </Title>
        {canWrite && (
          <Text size="sm" c="dimmed">
            Resend e-mails the respondent a new link and revokes the earlier one: the old link stops working, and so does any session opened with it. Revoke
            ends a respondent's access at once.
          </Text>
        )}
        {canWrite && closed && invitations.length > 0 && (
          <Text size="sm" c="dimmed">
            The assessment is {words(assessment.status)}: there is nothing left to answer, so links cannot be resent.
          </Text>
        )}
        {problem && (
          <Alert color="red" role="alert" withCloseButton closeButtonLabel="Dismiss the error" onClose={() => setProblem(null)}>
            {problem}
          </Alert>
        )}
        {invitations.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one has been invited yet{assessment.status === 'DRAFT' ? ': the assessment is a draft' : ''}.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Invitations" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Respondent</Table.Th>
                  <Table.Th>Sections</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Last opened</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  {canWrite && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.map((invitation) => {
                  const replaced = replacedBy.has(invitation.id);
                  const state = standing(invitation, replaced, now);
                  const how = sent[invitation.id];
                  const open = !invitation.revokedAt && state.label !== 'expired';
                  return (
                    <Table.Tr key={invitation.id} data-invitation={invitation.email} data-state={state.label}>
                      <Table.Td>
                        <Text size="sm">{invitation.name}</Text>
                        <Text size="xs" c="dimmed">
                          {invitation.email}
                        </Text>
                        {invitation.delegatedBy && (
                          <Text size="xs" c="dimmed">
                            colleague of {names.get(invitation.delegatedBy) ?? 'a respondent'}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{invitation.sections ? invitation.sections.map(sectionTitle).join(', ') : 'whole questionnaire'}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge color={state.color} variant="light">
                          {state.label}
                        </Badge>
                        {replaced && (
                          <Text size="xs" c="dimmed">
                            by a newer link
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{when(how?.at)}</Text>
                        {how && (
                          <Text size="xs" c="dimmed">
                            {how.how === 'resent' ? 'again, ' : how.how === 'delegated' ? 'delegated, ' : ''}by {actorName(how.by)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{when(invitation.lastUsedAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{new Date(invitation.expiresAt).toLocaleDateString()}</Text>
                      </Table.Td>
                      {canWrite && (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            {ready && !closed && !replaced && (
                              <Button
                                size="compact-xs"
                                variant="light"
                                aria-label={`Resend to ${invitation.name}`}
                                loading={resending.fetching && busy === invitation.id}
                                onClick={() => again(invitation)}
                              >
                                Resend
                              </Button>
                            )}
                            {open && (
                              <Button
                                size="compact-xs"
                                variant="light"
                                color="red"
                                aria-label={`Revoke ${invitation.name}'s link`}
                                onClick={() => setConfirming(invitation)}
                              >
                                Revoke
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={confirming ? `Revoke ${confirming.name}'s link?` : ''}>
        <Stack>
          <Text size="sm">
            {confirming?.name} ({confirming?.email}) loses access at once: the link stops working, and so does any session already opened with it (also for
            answering findings). Colleagues they handed sections to lose access with them.
          </Text>
          <Text size="sm">To let them answer again later, resend: that e-mails a new link.</Text>
          <Group justify="end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Go back
            </Button>
            <Button color="red" loading={revoking.fetching} onClick={() => confirming && end(confirming)}>
              Revoke the link
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

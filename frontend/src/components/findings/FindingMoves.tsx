// Moving a finding along its workflow, always with a comment saying why (it joins the finding's
// thread); verifying shows the supplier's proof first. Accepting a risk takes a reason and a
// date. Used by the findings board and the finding's page.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { FindingStatus } from '../../gql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { words } from '../../lib/format';
import { DocumentLink } from '../DocumentLink';

const CHANGE = graphql(`
  mutation ChangeFindingStatus($id: UUID!, $status: FindingStatus!, $comment: String) {
    changeFindingStatus(id: $id, status: $status, comment: $comment) {
      id
      status
      allowedNextStatuses
      resolvedAt
      verifiedAt
      comments {
        id
        author
        authorKind
        body
        createdAt
      }
    }
  }
`);

const ACCEPT = graphql(`
  mutation AcceptFindingRisk($id: UUID!, $reason: String!, $until: NaiveDate!) {
    acceptFindingRisk(id: $id, reason: $reason, until: $until) {
      id
      status
      riskReason
      riskAcceptedUntil
      allowedNextStatuses
    }
  }
`);

/** What a move asks for, by where it goes. */
const PROMPT: Partial<Record<FindingStatus, string>> = {
  VERIFIED: 'What did you check? (e.g. the restore test report of 3 March)',
  OPEN: 'Why does it reopen?',
  RESOLVED: 'How was it fixed?',
  IN_PROGRESS: 'What is being done, by whom?',
};

export interface Proof {
  id: string;
  fileName: string;
  downloadPath: string;
}

export interface MoveTarget {
  id: string;
  title: string;
  to: FindingStatus;
  /** The documents proving the fix, shown before verifying (absent: not known here). */
  proof?: readonly Proof[];
  /** The supplier's latest notes, shown before verifying. */
  notes?: readonly string[];
}

/** The dialog that moves a finding to `target.to` with a comment; closes on success. */
export function MoveFindingModal({ target: asked, onClose }: { target: MoveTarget | null; onClose: () => void }) {
  // The last target stays shown while the dialog fades out, so no button goes blank.
  const [last, setLast] = useState<MoveTarget | null>(asked);
  if (asked && asked !== last) setLast(asked);
  const target = asked ?? last;
  const [comment, setComment] = useState('');
  const [checked, setChecked] = useState(false);
  const [state, change] = useMutation(CHANGE);
  const problems = fieldErrors(state.error);
  const verifying = target?.to === 'VERIFIED';
  const proof = target?.proof;
  const close = () => {
    setComment('');
    setChecked(false);
    onClose();
  };
  const submit = async () => {
    if (!target) return;
    const result = await change({ id: target.id, status: target.to, comment });
    if (!result.error) {
      notifications.show({ color: 'teal', title: 'Finding updated', message: `Now ${words(target.to)}.` });
      close();
    }
  };
  const title = target ? (target.to === 'OPEN' ? 'Reopen the finding' : `Mark as ${words(target.to)}`) : '';
  return (
    <Modal opened={!!asked} onClose={close} title={title}>
      <Stack>
        <Text size="sm" fw={500}>
          {target?.title}
        </Text>
        {verifying && proof && (
          <Stack gap={4} data-proof>
            <Text size="sm" fw={500}>
              The supplier&apos;s proof
            </Text>
            {proof.length === 0 && (
              <Alert color="yellow" title="No document proves the fix">
                Verify only if you checked the fix another way, and say how.
              </Alert>
            )}
            {proof.map((d) => (
              <DocumentLink key={d.id} document={d} label="Open " />
            ))}
            {target?.notes?.map((n, i) => (
              <Text key={i} size="sm" c="dimmed">
                “{n}”
              </Text>
            ))}
            {proof.length > 0 && <Checkbox label="I have reviewed the proof" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} />}
          </Stack>
        )}
        {state.error && !problems.comment && <Alert color="red">{errorMessage(state.error)}</Alert>}
        <Textarea
          label="Comment"
          description={target ? PROMPT[target.to] : undefined}
          required
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={problems.comment}
        />
        <Group justify="end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button loading={state.fetching} disabled={!comment.trim() || (verifying && !!proof?.length && !checked)} onClick={submit}>
            {title}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The dialog in which an administrator accepts a finding's risk until a date, with the reason. */
export function AcceptRiskModal({ target, onClose }: { target: { id: string; title: string } | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [acceptance, accept] = useMutation(ACCEPT);
  const problems = fieldErrors(acceptance.error);
  const confirm = async () => {
    if (!target) return;
    const result = await accept({ id: target.id, reason, until });
    if (!result.error) {
      onClose();
      setReason('');
      notifications.show({ color: 'teal', title: 'Risk accepted', message: `Until ${until}; the finding reopens after that day.` });
    }
  };
  return (
    <Modal opened={!!target} onClose={onClose} title="Accept the risk">
      <Stack>
        <Text size="sm">{target?.title}</Text>
        {acceptance.error && !Object.keys(problems).length && <Alert color="red">{errorMessage(acceptance.error)}</Alert>}
        <Textarea
          label="Reason"
          description="Why the organisation lives with it, and what compensates."
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problems.reason}
        />
        <TextInput
          label="Accepted until"
          description="At most three years ahead; the finding reopens the day after."
          type="date"
          required
          value={until}
          onChange={(e) => setUntil(e.currentTarget.value)}
          error={problems.until}
        />
        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="orange" loading={acceptance.fetching} onClick={confirm} disabled={!until}>
            Accept risk
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

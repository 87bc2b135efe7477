// Sending a questionnaire to a supplier: a published template, the contacts who answer (each
// gets a personal link by e-mail), a due date and a message. A draft already prepared (a
// follow-up asking only the gaps of the supplier's own questionnaire) is sent the same way.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { sendableTemplates } from '../lib/foreignQuestionnaire';

const TEMPLATES = graphql(`
  query PublishedTemplates {
    questionnaireTemplates {
      id
      title
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
  mutation CreateAssessment($input: NewAssessment!) {
    createAssessment(input: $input) {
      id
    }
  }
`);

const SEND = graphql(`
  mutation SendAssessment($id: UUID!, $input: SendAssessmentInput!) {
    sendAssessment(id: $id, input: $input) {
      id
      status
    }
  }
`);

export function SendQuestionnaireModal({
  supplierId,
  contacts,
  draft,
  opened,
  onClose,
  onSent,
}: {
  supplierId: string;
  /** A draft assessment to send as it is, rather than a new one from a template. */
  draft?: { id: string; title: string };
  contacts: { id: string; name: string; email: string }[];
  opened: boolean;
  onClose: () => void;
  onSent: () => void;
}) {
  const [{ data }] = useQuery({ query: TEMPLATES, pause: !opened || !!draft });
  const [version, setVersion] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState('');
  const [message, setMessage] = useState('');
  const [created, create] = useMutation(CREATE);
  const [sent, send] = useMutation(SEND);
  // A draft created by a send that then failed is reused, never duplicated.
  const [newDraftId, setDraftId] = useState<string | null>(null);
  const draftId = draft?.id ?? newDraftId;
  const error = created.error ?? sent.error;
  const fields = fieldErrors(error);
  // Questionnaires generated from a supplier's file (and their follow-ups) are never sent afresh.
  const options = sendableTemplates(data?.questionnaireTemplates ?? []).map((t) => ({
    value: t.latestPublished!.id,
    label: `${t.title} (v${t.latestPublished!.version}, ${t.latestPublished!.questionCount} questions)`,
  }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    let id = draftId;
    if (!id) {
      if (!version) return;
      const made = await create({ input: { supplierId, templateVersionId: version, dueDate: dueDate || null, message: message.trim() || null } });
      id = made.data?.createAssessment.id ?? null;
      if (!id) return;
      setDraftId(id);
    }
    const answer = await send({ id, input: { respondentContactIds: chosen, dueDate: dueDate || null, message: message.trim() || null } });
    if (answer.data) onSent();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Send a questionnaire" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          {draft ? (
            <TextInput label="Questionnaire" value={draft.title} readOnly />
          ) : (
            <Select label="Questionnaire" required data={options} value={version} onChange={setVersion} searchable error={fields['input.templateVersionId']} />
          )}
          <Checkbox.Group
            label="Respondents"
            description="Each gets a personal link by e-mail."
            value={chosen}
            onChange={setChosen}
            error={fields['input.respondentContactIds']}
          >
            <Stack gap={4} mt={4}>
              {contacts.map((c) => (
                <Checkbox key={c.id} value={c.id} label={`${c.name} <${c.email}>`} />
              ))}
            </Stack>
          </Checkbox.Group>
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
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={created.fetching || sent.fetching} disabled={(!version && !draft) || chosen.length === 0}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// A business service registered or changed: its name, what it does, how critical it is (each
// level explained) and whether it is essential or important under NIS 2. The API's refusals,
// a name already taken among them, appear at their fields.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { CRITICALITY } from '../../lib/dependencies';
import { problemsAt, unplacedProblem } from '../../lib/problems';

const CREATE = graphql(`
  mutation CreateService($input: NewService!) {
    createService(input: $input) {
      id
      name
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateService($id: UUID!, $input: ServicePatch!) {
    updateService(id: $id, input: $input) {
      id
      name
      description
      criticality
      nis2Critical
    }
  }
`);

export interface ServiceFields {
  id: string;
  name: string;
  description?: string | null;
  criticality: number;
  nis2Critical: boolean;
}

const FIELDS = ['input.name', 'input.description', 'input.criticality', 'input.nis2Critical'];

/** Registers a service (without `service`) or changes it; `onSaved` gets its id. */
export function ServiceModal({ service, onClose, onSaved }: { service?: ServiceFields; onClose: () => void; onSaved: (id: string) => void }) {
  const [form, setForm] = useState({
    name: service?.name ?? '',
    description: service?.description ?? '',
    criticality: service ? String(service.criticality) : '',
    nis2Critical: service?.nis2Critical ?? false,
  });
  const [unrated, setUnrated] = useState(false);
  const [created, create] = useMutation(CREATE);
  const [updated, update] = useMutation(UPDATE);
  const error = service ? updated.error : created.error;
  const problems = problemsAt(error);
  const problem = unplacedProblem(error, FIELDS);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!form.criticality) return setUnrated(true);
    const fields = { name: form.name, description: form.description.trim() || null, criticality: Number(form.criticality), nis2Critical: form.nis2Critical };
    if (!service) {
      const result = await create({ input: fields });
      if (!result.data) return;
      notifications.show({ color: 'teal', title: 'Service registered', message: result.data.createService.name });
      return onSaved(result.data.createService.id);
    }
    // Only what changed, so that a concurrent change of another field stays.
    const patch = {
      ...(fields.name !== service.name && { name: fields.name }),
      ...(fields.description !== (service.description ?? null) && { description: fields.description }),
      ...(fields.criticality !== service.criticality && { criticality: fields.criticality }),
      ...(fields.nis2Critical !== service.nis2Critical && { nis2Critical: fields.nis2Critical }),
    };
    if (Object.keys(patch).length) {
      const result = await update({ id: service.id, input: patch });
      if (!result.data) return;
      notifications.show({ color: 'teal', title: 'Service saved', message: result.data.updateService.name });
    }
    onSaved(service.id);
  };

  return (
    <Modal opened onClose={onClose} title={service ? `Edit ${service.name}` : 'New service'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <TextInput
            label="Name"
            description="Unique among your services, e.g. Customer portal."
            required
            data-autofocus
            value={form.name}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setForm((f) => ({ ...f, name: v }));
            }}
            error={problems['input.name']}
          />
          <Textarea
            label="What it does"
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setForm((f) => ({ ...f, description: v }));
            }}
            error={problems['input.description']}
          />
          <Radio.Group
            label="Criticality"
            description="How much the organisation suffers when the service stops. 4 and 5 count as critical: a function served there by one supplier with no alternative is flagged as a single point of failure."
            required
            value={form.criticality}
            onChange={(v) => {
              setForm((f) => ({ ...f, criticality: v }));
              setUnrated(false);
            }}
            error={problems['input.criticality'] ?? (unrated ? 'Choose how critical the service is.' : undefined)}
          >
            <Stack gap={6} mt={6}>
              {CRITICALITY.map((c) => (
                <Radio key={c.level} value={String(c.level)} label={`${c.level}, ${c.word}`} description={c.meaning} />
              ))}
            </Stack>
          </Radio.Group>
          <Checkbox
            label="Essential or important under NIS 2"
            description="The service is essential or important in the sense of NIS 2: it always counts as critical, whatever its level above."
            checked={form.nis2Critical}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setForm((f) => ({ ...f, nis2Critical: v }));
            }}
            error={problems['input.nis2Critical']}
          />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={created.fetching || updated.fetching}>
              {service ? 'Save' : 'Register the service'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// Campaigns: one questionnaire to many suppliers chosen by a filter, and how far each got.
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  Progress,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Rating, SupplierStatus } from '../gql/graphql';
import { Loading } from '../App';
import { usePermissions } from '../auth/permissions';
import { errorMessage, fieldErrors } from '../lib/errors';
import { words } from '../lib/format';
import { sendableTemplates } from '../lib/foreignQuestionnaire';

const CAMPAIGNS = graphql(`
  query Campaigns {
    campaigns {
      id
      name
      templateTitle
      dueDate
      createdAt
      progress {
        total
        draft
        sent
        inProgress
        submitted
        completed
        cancelled
        overdue
        queued
      }
    }
    questionnaireTemplates {
      id
      title
      basedOn
      latestPublished {
        id
        version
      }
    }
  }
`);

const CAMPAIGN = graphql(`
  query Campaign($id: UUID!) {
    campaign(id: $id) {
      id
      name
      templateTitle
      dueDate
      filter
      progress {
        total
        draft
        sent
        inProgress
        submitted
        completed
        cancelled
        overdue
        queued
      }
      assessments {
        id
        status
        dueDate
        supplier {
          id
          legalName
        }
      }
    }
  }
`);

const LAUNCH = graphql(`
  mutation LaunchCampaign($input: LaunchCampaign!) {
    launchCampaign(input: $input) {
      id
      progress {
        total
      }
    }
  }
`);

function ProgressBar({ progress }: { progress: { total: number; completed: number; submitted: number; inProgress: number } }) {
  const part = (n: number) => (100 * n) / Math.max(progress.total, 1);
  return (
    <Progress.Root size="lg" aria-label={`${progress.completed} of ${progress.total} completed`}>
      <Progress.Section value={part(progress.completed)} color="teal" />
      <Progress.Section value={part(progress.submitted)} color="indigo" />
      <Progress.Section value={part(progress.inProgress)} color="yellow" />
    </Progress.Root>
  );
}

function LaunchModal({
  opened,
  onClose,
  versions,
  onLaunched,
}: {
  opened: boolean;
  onClose: () => void;
  versions: { value: string; label: string }[];
  onLaunched: () => void;
}) {
  const [result, launch] = useMutation(LAUNCH);
  const [form, setForm] = useState({
    name: '',
    version: null as string | null,
    category: '',
    status: ['ACTIVE'] as string[],
    ratings: [] as string[],
    nis2: false,
    dueDate: '',
    message: '',
  });
  const fields = fieldErrors(result.error);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const answer = await launch({
      input: {
        name: form.name,
        templateVersionId: form.version ?? '',
        dueDate: form.dueDate || null,
        message: form.message.trim() || null,
        filter: {
          category: form.category.trim() || null,
          status: form.status.length ? (form.status as SupplierStatus[]) : null,
          rating: form.ratings.length ? (form.ratings as Rating[]) : null,
          nis2Relevant: form.nis2 ? true : null,
        },
      },
    });
    if (answer.data) onLaunched();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Launch a campaign" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {result.error && (
            <Alert color="red" role="alert">
              {errorMessage(result.error)}
            </Alert>
          )}
          <TextInput
            label="Name"
            placeholder="e.g. NIS 2 baseline 2027"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fields['input.name']}
          />
          <Select
            label="Questionnaire"
            required
            data={versions}
            value={form.version}
            onChange={(v) => setForm({ ...form, version: v })}
            error={fields['input.templateVersionId']}
          />
          <Text size="sm" fw={500}>
            Suppliers
          </Text>
          <Group grow align="start">
            <MultiSelect
              label="Status"
              data={['PROSPECT', 'ONBOARDING', 'ACTIVE', 'OFFBOARDING'].map((s) => ({ value: s, label: words(s) }))}
              value={form.status}
              onChange={(v) => setForm({ ...form, status: v })}
            />
            <MultiSelect
              label="Rating"
              placeholder="any rating"
              data={['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => ({ value: s, label: words(s) }))}
              value={form.ratings}
              onChange={(v) => setForm({ ...form, ratings: v })}
            />
          </Group>
          <TextInput label="Category" placeholder="any" value={form.category} onChange={(e) => setForm({ ...form, category: e.currentTarget.value })} />
          <Switch label="NIS 2 relevant suppliers only" checked={form.nis2} onChange={(e) => setForm({ ...form, nis2: e.currentTarget.checked })} />
          <TextInput
            label="Due date"
            type="date"
            value={form.dueDate}
            onChange={(e) => setForm({ ...form, dueDate: e.currentTarget.value })}
            error={fields['input.dueDate']}
          />
          <Textarea
            label="Message to every supplier"
            autosize
            minRows={2}
            value={form.message}
            onChange={(e) => setForm({ ...form, message: e.currentTarget.value })}
          />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={result.fetching} disabled={!form.version}>
              Launch
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export default function Campaigns() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: CAMPAIGNS });
  const [launching, setLaunching] = useState(false);
  const { canWrite } = usePermissions();
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  // A supplier's questionnaire as imported, or a follow-up of one, is no campaign's questionnaire.
  const versions = sendableTemplates(data.questionnaireTemplates).map((t) => ({
    value: t.latestPublished!.id,
    label: `${t.title} (v${t.latestPublished!.version})`,
  }));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Campaigns
        </Title>
        {canWrite && (
          <Button size="xs" onClick={() => setLaunching(true)}>
            Launch a campaign
          </Button>
        )}
      </Group>
      <LaunchModal
        opened={launching}
        onClose={() => setLaunching(false)}
        versions={versions}
        onLaunched={() => {
          setLaunching(false);
          refetch({ requestPolicy: 'network-only' });
        }}
      />
      {data.campaigns.length === 0 && <Text c="dimmed">No campaign yet.</Text>}
      {data.campaigns.map((c) => (
        <Card withBorder key={c.id}>
          <Group justify="space-between">
            <Anchor component={Link} to={`/campaigns/${c.id}`} fw={600}>
              {c.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {c.templateTitle}
              {c.dueDate ? ` · due ${c.dueDate}` : ''}
            </Text>
          </Group>
          <ProgressBar progress={c.progress} />
          <Text size="xs" c="dimmed">
            {c.progress.total} suppliers: {c.progress.sent} sent, {c.progress.inProgress} answering, {c.progress.submitted} to review, {c.progress.completed}{' '}
            completed
            {c.progress.draft ? `, ${c.progress.draft} without a contact` : ''}
            {c.progress.overdue ? `, ${c.progress.overdue} overdue` : ''}
            {c.progress.queued ? `, ${c.progress.queued} still being sent` : ''}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

export function CampaignPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: CAMPAIGN, variables: { id } });
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const { campaign } = data;
  return (
    <Stack>
      <Title order={1} size="h2">
        {campaign.name}
      </Title>
      <Text c="dimmed">
        {campaign.templateTitle}
        {campaign.dueDate ? ` · due ${campaign.dueDate}` : ''}
      </Text>
      <ProgressBar progress={campaign.progress} />
      {campaign.progress.queued > 0 && (
        <Text size="sm" c="dimmed">
          {campaign.progress.queued} of {campaign.progress.total + campaign.progress.queued} suppliers are still being sent, in batches, within seconds; reload
          to follow.
        </Text>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaign.assessments.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                {a.supplier && (
                  <Anchor component={Link} to={`/suppliers/${a.supplier.id}`}>
                    {a.supplier.legalName}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/assessments/${a.id}`}>
                  <Badge variant="light">{words(a.status)}</Badge>
                </Anchor>
              </Table.Td>
              <Table.Td>{a.dueDate}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

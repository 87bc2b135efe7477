// Questionnaire templates: the shipped ones to browse and clone, the organisation's own with a
// draft to edit (as the JSON document the API checks, every problem listed by its path) and
// publish as a new immutable version.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { usePermissions } from '../auth/permissions';
import { errorMessage, fieldErrors } from '../lib/errors';
import { words } from '../lib/format';

const TEMPLATES = graphql(`
  query Templates {
    questionnaireTemplates {
      id
      slug
      title
      description
      shipped
      basedOn
      latestPublished {
        version
        questionCount
      }
      draft {
        id
      }
    }
  }
`);

const TEMPLATE = graphql(`
  query Template($id: UUID!) {
    questionnaireTemplate(id: $id) {
      id
      title
      description
      shipped
      latestPublished {
        version
        questionCount
        content
        sections {
          id
          title
          questions {
            id
            text
            answerType
            importance
            knockOut
            isoControls
            nis2
          }
        }
      }
      draft {
        id
        questionCount
        content
      }
    }
  }
`);

const CLONE = graphql(`
  mutation CloneTemplate($input: NewQuestionnaireTemplate!) {
    createQuestionnaireTemplate(input: $input) {
      id
    }
  }
`);
const SAVE = graphql(`
  mutation UpdateTemplateDraft($id: UUID!, $content: JSON!) {
    updateTemplateDraft(templateId: $id, content: $content) {
      id
      questionCount
    }
  }
`);
const PUBLISH = graphql(`
  mutation PublishTemplateDraft($id: UUID!) {
    publishTemplateDraft(templateId: $id) {
      version
    }
  }
`);

export default function Templates() {
  const [{ data, fetching, error }] = useQuery({ query: TEMPLATES });
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  return (
    <Stack>
      <Title order={1} size="h2">
        Questionnaire templates
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Template</Table.Th>
            <Table.Th>Questions</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.questionnaireTemplates.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                <Anchor component={Link} to={`/templates/${t.id}`}>
                  {t.title}
                </Anchor>{' '}
                {t.shipped && (
                  <Badge size="xs" variant="light">
                    shipped
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t.latestPublished?.questionCount ?? '-'}</Table.Td>
              <Table.Td>
                {t.latestPublished ? `v${t.latestPublished.version}` : 'not published'}
                {t.draft ? ' · draft' : ''}
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {t.description}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function TemplatePage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TEMPLATE, variables: { id } });
  const [cloning, clone] = useMutation(CLONE);
  const [saving, save] = useMutation(SAVE);
  const [publishing, publish] = useMutation(PUBLISH);
  const [text, setText] = useState('');
  const [syntax, setSyntax] = useState<string | null>(null);
  const { canWrite } = usePermissions();
  const navigate = useNavigate();
  const template = data?.questionnaireTemplate;
  useEffect(() => {
    if (template?.draft) setText(JSON.stringify(template.draft.content, null, 2));
  }, [template?.draft]);
  if (!template)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const problems = fieldErrors(saving.error ?? publishing.error);

  const copy = async () => {
    const result = await clone({ input: { title: `${template.title} (our version)`, cloneOf: template.id } });
    if (result.data) navigate(`/templates/${result.data.createQuestionnaireTemplate.id}`);
  };
  const store = async () => {
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (e) {
      setSyntax(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    setSyntax(null);
    const result = await save({ id: template.id, content });
    if (!result.error) {
      notifications.show({ color: 'teal', title: 'Draft saved', message: `${result.data?.updateTemplateDraft.questionCount} questions.` });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const release = async () => {
    const result = await publish({ id: template.id });
    if (!result.error) {
      notifications.show({ color: 'teal', title: 'Published', message: `Version ${result.data?.publishTemplateDraft.version} can now be sent.` });
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            {template.title}
          </Title>
          <Text c="dimmed">{template.description}</Text>
        </div>
        {canWrite && (
          <Button size="xs" variant="default" loading={cloning.fetching} onClick={copy}>
            Clone to edit
          </Button>
        )}
      </Group>
      {canWrite && !template.shipped && template.draft && (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">
              Draft ({template.draft.questionCount} questions)
            </Title>
            <Text size="sm" c="dimmed">
              The questionnaire as one document: sections with their questions (answer type, importance, compliant answers, ISO and NIS 2 references). Saving
              checks it against the catalogues.
            </Text>
            {(syntax || (saving.error && !Object.keys(problems).length)) && <Alert color="red">{syntax ?? errorMessage(saving.error)}</Alert>}
            {Object.keys(problems).length > 0 && (
              <Alert color="red" title="The draft needs changes">
                <List size="sm">
                  {Object.entries(problems).map(([path, message]) => (
                    <List.Item key={path}>
                      <code>{path}</code>: {message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Textarea
              aria-label="Draft content"
              autosize
              minRows={12}
              maxRows={30}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
            />
            <Group>
              <Button onClick={store} loading={saving.fetching}>
                Save draft
              </Button>
              <Button variant="default" onClick={release} loading={publishing.fetching}>
                Publish as a new version
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {template.latestPublished && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Version {template.latestPublished.version}: {template.latestPublished.questionCount} questions
          </Title>
          {template.latestPublished.sections.map((s) => (
            <Stack key={s.id} gap={4} mb="md">
              <Text fw={600}>{s.title}</Text>
              {s.questions.map((q) => (
                <Text size="sm" key={q.id}>
                  <strong>{q.id}</strong> {q.text}{' '}
                  <Text span size="xs" c="dimmed">
                    ({words(q.answerType)}, {q.importance.toLowerCase()}
                    {q.knockOut ? ', knock-out' : ''}
                    {q.isoControls.length ? `, ISO ${q.isoControls.join(' ')}` : ''})
                  </Text>
                </Text>
              ))}
            </Stack>
          ))}
        </Card>
      )}
    </Stack>
  );
}

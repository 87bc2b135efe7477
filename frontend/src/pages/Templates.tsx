// Questionnaire templates: the shipped ones to browse and clone, the organisation's own with a
// draft to edit (a form, with the JSON document as an advanced view; see
// components/templateEditor) and publish as a new immutable version.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { usePermissions } from '../auth/permissions';
import { errorMessage } from '../lib/errors';
import { words } from '../lib/format';
import { TemplateEditor } from '../components/templateEditor/TemplateEditor';

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
  // A published template is edited again as the draft of its next version.
  const [nextVersion, setNextVersion] = useState(false);
  const { canWrite } = usePermissions();
  const navigate = useNavigate();
  const template = data?.questionnaireTemplate;
  if (!template)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );

  const copy = async () => {
    const result = await clone({ input: { title: `${template.title} (our version)`, cloneOf: template.id } });
    if (result.data) navigate(`/templates/${result.data.createQuestionnaireTemplate.id}`);
  };
  const editable = canWrite && !template.shipped;
  const content = template.draft?.content ?? (nextVersion ? template.latestPublished?.content : undefined);

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
      {editable && content !== undefined && (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">
              {template.draft ? `Draft (${template.draft.questionCount} questions)` : `Draft of version ${(template.latestPublished?.version ?? 0) + 1}`}
            </Title>
            <Text size="sm" c="dimmed">
              Sections with their questions: answer type, options and scores, importance, knock-out, evidence, and the ISO/IEC 27001 and NIS 2 references they
              are evidence for. Saving checks the draft against the catalogues; publishing makes it a version that can be sent.
            </Text>
            <TemplateEditor
              key={template.id}
              templateId={template.id}
              content={content}
              onChanged={(published) => {
                if (published) setNextVersion(false);
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          </Stack>
        </Card>
      )}
      {editable && content === undefined && template.latestPublished && (
        <Group>
          <Button variant="light" onClick={() => setNextVersion(true)}>
            Edit as version {template.latestPublished.version + 1}
          </Button>
        </Group>
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
                    {q.isoControls.length ? `, ISO ${q.isoControls.join(' ')}` : ''}
                    {q.nis2.length ? `, NIS 2 ${q.nis2.join(' ')}` : ''})
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

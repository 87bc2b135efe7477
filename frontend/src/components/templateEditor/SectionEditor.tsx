// One section of the template form: its title and id, buttons to move and remove it, and its
// questions in order with a button to add one.
import type { Dispatch } from 'react';
import { Alert, Button, Card, Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SectionDraft } from '../../lib/templateDraft';
import { type PlacedProblem, problemsAt } from '../../lib/templateProblems';
import type { Action } from './reducer';
import { MoveButtons, RemoveButton } from './Controls';
import { QuestionEditor } from './QuestionEditor';

interface Props {
  section: SectionDraft;
  index: number;
  sections: SectionDraft[];
  open: string[];
  dispatch: Dispatch<Action>;
  problems: PlacedProblem[];
}

export function SectionEditor({ section, index, sections, open, dispatch, problems }: Props) {
  const name = section.id || `${index + 1}`;
  const errorAt = (field: string) => problemsAt(problems, section.key, undefined, field);
  const headingId = `section-heading-${section.key}`;
  const count = section.questions.length;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} p="sm" data-section-key={section.key}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h4" id={headingId} style={{ flex: '1 1 12rem', minWidth: 0 }}>
            Section {name}: {section.title || 'untitled'}
          </Title>
          <Group gap={4} wrap="nowrap">
            <MoveButtons
              what={`section ${name}`}
              first={index === 0}
              last={index === sections.length - 1}
              onMove={(by) => dispatch({ type: 'moveSection', section: section.key, by })}
            />
            <RemoveButton
              what={`section ${name}`}
              confirm={count ? `Remove section ${name} and its ${count} question${count === 1 ? '' : 's'} from the draft?` : undefined}
              onRemove={() => dispatch({ type: 'removeSection', section: section.key })}
            />
          </Group>
        </Group>
        {errorAt('') && (
          <Alert color="red" variant="light" p="xs">
            {errorAt('')}
          </Alert>
        )}
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Section title"
              description="The heading the respondent sees"
              value={section.title}
              onChange={(e) => dispatch({ type: 'setSection', section: section.key, patch: { title: e.currentTarget.value } })}
              error={errorAt('title')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Section id"
              description="2-5 capital letters; question ids start with it"
              value={section.id}
              onChange={(e) => dispatch({ type: 'setSection', section: section.key, patch: { id: e.currentTarget.value.trim() } })}
              error={errorAt('id')}
            />
          </Grid.Col>
        </Grid>
        {count === 0 && (
          <Text size="sm" c="dimmed">
            No questions yet. A section needs at least one before the template can be published.
          </Text>
        )}
        {section.questions.map((q, i) => (
          <QuestionEditor
            key={q.key}
            section={section}
            sections={sections}
            question={q}
            index={i}
            open={open.includes(q.key)}
            dispatch={dispatch}
            problems={problems}
          />
        ))}
        {errorAt('questions') && (
          <Text size="sm" c="red.9" role="alert">
            {errorAt('questions')}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="light" onClick={() => dispatch({ type: 'addQuestion', section: section.key })}>
            Add a question to section {name}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

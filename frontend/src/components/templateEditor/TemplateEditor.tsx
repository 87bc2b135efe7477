// The draft of a questionnaire template as a form (sections, questions, options, references
// from the catalogues, in order) and, as an advanced view, as the JSON document the API takes;
// both edit the same draft. Saving sends the document; the API's problems show at their fields
// and in a list. Publishing saves unsaved changes first.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Alert, Badge, Box, Button, Group, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { type TemplateDraft, draftJson, readDraft, writeDraft } from '../../lib/templateDraft';
import { type PlacedProblem, placeProblems } from '../../lib/templateProblems';
import { type Action, editorReducer, initialState, touches } from './reducer';
import { CATALOGUE, CatalogueContext, catalogueFrom } from './ReferencePicker';
import { SectionEditor } from './SectionEditor';
import { DraftProblems } from './DraftProblems';

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

interface Props {
  templateId: string;
  /** The draft's document as the API holds it. */
  content: unknown;
  /** After a save or a publication, for the page to load the template again. */
  onChanged: (published: boolean) => void;
}

type Tab = 'form' | 'json';
const unreadable = (problems: string[]) => `The form cannot show this document; correct it here first. ${problems.join('; ')}`;

export function TemplateEditor({ templateId, content, onChanged }: Props) {
  const [initial] = useState(() => readDraft(content));
  const [state, apply] = useReducer(editorReducer, null, () => initialState(initial.ok ? initial.draft : { sections: [], rest: {} }));
  const [tab, setTab] = useState<Tab>(initial.ok ? 'form' : 'json');
  const [text, setText] = useState(() => (initial.ok ? draftJson(initial.draft) : JSON.stringify(content, null, 2)));
  const [jsonProblem, setJsonProblem] = useState<string | null>(initial.ok ? null : unreadable(initial.problems));
  const [saved, setSaved] = useState(() => JSON.stringify(initial.ok ? writeDraft(initial.draft) : content));
  // The API's last refusal: as it named the fields, and placed in the form's draft.
  const [refusal, setRefusal] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<PlacedProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, save] = useMutation(SAVE);
  const [publishing, publish] = useMutation(PUBLISH);
  const [catalogueAnswer] = useQuery({ query: CATALOGUE });
  const catalogue = useMemo(() => catalogueFrom(catalogueAnswer.data?.frameworks, catalogueAnswer.fetching), [catalogueAnswer.data, catalogueAnswer.fetching]);
  const { draft } = state;
  // A section or question just added, or a problem's place, gets the keyboard focus: the first
  // element found of the selectors, in their order.
  const focusNext = useRef<string[]>([]);
  useEffect(() => {
    const [found] = focusNext.current.map((selector) => document.querySelector<HTMLElement>(selector)).filter(Boolean);
    found?.focus();
    focusNext.current = [];
  });
  /** Applies an edit; the problems it answers leave the form and the list until the next save. */
  const dispatch = (action: Action) => {
    apply(action);
    if (action.type === 'addQuestion') focusNext.current = [`[data-section-key="${action.section}"] article:last-of-type textarea`];
    setProblems((shown) => shown.filter((p) => !p.places.some((at) => touches(action, at))));
  };

  /** What would be saved now: the form's draft, or the JSON view's document if it parses. */
  const current = (): { content: unknown; draft: TemplateDraft | null } | { error: string } => {
    if (tab === 'form') return { content: writeDraft(draft), draft };
    try {
      const parsed: unknown = JSON.parse(text);
      const read = readDraft(parsed);
      return { content: parsed, draft: read.ok ? read.draft : null };
    } catch (e) {
      return { error: `Not valid JSON: ${(e as Error).message}` };
    }
  };
  const now = current();
  const dirty = 'error' in now || JSON.stringify(now.content) !== saved;
  const questionCount = draft.sections.reduce((n, s) => n + s.questions.length, 0);

  const switchTab = (next: Tab) => {
    if (next === tab) return;
    if (next === 'json') {
      setText(draftJson(draft));
      setJsonProblem(null);
      setTab('json');
      return;
    }
    const read = current();
    if ('error' in read) return setJsonProblem(read.error);
    const form = readDraft(read.content);
    if (!form.ok) return setJsonProblem(unreadable(form.problems));
    // Only a changed document is read again: the form keeps its folds and places otherwise.
    if (text !== draftJson(draft)) load(form.draft);
    setJsonProblem(null);
    setTab('form');
  };

  /** Shows problems at the fields of `basis` (the draft they are about) and in the list. */
  const place = (fields: Record<string, string>, basis: TemplateDraft | null) => {
    const placed = placeProblems(fields, basis);
    setRefusal(fields);
    setProblems(placed);
    for (const p of placed) for (const at of p.places) if (at.question) dispatch({ type: 'toggle', question: at.question, open: true });
  };
  /** A draft read from the JSON view becomes the form's; the last refusal is placed in it. */
  const load = (next: TemplateDraft) => {
    dispatch({ type: 'load', draft: next });
    place(refusal, next);
  };
  const refused = (error: Parameters<typeof fieldErrors>[0], sent: TemplateDraft | null) => {
    const fields = fieldErrors(error);
    setFailure(Object.keys(fields).length ? null : errorMessage(error));
    place(fields, sent);
  };

  const store = async (): Promise<boolean> => {
    const sending = current();
    if ('error' in sending) {
      setJsonProblem(sending.error);
      return false;
    }
    setJsonProblem(null);
    // Sent from the JSON view, the document becomes the form's draft (when the form can show it).
    if (tab === 'json' && sending.draft) load(sending.draft);
    const result = await save({ id: templateId, content: sending.content });
    if (result.error) {
      refused(result.error, sending.draft);
      return false;
    }
    place({}, null);
    setFailure(null);
    setSaved(JSON.stringify(sending.content));
    notifications.show({ color: 'teal', title: 'Draft saved', message: `${result.data?.updateTemplateDraft.questionCount} questions.` });
    onChanged(false);
    return true;
  };

  const release = async () => {
    if (dirty && !(await store())) return;
    const result = await publish({ id: templateId });
    if (result.error) {
      // The API names publishing's problems by question and section id: any copy of the draft places them.
      const shown = current();
      const basis = 'error' in shown ? null : shown.draft;
      if (tab === 'json' && basis) load(basis);
      return refused(result.error, tab === 'json' ? basis : draft);
    }
    notifications.show({ color: 'teal', title: 'Published', message: `Version ${result.data?.publishTemplateDraft.version} can now be sent.` });
    onChanged(true);
  };

  const reveal = (problem: PlacedProblem) => {
    const [place] = problem.places;
    if (tab === 'json') switchTab('form');
    if (place.question) dispatch({ type: 'toggle', question: place.question, open: true });
    focusNext.current = place.question
      ? [`#question-${place.question} [aria-invalid="true"]`, `#question-${place.question}`]
      : [`[data-section-key="${place.section}"] [aria-invalid="true"]`, `[data-section-key="${place.section}"] input`];
  };

  return (
    <CatalogueContext value={catalogue}>
      <Box style={{ '--mantine-color-error': 'var(--mantine-color-red-9)' }}>
        <Stack>
          <Group gap="xs">
            <Text size="sm">
              {draft.sections.length} section{draft.sections.length === 1 ? '' : 's'}, {questionCount} question{questionCount === 1 ? '' : 's'}
            </Text>
            <Badge size="sm" variant="light" color={dirty ? 'orange' : 'gray'}>
              {dirty ? 'unsaved changes' : 'saved'}
            </Badge>
          </Group>
          {failure && <Alert color="red">{failure}</Alert>}
          <DraftProblems problems={problems} onReveal={reveal} />
          <Tabs value={tab} onChange={(v) => v && switchTab(v as Tab)} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="form">Form</Tabs.Tab>
              <Tabs.Tab value="json">Advanced: JSON document</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="form" pt="md">
              <Stack>
                {draft.sections.map((s, i) => (
                  <SectionEditor key={s.key} section={s} index={i} sections={draft.sections} open={state.open} dispatch={dispatch} problems={problems} />
                ))}
                <Group>
                  <Button
                    variant="light"
                    onClick={() => {
                      dispatch({ type: 'addSection' });
                      focusNext.current = ['section[data-section-key]:last-of-type input'];
                    }}
                  >
                    Add a section
                  </Button>
                </Group>
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="json" pt="md">
              <Stack gap="xs">
                {jsonProblem && (
                  <Alert color="red" title="Not taken over">
                    {jsonProblem}
                  </Alert>
                )}
                <Textarea
                  label="Draft as a JSON document"
                  description='The same draft as the form, in the format the API takes ({"sections": [...]}). The form reads it back when you switch to it; invalid JSON is refused.'
                  autosize
                  minRows={12}
                  maxRows={30}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
                />
              </Stack>
            </Tabs.Panel>
          </Tabs>
          <Group>
            <Button onClick={store} loading={saving.fetching}>
              Save draft
            </Button>
            <Button variant="default" onClick={release} loading={publishing.fetching}>
              Publish as a new version
            </Button>
          </Group>
        </Stack>
      </Box>
    </CatalogueContext>
  );
}

// The supplier's respondent, from the invitation link and without an account: who asks what
// by when, the questionnaire by section with progress, autosave, help and validation next to
// each question, and submission.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Container,
  FileInput,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AnswerSource, RespondentQuery } from '../gql/graphql';
import { getSession, sessionFrom, setSession } from '../auth/session';
import { useSession } from '../auth/useSession';
import { errorMessage, fieldErrors } from '../lib/errors';
import { words } from '../lib/format';
import { type Drafts, afterSave, changedAnswers, fromAnswers, joinChoices, saveLabel, saveState, shown, splitChoices, toFix } from '../lib/answers';
import { uploadEvidence } from '../lib/evidence';
import { SupplierRemediation } from '../components/SupplierRemediation';
import { ImportWizard } from '../components/ImportWizard';
import { Delegation } from '../components/Delegation';
import { downloadBase64 } from '../lib/download';
import { useClient } from 'urql';

const EXCHANGE = graphql(`
  mutation ExchangeInvitation($token: String!) {
    exchangeInvitation(token: $token) {
      accessToken
      expiresIn
    }
  }
`);

const RESPONDENT = graphql(`
  query Respondent {
    respondentAssessment {
      id
      title
      requestedBy
      supplierName
      status
      dueDate
      message
      requiredCount
      answeredCount
      sectionProgress {
        sectionId
        title
        required
        answered
      }
      sections {
        id
        title
        questions {
          id
          text
          help
          answerType
          scored
          evidence
          options {
            value
            label
          }
          rangeMin
          rangeMax
          unit
        }
      }
      answers {
        questionId
        value
        canonicalValue
        comment
        source
        verdict
        reviewNote
      }
      evidence {
        id
        questionId
        fileName
      }
      missingEvidence
      delegatedSections
      delegations {
        id
        name
        email
        sections
        revokedAt
      }
    }
  }
`);

const SAVE = graphql(`
  mutation RespondentSave($answers: [AnswerInput!]!) {
    respondentSaveAnswers(answers: $answers) {
      id
      answeredCount
      sectionProgress {
        sectionId
        answered
      }
      answers {
        questionId
        value
        canonicalValue
        comment
        source
      }
    }
  }
`);

const WORKBOOK = graphql(`
  query RespondentWorkbook($id: UUID!) {
    exportAssessmentWorkbook(assessmentId: $id) {
      fileName
      contentType
      base64
    }
  }
`);

const SUBMIT = graphql(`
  mutation RespondentSubmit {
    respondentSubmit {
      id
      status
    }
  }
`);

type Assessment = RespondentQuery['respondentAssessment'];
type Question = Assessment['sections'][number]['questions'][number];
const OPEN = ['SENT', 'IN_PROGRESS', 'RETURNED'];

/** Exchanges the link's token once, then forgets it (it is single-purpose and secret). */
function useInvitation(): string | null {
  const session = useSession();
  const [, exchange] = useMutation(EXCHANGE);
  const [problem, setProblem] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (!token || started.current) return;
    started.current = true;
    window.history.replaceState(null, '', window.location.pathname);
    exchange({ token }).then((result) => {
      if (result.data) setSession(sessionFrom(result.data.exchangeInvitation, 'respondent'));
      else setProblem(errorMessage(result.error) ?? 'This link does not work.');
    });
  }, [exchange]);
  if (problem) return problem;
  if (!session && !window.location.hash.includes('token=') && !started.current) {
    return 'Open this page with the personal link from your invitation e-mail.';
  }
  return null;
}

function AnswerInput({
  question,
  value,
  onChange,
  error,
  disabled,
}: {
  question: Question;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled: boolean;
}) {
  const label = `${question.id} ${question.text}`;
  const common = { label, description: question.help ?? undefined, error, disabled };
  const options = question.options.map((o) => ({ value: o.value, label: o.label }));
  switch (question.answerType) {
    case 'YES_NO_NA':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`q-${question.id}`}>
            {label}
          </Text>
          {question.help && (
            <Text size="xs" c="dimmed">
              {question.help}
            </Text>
          )}
          <SegmentedControl
            aria-labelledby={`q-${question.id}`}
            // The chosen answer filled in colour, plain to see on a phone in daylight.
            color="indigo"
            fullWidth
            disabled={disabled}
            value={value}
            onChange={onChange}
            data={[
              { value: 'yes', label: 'Yes' },
              { value: 'partial', label: 'Partly' },
              { value: 'no', label: 'No' },
              { value: 'n/a', label: 'N/A' },
            ]}
          />
          {error && (
            <Text size="xs" c="red">
              {error}
            </Text>
          )}
        </Stack>
      );
    case 'CHOICE':
      return <Select {...common} data={options} value={value || null} onChange={(v) => onChange(v ?? '')} clearable />;
    case 'MULTI_CHOICE':
      return <MultiSelect {...common} data={options} value={splitChoices(value)} onChange={(v) => onChange(joinChoices(v))} />;
    case 'MATURITY_0_TO_5':
      return <Select {...common} data={['0', '1', '2', '3', '4', '5']} value={value || null} onChange={(v) => onChange(v ?? '')} />;
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          value={value === '' ? '' : Number(value)}
          onChange={(v) => onChange(String(v))}
          suffix={question.unit ? ` ${question.unit}` : undefined}
        />
      );
    case 'FILE':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {label}
          </Text>
          {question.help && (
            <Text size="xs" c="dimmed">
              {question.help}
            </Text>
          )}
          {error && (
            <Text size="xs" c="red">
              {error}
            </Text>
          )}
        </Stack>
      );
    case 'DATE':
      return <TextInput {...common} type="date" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <Textarea {...common} autosize minRows={2} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/** The documents of one question, and a way to add one while the questionnaire is open. */
function Documents({
  assessment,
  question,
  open,
  onUploaded,
  onAnswer,
}: {
  assessment: Assessment;
  question: Question;
  open: boolean;
  onUploaded: () => void;
  onAnswer: (value: string) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attached = assessment.evidence.filter((e) => e.questionId === question.id);
  if (question.evidence === 'NONE' && question.answerType !== 'FILE' && attached.length === 0) return null;
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    const failed = await uploadEvidence(assessment.id, question.id, file);
    setProblem(failed);
    setBusy(false);
    // A question that asks for a document is answered by the document itself.
    if (!failed && question.answerType === 'FILE') onAnswer(file.name);
    onUploaded();
  };
  return (
    <Stack gap={4}>
      {attached.map((d) => (
        <Text size="sm" key={d.id}>
          Document: {d.fileName}
        </Text>
      ))}
      {open && (
        <FileInput
          label={`Supporting document for ${question.id}${question.evidence === 'REQUIRED' ? ' (required)' : ''}`}
          placeholder="Choose a file (PDF, image, office document)"
          value={null}
          onChange={upload}
          disabled={busy}
          error={problem}
          clearable={false}
        />
      )}
    </Stack>
  );
}

/** An answer as the server holds it: its value as the form writes it, and where it came from. */
type HeldAnswer = { questionId: string; value: string; canonicalValue: string; comment?: string | null; source: AnswerSource };

function Questionnaire({ assessment, refresh, imported }: { assessment: Assessment; refresh: () => void; imported: () => void }) {
  const client = useClient();
  const [importing, setImporting] = useState(false);
  const [delegating, setDelegating] = useState(false);
  const download = async () => {
    const result = await client.query(WORKBOOK, { id: assessment.id }, { requestPolicy: 'network-only' }).toPromise();
    const file = result.data?.exportAssessmentWorkbook;
    if (file) downloadBase64(file.fileName, file.contentType, file.base64);
  };
  // What the server holds (from the query, refreshed after an import or an upload, and from
  // each save's answer) and, on top, the edits not saved yet: the form shows exactly what a
  // submission would send, whatever wrote it.
  // One state, the answers as the server last gave them; what the form shows and where each
  // came from are read from it.
  const [held, setHeld] = useState<readonly HeldAnswer[]>(assessment.answers);
  useEffect(() => setHeld(assessment.answers), [assessment.answers]);
  const server = useMemo<Drafts>(() => fromAnswers(held), [held]);
  const sources = useMemo(() => new Map(held.map((a) => [a.questionId, a.source])), [held]);
  const [edits, setEdits] = useState<Drafts>({});
  const [debounced] = useDebouncedValue(edits, 800);
  const [saving, save] = useMutation(SAVE);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, submit] = useMutation(SUBMIT);
  const open = OPEN.includes(assessment.status);
  // A refused submission's "not answered" goes away as soon as the question has an answer.
  const refused = Object.fromEntries(
    Object.entries(fieldErrors(submitting.error)).filter(([field]) => !(field.startsWith('answers.') && shown(edits, server, field.slice(8)).value.trim())),
  );
  const problems = { ...fieldErrors(saving.error), ...refused };
  const fix = toFix(refused, assessment.sections);
  const [tab, setTab] = useState<string | null>(assessment.sections[0]?.id ?? null);
  const [focus, setFocus] = useState<string | null>(null);
  // Going to a question: its section opens, then it scrolls into view.
  useEffect(() => {
    if (focus) document.querySelector(`[data-question="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, tab]);
  const goTo = (item: { questionId: string; sectionId: string }) => {
    setTab(item.sectionId);
    setFocus(item.questionId);
  };
  const trySubmit = async () => {
    const result = await submit({});
    const first = toFix(fieldErrors(result.error), assessment.sections)[0];
    if (first) goTo(first);
  };
  const notes = new Map(assessment.answers.filter((a) => a.reviewNote).map((a) => [a.questionId, a.reviewNote]));

  const send = async (changed: ReturnType<typeof changedAnswers>) => {
    const result = await save({ answers: changed });
    if (result.data) {
      setHeld(result.data.respondentSaveAnswers.answers);
      setEdits((e) => afterSave(e, changed));
      setFailure(null);
    } else {
      setFailure(errorMessage(result.error) ?? 'the server did not answer');
    }
  };
  useEffect(() => {
    const changed = changedAnswers(debounced, server);
    if (open && changed.length && !saving.fetching && !failure) void send(changed);
    // `send` is recreated each render; the save follows the debounced edits and the server.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced, server, open, failure]);
  const state = saveState(edits, server, saving.fetching, failure);
  // Closing the tab with answers the server does not hold yet asks first.
  const unsaved = state.kind === 'unsaved' || state.kind === 'saving' || state.kind === 'failed';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const set = (id: string, patch: Partial<{ value: string; comment: string }>) => {
    setFailure(null);
    setEdits((e) => ({ ...e, [id]: { ...shown(e, server, id), ...patch } }));
  };
  const afterImport = () => {
    // The supplier confirmed the import against what the server held: it replaces the edits.
    setEdits({});
    imported();
  };
  const progress = assessment.requiredCount ? (100 * assessment.answeredCount) / assessment.requiredCount : 0;

  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between">
          <div>
            <Title order={1} size="h2">
              {assessment.title}
            </Title>
            <Text>
              {assessment.requestedBy} asks {assessment.supplierName} to answer{assessment.dueDate ? ` by ${assessment.dueDate}` : ''}.
            </Text>
          </div>
          <Badge size="lg" variant="light">
            {words(assessment.status)}
          </Badge>
        </Group>
        {assessment.message && (
          <Text mt="sm" c="dimmed">
            {assessment.message}
          </Text>
        )}
        <Progress mt="md" value={progress} aria-label="Answered" />
        <Group justify="space-between" mt={4}>
          <Text size="sm">
            {assessment.answeredCount} of {assessment.requiredCount} questions answered
          </Text>
          <Group gap={4}>
            <Text size="sm" c={state.kind === 'failed' ? 'red' : 'dimmed'} aria-live="polite" data-save-state={state.kind}>
              {saveLabel(state)}
            </Text>
            {state.kind === 'failed' && (
              <Button size="compact-xs" variant="light" onClick={() => setFailure(null)}>
                Try again
              </Button>
            )}
          </Group>
        </Group>
      </Card>
      {assessment.status === 'COMPLETED' && <SupplierRemediation />}
      {open && (
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={download}>
            Download as a spreadsheet
          </Button>
          <Button variant="default" size="xs" onClick={() => setImporting(true)}>
            Upload a filled spreadsheet instead
          </Button>
          {!assessment.delegatedSections && (
            <Button variant="default" size="xs" onClick={() => setDelegating((d) => !d)} aria-expanded={delegating}>
              Hand sections to a colleague
            </Button>
          )}
        </Group>
      )}
      {open && !assessment.delegatedSections && (delegating || assessment.delegations.length > 0) && (
        <Delegation sections={assessment.sections} delegations={assessment.delegations} changed={refresh} />
      )}
      <ImportWizard
        assessmentId={assessment.id}
        questions={assessment.sections.flatMap((s) => s.questions)}
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={afterImport}
      />
      {assessment.status === 'RETURNED' && <Alert color="yellow">The reviewer returned some answers with notes: see the questions marked below.</Alert>}
      {submitting.error && !fix.length && (
        <Alert color="red" role="alert">
          {errorMessage(submitting.error)}
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          {assessment.sections.map((s) => {
            const p = assessment.sectionProgress.find((x) => x.sectionId === s.id);
            const here = fix.filter((f) => f.sectionId === s.id).length;
            return (
              <Tabs.Tab
                key={s.id}
                value={s.id}
                color={here ? 'red' : undefined}
                rightSection={
                  here ? (
                    <Badge color="red" size="xs" circle aria-label={`${here} to fix`}>
                      {here}
                    </Badge>
                  ) : undefined
                }
              >
                {s.title} {p ? `(${p.answered}/${p.required})` : ''}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {assessment.sections.map((s, index) => (
          <Tabs.Panel key={s.id} value={s.id} pt="md">
            <Stack>
              {s.questions.map((q) => (
                <Card withBorder key={q.id} data-question={q.id} data-type={q.answerType}>
                  <Stack gap="xs">
                    {notes.get(q.id) && (
                      <Alert color="yellow" title="Reviewer's note">
                        {notes.get(q.id)}
                      </Alert>
                    )}
                    {!edits[q.id] && sources.get(q.id) === 'SPREADSHEET' && (
                      <Badge variant="outline" color="gray" size="sm">
                        From your spreadsheet
                      </Badge>
                    )}
                    {!edits[q.id] && sources.get(q.id) === 'API' && (
                      <Badge variant="outline" color="gray" size="sm">
                        Sent through the API
                      </Badge>
                    )}
                    <AnswerInput
                      question={q}
                      value={shown(edits, server, q.id).value}
                      disabled={!open}
                      onChange={(value) => set(q.id, { value })}
                      error={problems[`answers.${q.id}`] ?? problems[`evidence.${q.id}`]}
                    />
                    <Documents assessment={assessment} question={q} open={open} onUploaded={refresh} onAnswer={(value) => set(q.id, { value })} />
                    <Textarea
                      label="Comment"
                      aria-label={`Comment on ${q.id}`}
                      autosize
                      minRows={1}
                      disabled={!open}
                      value={shown(edits, server, q.id).comment}
                      onChange={(e) => set(q.id, { comment: e.currentTarget.value })}
                    />
                  </Stack>
                </Card>
              ))}
              {index + 1 < assessment.sections.length && (
                <Group justify="end">
                  <Button
                    variant="light"
                    onClick={() => {
                      setTab(assessment.sections[index + 1].id);
                      window.scrollTo({ top: 0 });
                    }}
                  >
                    Next section: {assessment.sections[index + 1].title}
                  </Button>
                </Group>
              )}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      {open && (
        <Stack gap="xs">
          {fix.length > 0 && (
            <Alert color="red" role="alert" title="Some questions need your attention before you can submit.">
              <Stack gap={2}>
                {fix.map((f) => (
                  <Group key={f.questionId} gap="xs" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => goTo(f)} aria-label={`Go to ${f.questionId}`}>
                      {f.questionId}
                    </Button>
                    <Text size="sm">{f.message}</Text>
                  </Group>
                ))}
              </Stack>
            </Alert>
          )}
          <Group justify="end">
            <Button onClick={trySubmit} loading={submitting.fetching}>
              Submit answers
            </Button>
          </Group>
        </Stack>
      )}
      {submitting.data && <Alert color="teal">Thank you: your answers were submitted for review.</Alert>}
    </Stack>
  );
}

export default function Respond() {
  const problem = useInvitation();
  const session = useSession();
  const ready = session?.kind === 'respondent' || getSession()?.kind === 'respondent';
  const [{ data, error }, refetch] = useQuery({ query: RESPONDENT, pause: !ready });
  return (
    <Container size="md" py="xl">
      {problem ? (
        <Alert color="red" title="This link cannot be opened" role="alert">
          {problem}
        </Alert>
      ) : data ? (
        <Questionnaire
          assessment={data.respondentAssessment}
          refresh={() => refetch({ requestPolicy: 'network-only' })}
          imported={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : error ? (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      ) : (
        <Center h="40vh">
          <Loader aria-label="Loading" />
        </Center>
      )}
    </Container>
  );
}

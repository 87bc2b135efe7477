// Adding a dependency (picking the supplier or service at the other end) or changing one:
// the business function it serves, what flows along it, and whether the provider is a marked
// alternative. The API's refusals (a dependency already recorded, a supplier depending on
// itself, an alternative without a function) appear at their fields.
import { useState } from 'react';
import { Alert, Autocomplete, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { type DependencyRow, type Endpoint, dependencyPatch, endpoint, formOf, newDependency, sentence } from '../../lib/dependencies';
import { problemsAt, unplacedProblem } from '../../lib/problems';
import { type Picked, SupplierPicker } from './SupplierPicker';

const ADD = graphql(`
  mutation AddDependency($input: NewDependency!) {
    addDependency(input: $input) {
      id
      function
      description
      alternative
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateDependency($id: UUID!, $input: DependencyPatch!) {
    updateDependency(id: $id, input: $input) {
      id
      function
      description
      alternative
    }
  }
`);

/** What the dialog is for. */
export type DependencyTask =
  | {
      kind: 'add';
      title: string;
      /** The end the page is about. */
      fixed: Endpoint;
      /** Which end is picked, and among what. */
      pick: 'provider' | 'dependent';
      pickKind: 'supplier' | 'service';
      pickLabel: string;
      unavailable: ReadonlyMap<string, string>;
      functions: string[];
    }
  | { kind: 'change'; dependency: DependencyRow; functions: string[] };

/** The fields the form shows besides the picker. */
const FIELDS = ['input.function', 'input.description', 'input.alternative'];

export function DependencyModal({ task, onClose, onDone }: { task: DependencyTask; onClose: () => void; onDone: () => void }) {
  const before = formOf(task.kind === 'change' ? task.dependency : undefined);
  const [form, setForm] = useState(before);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [unpicked, setUnpicked] = useState(false);
  const [added, add] = useMutation(ADD);
  const [updated, update] = useMutation(UPDATE);
  const error = task.kind === 'add' ? added.error : updated.error;
  const problems = problemsAt(error);
  // The picked end's problems sit at the picker; the page's own end has no field of its own.
  const pickField = task.kind === 'add' && task.pick === 'provider' ? 'input.providerId' : 'input.dependentId';
  const problem = unplacedProblem(error, task.kind === 'add' ? [pickField, ...FIELDS] : FIELDS);
  const ends =
    task.kind === 'change'
      ? { dependent: endpoint(task.dependency.dependent), provider: endpoint(task.dependency.provider) }
      : task.pick === 'provider'
        ? { dependent: task.fixed, provider: picked && { ...picked, kind: task.pickKind } }
        : { dependent: picked && { ...picked, kind: task.pickKind }, provider: task.fixed };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (task.kind === 'add') {
      if (!ends.dependent || !ends.provider) return setUnpicked(true);
      const result = await add({ input: newDependency(ends.dependent.id, ends.provider.id, form) });
      if (result.error) return;
      notifications.show({ color: 'teal', title: 'Dependency recorded', message: sentence(`${ends.dependent.name} relies on ${ends.provider.name}`) });
    } else {
      const patch = dependencyPatch(before, form);
      if (Object.keys(patch).length) {
        const result = await update({ id: task.dependency.id, input: patch });
        if (result.error) return;
        notifications.show({ color: 'teal', title: 'Dependency changed', message: sentence(`${ends.dependent?.name} on ${ends.provider?.name}`) });
      }
    }
    onDone();
  };

  return (
    <Modal opened onClose={onClose} title={task.kind === 'add' ? task.title : 'Change the dependency'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          {task.kind === 'add' ? (
            <SupplierPicker
              kind={task.pickKind}
              label={task.pickLabel}
              value={picked}
              onChange={(p) => {
                setPicked(p);
                setUnpicked(false);
              }}
              unavailable={task.unavailable}
              error={problems[pickField] ?? (unpicked ? `Pick a ${task.pickKind} first.` : undefined)}
            />
          ) : (
            <Text size="sm">{sentence(`${ends.dependent?.name} relies on ${ends.provider?.name}`)}</Text>
          )}
          <Autocomplete
            label="Function"
            description="The business function it serves, e.g. payments, hosting, sign-in. Providers of one function are compared: one alone, with no alternative, is a single point of failure of a critical service."
            data={task.functions}
            value={form.function}
            onChange={(v) => setForm((f) => ({ ...f, function: v }))}
            error={problems['input.function']}
            data-autofocus={task.kind === 'change' || undefined}
          />
          <Textarea
            label="What it provides"
            description="What flows along the dependency, e.g. hosts the production database."
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setForm((f) => ({ ...f, description: v }));
            }}
            error={problems['input.description']}
          />
          <Checkbox
            label="Alternative (fallback) for this function"
            description="Another provider serves the same function and this one takes over when it fails."
            checked={form.alternative}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setForm((f) => ({ ...f, alternative: v }));
            }}
            error={problems['input.alternative']}
          />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={added.fetching || updated.fetching}>
              {task.kind === 'add' ? 'Record the dependency' : 'Save'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

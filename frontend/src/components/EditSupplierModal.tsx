// Editing a supplier's profile and tier; a tier change re-scores the supplier on the server.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { AccessLevel, DataSensitivity, Substitutability } from '../gql/graphql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { COUNTRIES } from '../lib/countries';
import { words } from '../lib/format';

const UPDATE = graphql(`
  mutation UpdateSupplier($id: UUID!, $input: SupplierPatch!) {
    updateSupplier(id: $id, input: $input) {
      id
    }
  }
`);

export interface EditableSupplier {
  id: string;
  legalName: string;
  country: string;
  category: string;
  website?: string | null;
  description?: string | null;
  contractStart?: string | null;
  contractEnd?: string | null;
  tierProfile: { dataSensitivity: DataSensitivity; accessLevel: AccessLevel; substitutability: Substitutability; nis2Relevant: boolean };
}

const options = (values: string[]) => values.map((v) => ({ value: v, label: words(v) }));

export function EditSupplierModal({
  supplier,
  opened,
  onClose,
  onSaved,
}: {
  supplier: EditableSupplier;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form, setForm] = useState({
    ...supplier,
    website: supplier.website ?? '',
    description: supplier.description ?? '',
    contractStart: supplier.contractStart ?? '',
    contractEnd: supplier.contractEnd ?? '',
    tier: supplier.tierProfile,
  });
  const [result, update] = useMutation(UPDATE);
  const fields = fieldErrors(result.error);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const answer = await update({
      id: supplier.id,
      input: {
        legalName: form.legalName,
        country: form.country.trim().toUpperCase(),
        category: form.category,
        website: form.website.trim() || null,
        description: form.description.trim() || null,
        contractStart: form.contractStart || null,
        contractEnd: form.contractEnd || null,
        tier: {
          dataSensitivity: form.tier.dataSensitivity,
          accessLevel: form.tier.accessLevel,
          substitutability: form.tier.substitutability,
          nis2Relevant: form.tier.nis2Relevant,
        },
      },
    });
    if (!answer.error) onSaved();
  };
  const tier = (patch: Partial<EditableSupplier['tierProfile']>) => setForm((f) => ({ ...f, tier: { ...f.tier, ...patch } }));
  return (
    <Modal opened={opened} onClose={onClose} title="Edit supplier" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {result.error && !Object.keys(fields).length && (
            <Alert color="red" role="alert">
              {errorMessage(result.error)}
            </Alert>
          )}
          <TextInput
            label="Legal name"
            required
            value={form.legalName}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setForm((f) => ({ ...f, legalName: v }));
            }}
            error={fields['input.legalName']}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Country"
              required
              searchable
              data={COUNTRIES}
              value={form.country || null}
              onChange={(v) => setForm((f) => ({ ...f, country: v ?? '' }))}
              nothingFoundMessage="No country of that name"
              error={fields['input.country']}
            />
            <TextInput
              label="Category"
              required
              value={form.category}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, category: v }));
              }}
              error={fields['input.category']}
            />
            <TextInput
              label="Website"
              value={form.website}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, website: v }));
              }}
              error={fields['input.website']}
            />
            <Group grow>
              <TextInput
                label="Contract start"
                type="date"
                value={form.contractStart}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setForm((f) => ({ ...f, contractStart: v }));
                }}
                error={fields['input.contractStart']}
              />
              <TextInput
                label="Contract end"
                type="date"
                value={form.contractEnd}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setForm((f) => ({ ...f, contractEnd: v }));
                }}
                error={fields['input.contractEnd']}
              />
            </Group>
            <Select
              label="Data it handles"
              data={options(['NONE', 'INTERNAL', 'CONFIDENTIAL', 'PERSONAL', 'SPECIAL_CATEGORY'])}
              value={form.tier.dataSensitivity}
              allowDeselect={false}
              onChange={(v) => v && tier({ dataSensitivity: v as DataSensitivity })}
            />
            <Select
              label="Access to our systems"
              data={options(['NONE', 'DATA', 'NETWORK', 'PRIVILEGED'])}
              value={form.tier.accessLevel}
              allowDeselect={false}
              onChange={(v) => v && tier({ accessLevel: v as AccessLevel })}
            />
            <Select
              label="How hard to replace"
              data={options(['EASY', 'MODERATE', 'HARD'])}
              value={form.tier.substitutability}
              allowDeselect={false}
              onChange={(v) => v && tier({ substitutability: v as Substitutability })}
            />
            <Switch label="Relevant to NIS 2" mt="lg" checked={form.tier.nis2Relevant} onChange={(e) => tier({ nis2Relevant: e.currentTarget.checked })} />
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setForm((f) => ({ ...f, description: v }));
            }}
            error={fields['input.description']}
          />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={result.fetching}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

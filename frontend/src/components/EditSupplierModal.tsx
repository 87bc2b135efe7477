// Editing a supplier's profile, identifiers and tier; a tier change re-scores the supplier on
// the server.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { COUNTRIES } from '../lib/countries';
import { IdentifierFields, TierFields, identifierInput, type Tier } from './SupplierFields';

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
  tierProfile: Tier;
  identifiers?: { lei?: string | null; vatNumber?: string | null; duns?: string | null; nationalRegistryNumber?: string | null } | null;
}

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
    identifiers: {
      lei: supplier.identifiers?.lei ?? '',
      vatNumber: supplier.identifiers?.vatNumber ?? '',
      duns: supplier.identifiers?.duns ?? '',
      nationalRegistryNumber: supplier.identifiers?.nationalRegistryNumber ?? '',
    },
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
        ...identifierInput(form.identifiers),
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
          </SimpleGrid>
          <TierFields value={form.tier} onChange={(tier) => setForm((f) => ({ ...f, tier }))} />
          <IdentifierFields value={form.identifiers} onChange={(identifiers) => setForm((f) => ({ ...f, identifiers }))} errors={fields} />
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

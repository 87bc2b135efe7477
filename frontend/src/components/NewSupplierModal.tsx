// Registering a supplier: the essentials, a first contact, its tier and identifiers; the API's
// field errors appear next to their fields.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { COUNTRIES } from '../lib/countries';
import { IdentifierFields, LOWEST_TIER, NO_IDENTIFIERS, TierFields, identifierInput, type Identifiers, type Tier } from './SupplierFields';

const CREATE = graphql(`
  mutation CreateSupplier($input: NewSupplier!) {
    createSupplier(input: $input) {
      id
      legalName
    }
  }
`);

const STATUSES = ['PROSPECT', 'ONBOARDING', 'ACTIVE'] as const;

export function NewSupplierModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [form, setForm] = useState({ legalName: '', country: '', category: '', website: '', status: 'PROSPECT', contactName: '', contactEmail: '' });
  const [tier, setTier] = useState<Tier>(LOWEST_TIER);
  const [identifiers, setIdentifiers] = useState<Identifiers>(NO_IDENTIFIERS);
  const [result, create] = useMutation(CREATE);
  const navigate = useNavigate();
  const fields = fieldErrors(result.error);
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const unplaced = Object.keys(fields).filter(
    (f) =>
      ![
        'input.legalName',
        'input.country',
        'input.category',
        'input.website',
        'input.contacts[0].name',
        'input.contacts[0].email',
        'input.lei',
        'input.vatNumber',
        'input.duns',
        'input.nationalRegistryNumber',
      ].includes(f),
  );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const contact = form.contactName.trim() || form.contactEmail.trim() ? [{ name: form.contactName, email: form.contactEmail }] : [];
    const answer = await create({
      input: {
        legalName: form.legalName,
        country: form.country.trim().toUpperCase(),
        category: form.category,
        website: form.website.trim() || null,
        status: form.status as (typeof STATUSES)[number],
        contacts: contact,
        tier,
        ...identifierInput(identifiers),
      },
    });
    if (answer.data) {
      onClose();
      navigate(`/suppliers/${answer.data.createSupplier.id}`);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New supplier" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {result.error && (!Object.keys(fields).length || unplaced.length > 0) && (
            <Alert color="red" role="alert">
              {unplaced.length ? unplaced.map((f) => `${f}: ${fields[f]}`).join('; ') : errorMessage(result.error)}
            </Alert>
          )}
          <TextInput
            label="Legal name"
            required
            value={form.legalName}
            onChange={(e) => set('legalName')(e.currentTarget.value)}
            error={fields['input.legalName']}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Country"
              description="Where it is incorporated"
              required
              searchable
              data={COUNTRIES}
              value={form.country || null}
              onChange={(v) => set('country')(v ?? '')}
              nothingFoundMessage="No country of that name"
              error={fields['input.country']}
            />
            <TextInput
              label="Category"
              description="e.g. Cloud hosting"
              required
              value={form.category}
              onChange={(e) => set('category')(e.currentTarget.value)}
              error={fields['input.category']}
            />
            <TextInput
              label="Website"
              description="e.g. example.com"
              value={form.website}
              onChange={(e) => set('website')(e.currentTarget.value)}
              error={fields['input.website']}
            />
            <Select
              label="Status"
              data={STATUSES.map((s) => ({ value: s, label: s.toLowerCase() }))}
              value={form.status}
              onChange={(v) => set('status')(v ?? 'PROSPECT')}
              allowDeselect={false}
            />
            <TextInput
              label="Contact name"
              value={form.contactName}
              onChange={(e) => set('contactName')(e.currentTarget.value)}
              error={fields['input.contacts[0].name']}
            />
            <TextInput
              label="Contact e-mail"
              type="email"
              value={form.contactEmail}
              onChange={(e) => set('contactEmail')(e.currentTarget.value)}
              error={fields['input.contacts[0].email']}
            />
          </SimpleGrid>
          <Title order={3} size="h5">
            Tier: what it handles and how hard it is to replace
          </Title>
          <TierFields value={tier} onChange={setTier} />
          <Title order={3} size="h5">
            Identifiers
          </Title>
          <IdentifierFields value={identifiers} onChange={setIdentifiers} errors={fields} />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={result.fetching}>
              Create supplier
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

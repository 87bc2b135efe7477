// Erasing a person (administrators, GDPR Art. 17): a supplier contact or a user. The question
// says what happens and cannot be undone; the administrator types the person's e-mail address
// before the red button works, and learns the pseudonym the person goes by from then on.
import { useState } from 'react';
import { List, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { ConfirmModal } from './dependencies/ConfirmModal';

const ERASE = graphql(`
  mutation ErasePerson($contactId: UUID, $userId: UUID) {
    erasePerson(contactId: $contactId, userId: $userId) {
      pseudonym
      rowsChanged
      mailCopies
    }
  }
`);

export interface PersonToErase {
  kind: 'contact' | 'user';
  id: string;
  name: string;
  email: string;
}

/** Whether an address is already a pseudonym's (`erased-…@erased.invalid`): nothing left to erase. */
export const isErased = (email: string) => email.toLowerCase().endsWith('@erased.invalid');

/** The confirmation, mounted while `person` is being erased; `onErased` refreshes the list. */
export function ErasePersonModal({ person, onClose, onErased }: { person: PersonToErase; onClose: () => void; onErased: () => void }) {
  const [typed, setTyped] = useState('');
  const [erasure, erase] = useMutation(ERASE);
  const matches = typed.trim().toLowerCase() === person.email.toLowerCase();
  const problem = erasure.error ? (Object.values(fieldErrors(erasure.error))[0] ?? errorMessage(erasure.error)) : null;
  const confirm = async () => {
    if (!matches) return;
    const ids = person.kind === 'contact' ? { contactId: person.id } : { userId: person.id };
    // The person's name changes everywhere: cached lists naming them are fetched anew.
    const result = await erase(ids, { additionalTypenames: ['SupplierContact', 'User', 'Supplier', 'Invitation', 'AuditEvent'] });
    const done = result.data?.erasePerson;
    if (!done) return;
    notifications.show({
      color: 'teal',
      title: `${person.name} erased`,
      message: `They are "${done.pseudonym}" in every record from now on (${done.rowsChanged} records rewritten).`,
      autoClose: 15_000,
    });
    onClose();
    onErased();
  };
  return (
    <ConfirmModal
      opened
      title={`Erase ${person.name}?`}
      body="This cannot be undone."
      confirm="Erase"
      busy={erasure.fetching}
      problem={problem}
      confirmDisabled={!matches}
      onConfirm={confirm}
      onClose={onClose}
    >
      <List size="sm" spacing={4}>
        <List.Item>
          Their name, e-mail address and phone number are replaced by a pseudonym in every record of the organisation: the register, assessments, the audit
          trail, webhook events and copies of e-mails.
        </List.Item>
        <List.Item>The audit trail keeps who did what, under the pseudonym.</List.Item>
        <List.Item>Documents they uploaded are not changed.</List.Item>
        {person.kind === 'user' && <List.Item>They can no longer sign in.</List.Item>}
      </List>
      <TextInput
        data-autofocus
        label="Type their e-mail address to confirm"
        description={person.email}
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
      />
    </ConfirmModal>
  );
}

// Editing a service and deleting it: the deletion asks first, saying which dependencies go
// with it, and leads back to the list of services.
import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { type DependencyRow, serviceDeletion } from '../../lib/dependencies';
import { errorMessage } from '../../lib/errors';
import { ConfirmModal } from './ConfirmModal';
import { type ServiceFields, ServiceModal } from './ServiceModal';

const DELETE = graphql(`
  mutation DeleteService($id: UUID!) {
    deleteService(id: $id)
  }
`);

interface Props {
  service: ServiceFields & { dependsOn: DependencyRow[]; dependents: DependencyRow[] };
  changed: () => void;
}

export function ServiceActions({ service, changed }: Props) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleted, remove] = useMutation(DELETE);
  const navigate = useNavigate();

  const confirmDeletion = async () => {
    // The answer is only an id: name the type, so that cached lists of services are fetched anew.
    const result = await remove({ id: service.id }, { additionalTypenames: ['Service', 'Dependency'] });
    if (result.error) return;
    notifications.show({ color: 'teal', title: 'Service deleted', message: service.name });
    navigate('/services');
  };

  return (
    <Group gap="xs">
      <Button size="xs" variant="default" onClick={() => setEditing(true)}>
        Edit service
      </Button>
      <Button size="xs" variant="outline" color="red" onClick={() => setDeleting(true)}>
        Delete service
      </Button>
      {editing && (
        <ServiceModal
          service={service}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            changed();
          }}
        />
      )}
      <ConfirmModal
        opened={deleting}
        title={`Delete ${service.name}?`}
        body={serviceDeletion(service)}
        confirm="Delete the service"
        busy={deleted.fetching}
        problem={errorMessage(deleted.error)}
        onConfirm={confirmDeletion}
        onClose={() => setDeleting(false)}
      />
    </Group>
  );
}

// The contract clauses IR 2024/2690 5.1.4 asks for, (a) to (h): present, absent or unknown,
// changed one at a time by those who may.
import { Select, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { ClauseStatus } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { words } from '../lib/format';

const UPDATE = graphql(`
  mutation UpdateContractClauses($id: UUID!, $clauses: ContractClausesInput!) {
    updateSupplier(id: $id, input: { contractClauses: $clauses }) {
      id
      contractClauses {
        securityRequirements
      }
    }
  }
`);

export const CLAUSES = [
  ['securityRequirements', '(a) Security requirements'],
  ['staffTraining', '(b) Staff training and awareness'],
  ['backgroundChecks', '(c) Background checks'],
  ['incidentNotification', '(d) Incident notification'],
  ['rightToAudit', '(e) Right to audit'],
  ['vulnerabilityHandling', '(f) Vulnerability handling'],
  ['subcontracting', '(g) Subcontracting conditions'],
  ['termination', '(h) Termination and exit'],
] as const;

type Clauses = Record<(typeof CLAUSES)[number][0], ClauseStatus>;

export function ContractClauses({ supplierId, clauses, canWrite, changed }: { supplierId: string; clauses: Clauses; canWrite: boolean; changed: () => void }) {
  const [, update] = useMutation(UPDATE);
  const set = async (clause: keyof Clauses, value: ClauseStatus) => {
    const result = await update({ id: supplierId, clauses: { [clause]: value } });
    if (result.error) notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(result.error) });
    else changed();
  };
  return (
    <Table>
      <Table.Tbody>
        {CLAUSES.map(([clause, label]) => (
          <Table.Tr key={clause}>
            <Table.Td>{label}</Table.Td>
            <Table.Td w={200}>
              {canWrite ? (
                <Select
                  aria-label={label}
                  size="xs"
                  allowDeselect={false}
                  value={clauses[clause]}
                  data={['PRESENT', 'ABSENT', 'UNKNOWN'].map((v) => ({ value: v, label: words(v) }))}
                  onChange={(v) => v && set(clause, v as ClauseStatus)}
                />
              ) : (
                words(clauses[clause])
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

// One supplier: profile and tier, contacts, contract clauses, assessments, the latest score
// with its explanation, findings and the dependency neighbourhood; all of it as a PDF report.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, List, Progress, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import { ratingColor, readReport } from '../lib/score';
import { usePermissions } from '../auth/permissions';
import { SendQuestionnaireModal } from '../components/SendQuestionnaireModal';
import { EditSupplierModal } from '../components/EditSupplierModal';
import { Contacts } from '../components/Contacts';
import { ContractClauses } from '../components/ContractClauses';
import { SupplierStatus } from '../components/SupplierStatus';
import { SupplierFindings } from '../components/findings/SupplierFindings';
import { SupplierDependencies } from '../components/dependencies/SupplierDependencies';
import { words } from '../lib/format';
import { lineSource } from '../lib/foreignQuestionnaire';
import { SupplierQuestionnaireWizard } from '../components/supplierQuestionnaire/SupplierQuestionnaireWizard';
import { SUPPLIER_REPORT } from '../components/reports/queries';
import { ReportButton, ReportProblem } from '../components/reports/ReportButton';
import { useFileDownload } from '../components/reports/useFileDownload';

const SUPPLIER = graphql(`
  query SupplierPage($id: UUID!) {
    supplier(id: $id) {
      id
      legalName
      country
      category
      status
      allowedNextStatuses
      website
      description
      contractStart
      contractEnd
      identifiers {
        lei
        vatNumber
        duns
        nationalRegistryNumber
      }
      tierProfile {
        dataSensitivity
        accessLevel
        substitutability
        nis2Relevant
        ictServices
      }
      contractClauses {
        securityRequirements
        staffTraining
        backgroundChecks
        incidentNotification
        rightToAudit
        vulnerabilityHandling
        subcontracting
        termination
      }
      contacts {
        id
        name
        email
        role
      }
    }
    scoreSnapshots(supplierId: $id) {
      id
      createdAt
      reason
      securityScore
      coverage
      inherentRisk
      residualRisk
      rating
      report
    }
    assessments(supplierId: $id) {
      id
      status
      templateTitle
      dueDate
      completedAt
    }
    findings(supplierId: $id) {
      id
      title
      severity
      status
      riskReason
      riskAcceptedUntil
      dueDate
      overdue
    }
  }
`);

export default function SupplierPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SUPPLIER, variables: { id } });
  const [sending, setSending] = useState(false);
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [tab, setTab] = useState<string | null>('score');
  const { canWrite } = usePermissions();
  const pdf = useFileDownload(SUPPLIER_REPORT, (d) => d.supplierReport);
  const ids = data?.supplier.identifiers;
  const identifiers = [
    ['LEI', ids?.lei],
    ['VAT', ids?.vatNumber],
    ['DUNS', ids?.duns],
    ['Registry', ids?.nationalRegistryNumber],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const { supplier, scoreSnapshots, assessments, findings } = data;
  const latest = scoreSnapshots[0];
  const report = readReport(latest?.report);

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Title order={1} size="h2">
            {supplier.legalName}
          </Title>
          <Text c="dimmed">
            {supplier.category} · {supplier.country} · {words(supplier.status)}
          </Text>
        </div>
        <Group>
          {latest && (
            <Badge size="lg" color={ratingColor(latest.rating)}>
              {words(latest.rating)} risk
            </Badge>
          )}
          <ReportButton label="Download report (PDF)" state={pdf} onClick={() => pdf.download({ id: supplier.id })} />
          {canWrite && <SupplierStatus supplier={supplier} changed={() => refetch({ requestPolicy: 'network-only' })} />}
          {canWrite && (
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          {canWrite && (
            <Button size="xs" variant="default" onClick={() => setImporting(true)}>
              Import the supplier's own questionnaire
            </Button>
          )}
          {canWrite && (
            <Button size="xs" onClick={() => setSending(true)} disabled={!supplier.contacts.length}>
              Send questionnaire
            </Button>
          )}
        </Group>
      </Group>
      <ReportProblem title="The report cannot be made" state={pdf} />
      <SupplierQuestionnaireWizard
        supplierId={supplier.id}
        supplierName={supplier.legalName}
        opened={importing}
        onClose={() => setImporting(false)}
        onRecorded={() => {
          setTab('assessments');
          refetch({ requestPolicy: 'network-only' });
        }}
      />
      {editing && (
        <EditSupplierModal
          supplier={supplier}
          opened={editing}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      <SendQuestionnaireModal
        supplierId={supplier.id}
        contacts={supplier.contacts}
        opened={sending}
        onClose={() => setSending(false)}
        onSent={() => {
          setSending(false);
          setTab('assessments');
          refetch({ requestPolicy: 'network-only' });
        }}
      />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Title order={2} size="h5">
            Score
          </Title>
          {latest ? (
            <>
              <Text size="xl" fw={700}>
                {latest.securityScore.toFixed(0)}/100
              </Text>
              <Text size="sm" c="dimmed">
                coverage {latest.coverage.toFixed(0)}%, residual risk {latest.residualRisk.toFixed(1)}/5 (inherent {latest.inherentRisk.toFixed(1)})
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Not assessed yet.
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h5">
            Tier
          </Title>
          <Text size="sm">Data: {words(supplier.tierProfile.dataSensitivity)}</Text>
          <Text size="sm">Access: {words(supplier.tierProfile.accessLevel)}</Text>
          <Text size="sm">Substitutability: {words(supplier.tierProfile.substitutability)}</Text>
          <Text size="sm">NIS 2: {supplier.tierProfile.nis2Relevant ? 'relevant' : 'not relevant'}</Text>
          {identifiers && (
            <Text size="sm" data-identifiers>
              {identifiers}
            </Text>
          )}
          {supplier.website && (
            <Anchor href={supplier.website} target="_blank" rel="noopener noreferrer" size="sm">
              {supplier.website}
            </Anchor>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h5">
            Contacts
          </Title>
          <Contacts supplierId={supplier.id} contacts={supplier.contacts} canWrite={canWrite} changed={() => refetch({ requestPolicy: 'network-only' })} />
        </Card>
      </SimpleGrid>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="score">Score explained</Tabs.Tab>
          <Tabs.Tab value="findings">Findings ({findings.length})</Tabs.Tab>
          <Tabs.Tab value="assessments">Assessments ({assessments.length})</Tabs.Tab>
          <Tabs.Tab value="graph">Dependencies</Tabs.Tab>
          <Tabs.Tab value="contract">Contract</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="score" pt="md">
          {latest ? (
            <Stack>
              <List size="sm">
                {report.summary.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Card withBorder>
                  <Title order={3} size="h5" mb="xs">
                    ISO/IEC 27001 themes
                  </Title>
                  {report.themes.map((t) => (
                    <div key={t.id}>
                      <Group justify="space-between">
                        <Text size="sm">{t.title}</Text>
                        <Text size="sm">{t.score === null ? 'n/a' : t.score.toFixed(0)}</Text>
                      </Group>
                      <Progress value={t.score ?? 0} aria-label={`${t.title} score`} />
                    </div>
                  ))}
                </Card>
                <Card withBorder>
                  <Title order={3} size="h5" mb="xs">
                    NIS 2 Art. 21(2) points
                  </Title>
                  {report.nis2_points.map((p) => (
                    <Group key={p.id} justify="space-between" wrap="nowrap">
                      <Text size="sm" truncate="end" title={p.title}>
                        {p.id} {p.title}
                      </Text>
                      <Text size="sm">{p.score === null ? 'not asked' : p.score.toFixed(0)}</Text>
                    </Group>
                  ))}
                </Card>
              </SimpleGrid>
              <Card withBorder>
                <Title order={3} size="h5" mb="xs">
                  Where the points were lost
                </Title>
                <List size="sm" data-points-lost>
                  {report.topQuestions.map((line) => {
                    // A follow-up's score also counts the supplier's own questionnaire: its
                    // questions say which questionnaire they come from.
                    const from = lineSource(line);
                    return (
                      <List.Item key={line}>
                        {from ? (
                          <>
                            <Badge size="sm" variant="light" color="grape" tt="none" mr={6} data-source>
                              {from.source}
                            </Badge>
                            {from.question}
                            {from.rest}
                          </>
                        ) : (
                          line
                        )}
                      </List.Item>
                    );
                  })}
                </List>
              </Card>
              <Card withBorder>
                <Title order={3} size="h5" mb="xs">
                  Score history
                </Title>
                <Table>
                  <Table.Tbody>
                    {scoreSnapshots.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>{s.createdAt.slice(0, 10)}</Table.Td>
                        <Table.Td>{s.securityScore.toFixed(0)}/100</Table.Td>
                        <Table.Td>residual {s.residualRisk.toFixed(1)}</Table.Td>
                        <Table.Td>{s.reason}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            </Stack>
          ) : (
            <Text c="dimmed">No completed assessment yet.</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="findings" pt="md">
          <SupplierFindings supplier={supplier} findings={findings} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="assessments" pt="md">
          <Table>
            <Table.Tbody>
              {assessments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/assessments/${a.id}`}>
                      {a.templateTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{words(a.status)}</Table.Td>
                  <Table.Td>{a.completedAt ? `completed ${a.completedAt.slice(0, 10)}` : a.dueDate ? `due ${a.dueDate}` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="graph" pt="md">
          <SupplierDependencies supplierId={supplier.id} canWrite={canWrite} changed={() => refetch({ requestPolicy: 'network-only' })} />
        </Tabs.Panel>
        <Tabs.Panel value="contract" pt="md">
          <Text size="sm" mb="xs">
            Contract {supplier.contractStart ?? '?'} to {supplier.contractEnd ?? 'open-ended'}
          </Text>
          <ContractClauses
            supplierId={supplier.id}
            clauses={supplier.contractClauses}
            canWrite={canWrite}
            changed={() => refetch({ requestPolicy: 'network-only' })}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

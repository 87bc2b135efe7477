// The analyst's overview: the risk heat map, ratings, campaigns out with suppliers, overdue
// remediation and the latest completed assessments; the same for the board as a PDF report.
import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { heatGrid } from '../lib/heat';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import classes from './Dashboard.module.css';
import { PORTFOLIO_REPORT } from '../components/reports/queries';
import { ReportButton, ReportProblem } from '../components/reports/ReportButton';
import { useFileDownload } from '../components/reports/useFileDownload';

const DASHBOARD = graphql(`
  query Dashboard {
    portfolio {
      heatMap {
        inherent
        residual
        suppliers
        worstRating
        critical
        high
        medium
        low
      }
      ratingDistribution {
        low
        medium
        high
        critical
        unrated
      }
      campaignsInFlight {
        id
        name
        dueDate
        progress {
          total
          sent
          inProgress
          submitted
          completed
          overdue
        }
      }
      recentlyCompleted(first: 5) {
        id
        completedAt
        templateTitle
        supplier {
          id
          legalName
        }
      }
    }
    overdue: findingsBoard(filter: { overdue: true }, first: 0) {
      totalCount
    }
    open: findingsBoard(filter: { status: [OPEN, IN_PROGRESS] }, first: 0) {
      totalCount
    }
  }
`);

const RATINGS = [
  { key: 'critical', label: 'Critical', color: 'red' },
  { key: 'high', label: 'High', color: 'orange' },
  { key: 'medium', label: 'Medium', color: 'yellow' },
  { key: 'low', label: 'Low', color: 'teal' },
  { key: 'unrated', label: 'Not yet rated', color: 'gray' },
] as const;

export default function Dashboard() {
  const [{ data, error, fetching }] = useQuery({ query: DASHBOARD });
  const navigate = useNavigate();
  const report = useFileDownload(PORTFOLIO_REPORT, (d) => d.portfolioReport);
  if (!data) return fetching ? <Loading /> : <Text c="red">{errorMessage(error)}</Text>;
  const { portfolio } = data;
  const ratings = portfolio.ratingDistribution;
  const rated = RATINGS.reduce((sum, r) => sum + ratings[r.key], 0);
  const recent = portfolio.recentlyCompleted;

  return (
    <Stack>
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          Dashboard
        </Title>
        <ReportButton label="Board report (PDF)" state={report} onClick={() => report.download({})} />
      </Group>
      <ReportProblem title="The board report cannot be made" state={report} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Risk heat map
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Rows: inherent risk, what a supplier could do to you (its data, access, the services that depend on it). Columns: residual risk, what its answers
            leave of that. Colour: the worst rating in the cell, after your rating bands and knock-out questions.
          </Text>
          <div className={classes.heat} role="table" aria-label="Risk heat map">
            {heatGrid(portfolio.heatMap).map((row) => (
              <div role="row" className={classes.heatRow} key={row[0].inherent}>
                <Text role="rowheader" size="xs" className={classes.axis}>
                  {row[0].inherent}
                </Text>
                {row.map((cell) => (
                  <Tooltip key={cell.residual} label={`Inherent ${cell.inherent}, residual ${cell.residual}: ${cell.label}`}>
                    {cell.suppliers ? (
                      <Link
                        role="cell"
                        to={`/suppliers?inherent=${cell.inherent}&residual=${cell.residual}`}
                        className={`${classes.cell} ${classes[cell.tone]}`}
                        aria-label={`Inherent ${cell.inherent}, residual ${cell.residual}: ${cell.label}`}
                        data-tone={cell.tone}
                      >
                        {cell.suppliers}
                      </Link>
                    ) : (
                      <div role="cell" className={classes.cell} data-empty />
                    )}
                  </Tooltip>
                ))}
              </div>
            ))}
            <div className={classes.heatRow} aria-hidden>
              <span className={classes.axis} />
              {[1, 2, 3, 4, 5].map((r) => (
                <Text key={r} size="xs" ta="center" className={classes.axisCell}>
                  {r}
                </Text>
              ))}
            </div>
            <Text size="xs" c="dimmed" ta="center" className={classes.axisTitle}>
              residual risk →
            </Text>
          </div>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Ratings
          </Title>
          <Stack gap="xs">
            {RATINGS.map((r) => (
              <UnstyledButton key={r.key} onClick={() => navigate(`/suppliers?rating=${r.key.toUpperCase()}`)} data-rating={r.key}>
                <Group justify="space-between" mb={2}>
                  <Text size="sm">{r.label}</Text>
                  <Text size="sm" fw={600}>
                    {ratings[r.key]}
                  </Text>
                </Group>
                <Progress value={rated ? (100 * ratings[r.key]) / rated : 0} color={r.color} aria-hidden />
              </UnstyledButton>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Remediation
          </Title>
          <Group grow>
            <Anchor component={Link} to="/findings?status=OPEN&status=IN_PROGRESS" underline="never">
              <Text size="xl" fw={700}>
                {data.open.totalCount}
              </Text>
              <Text size="sm" c="dimmed">
                open findings
              </Text>
            </Anchor>
            <Anchor component={Link} to="/findings?overdue=true" underline="never" c="red">
              <Text size="xl" fw={700}>
                {data.overdue.totalCount}
              </Text>
              <Text size="sm">overdue</Text>
            </Anchor>
          </Group>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Campaigns in flight
          </Title>
          {portfolio.campaignsInFlight.length === 0 && (
            <Text size="sm" c="dimmed">
              No campaign is waiting for answers.
            </Text>
          )}
          <Stack gap="sm">
            {portfolio.campaignsInFlight.map((c) => {
              const done = c.progress.completed;
              return (
                <div key={c.id}>
                  <Group justify="space-between">
                    <Anchor component={Link} to={`/campaigns/${c.id}`} size="sm" fw={600}>
                      {c.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      due {c.dueDate ?? 'open'}
                    </Text>
                  </Group>
                  <Progress.Root size="lg">
                    <Progress.Section
                      value={(100 * done) / Math.max(c.progress.total, 1)}
                      color="teal"
                      aria-label={`${c.name}: ${done} of ${c.progress.total} completed`}
                    />
                    <Progress.Section
                      value={(100 * c.progress.submitted) / Math.max(c.progress.total, 1)}
                      color="indigo"
                      aria-label={`${c.name}: ${c.progress.submitted} to review`}
                    />
                    <Progress.Section
                      value={(100 * c.progress.inProgress) / Math.max(c.progress.total, 1)}
                      color="yellow"
                      aria-label={`${c.name}: ${c.progress.inProgress} answering`}
                    />
                  </Progress.Root>
                  <Text size="xs" c="dimmed">
                    {c.progress.sent} sent, {c.progress.inProgress} answering, {c.progress.submitted} to review, {done} completed
                    {c.progress.overdue ? `, ${c.progress.overdue} overdue` : ''}
                  </Text>
                </div>
              );
            })}
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Recently completed assessments
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Supplier</Table.Th>
              <Table.Th>Questionnaire</Table.Th>
              <Table.Th>Completed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recent.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.supplier ? (
                    <Anchor component={Link} to={`/suppliers/${a.supplier.id}`}>
                      {a.supplier.legalName}
                    </Anchor>
                  ) : (
                    '-'
                  )}
                </Table.Td>
                <Table.Td>{a.templateTitle}</Table.Td>
                <Table.Td>{a.completedAt?.slice(0, 10)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

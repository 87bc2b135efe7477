// On the review of an assessment that holds a supplier's own questionnaire: its Annex A coverage
// (the panel of the import's preview), the 93 controls by status, the follow-ups already
// prepared from it, and "Ask only the gaps" to prepare one.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { QuestionnaireCoverageFieldsFragment } from '../../gql/graphql';
import { words } from '../../lib/format';
import { ControlCoverageTable } from './ControlCoverageTable';
import { CoveragePanel } from './CoveragePanel';
import { GapAssessmentModal } from './GapAssessmentModal';

const FOLLOW_UPS = graphql(`
  query QuestionnaireFollowUps($supplierId: UUID!) {
    assessments(supplierId: $supplierId) {
      id
      status
      templateTitle
      followsAssessmentId
      createdAt
    }
  }
`);

export function QuestionnaireCoverageSection({
  assessmentId,
  supplierId,
  coverage,
  canWrite,
}: {
  assessmentId: string;
  supplierId: string | null;
  coverage: QuestionnaireCoverageFieldsFragment;
  canWrite: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [{ data }] = useQuery({ query: FOLLOW_UPS, variables: { supplierId: supplierId ?? '' }, pause: !supplierId });
  const followUps = (data?.assessments ?? []).filter((a) => a.followsAssessmentId === assessmentId);

  return (
    <Card withBorder data-questionnaire-coverage>
      <Stack>
        <Group justify="space-between" align="start">
          <div>
            <Title order={2} size="h4">
              Annex A coverage of {coverage.questionnaire}
            </Title>
            <Text size="sm" c="dimmed">
              The supplier's own questionnaire, read through the crosswalk: {coverage.questionsMapped} of {coverage.questions} questions count towards ISO/IEC
              27001:2022 Annex A controls.
            </Text>
          </div>
          {canWrite && (
            <Button size="xs" onClick={() => setAsking(true)}>
              Ask only the gaps
            </Button>
          )}
        </Group>
        <CoveragePanel coverage={coverage} wide headings={3} />
        <ControlCoverageTable coverage={coverage} heading={3} />
        {followUps.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              Follow-ups asking its gaps
            </Title>
            <List size="sm" data-follow-ups>
              {followUps.map((f) => (
                <List.Item key={f.id}>
                  <Anchor component={Link} to={`/assessments/${f.id}`} size="sm">
                    {f.templateTitle}
                  </Anchor>{' '}
                  <Badge size="sm" variant="light" color="gray">
                    {words(f.status)}
                  </Badge>{' '}
                  <Text span size="xs" c="dimmed">
                    prepared {f.createdAt.slice(0, 10)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
      <GapAssessmentModal assessmentId={assessmentId} questionnaire={coverage.questionnaire} opened={asking} onClose={() => setAsking(false)} />
    </Card>
  );
}

// On a follow-up's review: which imported questionnaire it follows, and that its score counts
// the answers of both.
import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';

const FOLLOWED = graphql(`
  query FollowedQuestionnaire($id: UUID!) {
    assessment(id: $id) {
      id
      templateTitle
      submittedAt
    }
  }
`);

export function FollowUpNote({ followsAssessmentId }: { followsAssessmentId: string }) {
  const [{ data }] = useQuery({ query: FOLLOWED, variables: { id: followsAssessmentId } });
  const followed = data?.assessment;
  return (
    <Alert color="indigo" title="Asks only the gaps of the supplier's own questionnaire" data-follows={followsAssessmentId}>
      <Text size="sm">
        Follow-up to{' '}
        <Anchor component={Link} to={`/assessments/${followsAssessmentId}`} size="sm" fw={600}>
          {followed ? followed.templateTitle : "the supplier's own questionnaire"}
        </Anchor>
        {followed?.submittedAt ? ` (imported ${followed.submittedAt.slice(0, 10)})` : ''}: its score combines both.
      </Text>
    </Alert>
  );
}

// Why a finding exists: the question the supplier answered, its answer in words (an option's
// label, not its code), what would have been compliant, the supplier's remark and the documents
// attached to the answer.
import { Card, Stack, Text, Title } from '@mantine/core';
import type { FindingPageQuery } from '../../gql/graphql';
import { readableAnswer } from '../../lib/answers';
import { DocumentLink } from '../DocumentLink';

type Basis = FindingPageQuery['finding']['basis'];

const SOURCE: Record<string, string> = { PORTAL: 'typed in the portal', SPREADSHEET: 'imported from a spreadsheet', API: 'sent through the API' };

export function FindingBasisCard({ basis }: { basis: Basis }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Why it was raised
        </Title>
        {!basis && (
          <Text size="sm" c="dimmed">
            Raised by hand, not from a questionnaire answer.
          </Text>
        )}
        {basis && (
          <>
            <Text size="sm">
              <Text span c="dimmed">
                {basis.question.id}
              </Text>{' '}
              {basis.question.text}
            </Text>
            <Text size="sm" data-answer>
              Answer: <strong>{basis.answer ? readableAnswer(basis.question, basis.answer.canonicalValue) : 'not answered'}</strong>
              {basis.answer && (
                <Text span c="dimmed" size="xs">
                  {' '}
                  ({SOURCE[basis.answer.source] ?? basis.answer.source}, {new Date(basis.answer.updatedAt).toLocaleDateString()})
                </Text>
              )}
            </Text>
            {basis.question.compliantAnswers.length > 0 && (
              <Text size="sm" c="dimmed">
                Compliant: {basis.question.compliantAnswers.map((a) => readableAnswer(basis.question, a)).join(' or ')}
              </Text>
            )}
            {basis.answer?.comment && <Text size="sm">Supplier&apos;s remark: “{basis.answer.comment}”</Text>}
            {basis.evidence.map((d) => (
              <DocumentLink key={d.id} document={d} />
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}

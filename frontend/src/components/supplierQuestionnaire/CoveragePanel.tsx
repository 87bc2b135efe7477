// What a supplier's own questionnaire covers of ISO/IEC 27001:2022 Annex A: the figures (controls
// covered, compliant and not covered of the 93, the confidence), each NIS 2 Art. 21(2) point as
// a bar of its related controls covered, and the server's explanation (its summary, then each
// control's reasoning on demand). The same panel in the import's preview and on the review.
import { useState } from 'react';
import { Anchor, Group, List, Paper, Progress, SimpleGrid, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import type { QuestionnaireCoverageFieldsFragment } from '../../gql/graphql';
import { coverageFigures, nis2Figure, nis2Share } from '../../lib/foreignQuestionnaire';

/** The explanation's first lines say what was covered and the rule; the rest, one a control. */
const SUMMARY_LINES = 3;

export function CoveragePanel({
  coverage,
  wide = false,
  headings = 4,
}: {
  coverage: QuestionnaireCoverageFieldsFragment;
  /** Side by side (NIS 2 points beside the explanation) on a wide page; stacked in a dialog. */
  wide?: boolean;
  /** The level of the panel's own headings. */
  headings?: TitleOrder;
}) {
  const [everyLine, setEveryLine] = useState(false);
  const more = coverage.explanation.length - SUMMARY_LINES;
  const lines = everyLine ? coverage.explanation : coverage.explanation.slice(0, SUMMARY_LINES);
  return (
    <Stack gap="md" data-coverage>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {coverageFigures(coverage).map((f) => (
          <Paper withBorder p="xs" key={f.key} data-figure={f.key}>
            <Text size="xl" fw={700} lh={1.3}>
              {f.value}
            </Text>
            <Text size="xs" c="dimmed">
              {f.words}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: wide ? 2 : 1 }} spacing="lg">
        <div>
          <Title order={headings} size="h5">
            NIS 2 Art. 21(2) points
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            Of the Annex A controls the ENISA mapping relates to each point, those the answers cover.
          </Text>
          <Stack gap={6}>
            {coverage.nis2Points.map((p) => (
              <div key={p.id} data-nis2={p.id}>
                <Group justify="space-between" wrap="nowrap" gap="xs" align="start" mb={2}>
                  <Text size="sm">
                    {p.id} {p.title}
                  </Text>
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {nis2Figure(p)}
                  </Text>
                </Group>
                <Progress
                  value={nis2Share(p)}
                  color={p.controls > 0 && p.covered === p.controls ? 'teal' : undefined}
                  aria-label={`${p.id} ${p.title}: ${p.covered} of ${p.controls} related controls covered`}
                />
              </div>
            ))}
          </Stack>
        </div>
        <div>
          <Title order={headings} size="h5" mb="xs">
            How it was read
          </Title>
          <List size="sm" spacing={4} data-explanation>
            {lines.map((line) => (
              <List.Item key={line} style={{ overflowWrap: 'anywhere' }}>
                {line}
              </List.Item>
            ))}
          </List>
          {more > 0 && (
            <Anchor component="button" type="button" size="sm" mt={4} onClick={() => setEveryLine((v) => !v)} aria-expanded={everyLine}>
              {everyLine ? 'Show the summary only' : `Show each control's reasoning (${more} more)`}
            </Anchor>
          )}
        </div>
      </SimpleGrid>
    </Stack>
  );
}

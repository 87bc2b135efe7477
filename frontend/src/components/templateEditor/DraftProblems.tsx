// The API's problems with the draft, listed above the form: each says where it is in words, with
// the path the API gave; a problem the form can show is a link that unfolds its question.
import { Alert, Anchor, Code, List } from '@mantine/core';
import type { PlacedProblem } from '../../lib/templateProblems';

interface Props {
  problems: PlacedProblem[];
  onReveal: (problem: PlacedProblem) => void;
}

export function DraftProblems({ problems, onReveal }: Props) {
  if (!problems.length) return null;
  return (
    <Alert color="red" title="The draft needs changes">
      <List size="sm" spacing={4}>
        {problems.map((p) => (
          <List.Item key={p.path}>
            {p.places.length ? (
              <Anchor component="button" type="button" size="sm" c="red.9" underline="always" onClick={() => onReveal(p)}>
                {p.where}
              </Anchor>
            ) : (
              p.where
            )}
            : {p.message} <Code>{p.path}</Code>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

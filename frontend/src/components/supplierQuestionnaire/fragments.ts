// The coverage of a supplier's own questionnaire as the preview of its import and the review of
// its assessment both read it, one selection that graphql-codegen spreads into each query's types.
import { graphql } from '../../gql';

export const QUESTIONNAIRE_COVERAGE_FIELDS = graphql(`
  fragment QuestionnaireCoverageFields on QuestionnaireCoverage {
    questionnaire
    questions
    questionsMapped
    questionsNotMapped
    controlsCovered
    controlsCompliant
    controlsNotCovered
    confidence
    explanation
    nis2Points {
      id
      title
      controls
      covered
    }
    controls {
      id
      title
      status
      strength
      evidence {
        questionId
        answer
        spread
        weight
      }
    }
  }
`);

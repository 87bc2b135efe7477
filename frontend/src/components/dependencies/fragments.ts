// The fields every dependency list reads (a service's and a supplier's, both directions), one
// selection that graphql-codegen spreads into each query's types.
import { graphql } from '../../gql';

export const DEPENDENCY_FIELDS = graphql(`
  fragment DependencyFields on Dependency {
    id
    function
    description
    alternative
    dependent {
      ... on Supplier {
        id
        legalName
      }
      ... on Service {
        id
        name
      }
    }
    provider {
      ... on Supplier {
        id
        legalName
      }
      ... on Service {
        id
        name
      }
    }
  }
`);

// The audit log's one query, shared by the page and its CSV export.
import { graphql } from '../../gql';

export const AUDIT_LOG = graphql(`
  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        actorKind
        actorId
        actorLabel
        action
        objectType
        objectId
        changes
        createdAt
      }
    }
  }
`);

// The reports as files to download: a supplier's report and the board's portfolio report as
// PDF/A, the NIS 2 audit pack for a period as a zip.
import { graphql } from '../../gql';

export const SUPPLIER_REPORT = graphql(`
  query SupplierReport($id: UUID!) {
    supplierReport(id: $id, format: PDF) {
      fileName
      contentType
      size
      base64
    }
  }
`);

export const PORTFOLIO_REPORT = graphql(`
  query PortfolioReport {
    portfolioReport(format: PDF) {
      fileName
      contentType
      size
      base64
    }
  }
`);

export const AUDIT_PACK = graphql(`
  query AuditPack($from: NaiveDate!, $until: NaiveDate!) {
    auditPack(from: $from, until: $until) {
      fileName
      contentType
      size
      base64
    }
  }
`);

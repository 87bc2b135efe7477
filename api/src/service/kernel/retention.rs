//! How long an organisation keeps what it no longer needs: part of its settings, changed by
//! administrators on its own (`updateRetention`). The worker's daily purge is
//! `stewardship::retention`.
use crate::error::Problems;
use async_graphql::{InputObject, SimpleObject};
use serde::{Deserialize, Serialize};

/// Retention periods, in days since a thing was created (a document: since its supplier was
/// terminated). The worker deletes what is older once a day and records how many of each.
/// Fields left out of an input take their defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject, InputObject)]
#[graphql(input_name = "RetentionInput")]
#[serde(default)]
pub struct Retention {
    /// Copies of sent (or given-up) e-mails: recipient, subject, text (7 to 3,650; default 180).
    #[graphql(default = 180)]
    pub mail_copies_days: i32,
    /// Webhook delivery logs, and events no delivery waits for (7 to 3,650; default 90).
    #[graphql(default = 90)]
    pub delivery_logs_days: i32,
    /// Spreadsheet imports: previews and committed imports' reports (7 to 3,650; default 365).
    #[graphql(default = 365)]
    pub import_batches_days: i32,
    /// Audit events (365 to 36,500), or null to keep them for ever (the default): audits under
    /// NIS 2 and ISO 27001 look back years.
    pub audit_events_days: Option<i32>,
    /// Documents (evidence) of a supplier, counted from its termination (30 to 3,650), or null to
    /// keep them (default 730).
    #[graphql(default_with = "Some(730)")]
    pub terminated_supplier_documents_days: Option<i32>,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            mail_copies_days: 180,
            delivery_logs_days: 90,
            import_batches_days: 365,
            audit_events_days: None,
            terminated_supplier_documents_days: Some(730),
        }
    }
}

impl Retention {
    /// Every period out of its range, named by its field under `prefix` (`input`).
    pub fn check(&self, prefix: &str, problems: &mut Problems) {
        let mut within = |field: &str, days: Option<i32>, (low, high): (i32, i32)| {
            if days.is_some_and(|d| !(low..=high).contains(&d)) {
                problems.add(format!("{prefix}.{field}"), format!("between {low} and {high} days"));
            }
        };
        within("mailCopiesDays", Some(self.mail_copies_days), (7, 3_650));
        within("deliveryLogsDays", Some(self.delivery_logs_days), (7, 3_650));
        within("importBatchesDays", Some(self.import_batches_days), (7, 3_650));
        within("auditEventsDays", self.audit_events_days, (365, 36_500));
        within("terminatedSupplierDocumentsDays", self.terminated_supplier_documents_days, (30, 3_650));
    }
}

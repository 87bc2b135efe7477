//! The vocabulary of the register: every enumerated column, stored as the same snake_case
//! strings it always was (no data migration), read into a Rust enum (`DeriveActiveEnum`) and
//! exposed as a GraphQL enum. A stored value outside the list fails the query that reads it:
//! the API logs it and answers INTERNAL, instead of guessing a default.
use sea_orm::entity::prelude::*;

/// Declares an enumerated column: a GraphQL enum stored in the database as fixed strings.
macro_rules! db_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $db:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum $name { $($(#[$vmeta])* #[sea_orm(string_value = $db)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value stored in the database.
            pub fn as_db(self) -> &'static str {
                match self { $($name::$variant => $db),+ }
            }

            /// Reads a stored value (from a raw query); None: not one of ours.
            pub fn from_db(value: &str) -> Option<Self> {
                match value { $($db => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_db())
            }
        }

        // Audit events and webhook payloads carry the stored string, as they always did.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_db())
            }
        }

        // Read models store the same strings and read them back.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Self::from_db(&value).ok_or_else(|| serde::de::Error::custom(format!("unknown value {value:?}")))
            }
        }
    };
}

db_enum!(
    /// What a user may do in their organisation.
    Role {
        /// Everything, including users, API tokens and settings.
        Admin => "admin",
        /// Reads everything and maintains the register (suppliers, services, dependencies).
        Analyst => "analyst",
        /// Reads everything, changes nothing (auditors, management).
        Viewer => "viewer",
    }
);

db_enum!(
    /// What an API token may do.
    ApiTokenScope {
        /// Queries only.
        Read => "read",
        /// Queries and register mutations, like an analyst (never users or tokens).
        ReadWrite => "read_write",
        /// SCIM provisioning of users and groups by the identity provider, and nothing else.
        Scim => "scim",
    }
);

db_enum!(
    /// Where a supplier stands in its life cycle.
    SupplierStatus {
        /// Being considered; no contract yet.
        Prospect => "prospect",
        /// Contract signed or being signed; due diligence in progress.
        Onboarding => "onboarding",
        /// Delivering goods or services.
        Active => "active",
        /// Contract ending: data return, access removal.
        Offboarding => "offboarding",
        /// Relationship ended.
        Terminated => "terminated",
    }
);

db_enum!(
    /// The most sensitive data the supplier processes or can see.
    DataSensitivity {
        /// No data of ours.
        None => "none",
        /// Internal, non-public business data.
        Internal => "internal",
        /// Confidential business data (contracts, designs, finance).
        Confidential => "confidential",
        /// Personal data (GDPR Art. 4(1)).
        Personal => "personal",
        /// Special categories of personal data (GDPR Art. 9), e.g. health data.
        SpecialCategory => "special_category",
    }
);

db_enum!(
    /// The deepest access the supplier has to our systems.
    AccessLevel {
        /// No access to our systems.
        None => "none",
        /// Receives or stores our data.
        Data => "data",
        /// Connects to our network.
        Network => "network",
        /// Administrative access to our systems.
        Privileged => "privileged",
    }
);

db_enum!(
    /// How hard it would be to replace the supplier.
    Substitutability {
        /// Alternatives exist and switching is quick.
        Easy => "easy",
        /// Switching takes a project of weeks or months.
        Moderate => "moderate",
        /// Few or no alternatives; switching is costly or slow.
        Hard => "hard",
    }
);

db_enum!(
    /// Whether a contract clause required by IR 2024/2690 5.1.4 is in the supplier's contract.
    ClauseStatus {
        /// The contract contains the clause.
        Present => "present",
        /// The contract lacks the clause.
        Absent => "absent",
        /// Not yet checked.
        Unknown => "unknown",
    }
);

db_enum!(
    /// The kind of node at either end of a dependency.
    NodeKind {
        /// One of the organisation's own services.
        Service => "service",
        /// A supplier (or a supplier's supplier: a fourth party).
        Supplier => "supplier",
    }
);

db_enum!(
    /// Where an assessment stands.
    AssessmentStatus {
        /// Prepared, not yet sent.
        Draft => "draft",
        /// Sent to the supplier; nothing answered yet.
        Sent => "sent",
        /// The supplier is answering.
        InProgress => "in_progress",
        /// The supplier has submitted its answers.
        Submitted => "submitted",
        /// An analyst is reviewing the answers.
        InReview => "in_review",
        /// Sent back to the supplier with notes.
        Returned => "returned",
        /// Reviewed and scored; findings opened.
        Completed => "completed",
        /// Withdrawn.
        Cancelled => "cancelled",
    }
);

db_enum!(
    /// How serious a finding is.
    Severity {
        /// Fix within the low-severity SLA.
        Low => "low",
        /// Fix within the medium-severity SLA.
        Medium => "medium",
        /// Fix within the high-severity SLA.
        High => "high",
        /// Fix first.
        Critical => "critical",
    }
);

db_enum!(
    /// A supplier's rating from its residual risk.
    Rating {
        /// Residual risk is low.
        Low => "low",
        /// Residual risk is medium.
        Medium => "medium",
        /// Residual risk is high.
        High => "high",
        /// Residual risk is critical.
        Critical => "critical",
    }
);

db_enum!(
    /// A reviewer's verdict on one answer.
    AnswerVerdict {
        /// The answer is accepted.
        Accepted => "accepted",
        /// The supplier must change or complete the answer.
        NeedsChange => "needs_change",
    }
);

db_enum!(
    /// Where the remediation of a finding stands.
    FindingStatus {
        /// Raised; nobody works on it yet.
        Open => "open",
        /// The supplier or the owner works on it.
        InProgress => "in_progress",
        /// Fixed, says the supplier (with a document proving it); to be verified.
        Resolved => "resolved",
        /// The fix was checked by an analyst.
        Verified => "verified",
        /// An administrator accepted the risk, with a reason, until a date.
        RiskAccepted => "risk_accepted",
    }
);

db_enum!(
    /// Where an answer came from.
    AnswerSource {
        /// Typed into the supplier portal.
        Portal => "portal",
        /// Imported from a spreadsheet.
        Spreadsheet => "spreadsheet",
        /// Sent through the API.
        Api => "api",
    }
);

db_enum!(
    /// Where a finding came from.
    FindingSource {
        /// An answer given online.
        Assessment => "assessment",
        /// An answer imported from a spreadsheet.
        Import => "import",
        /// Raised by hand (an audit, a test, an incident).
        Manual => "manual",
    }
);

db_enum!(
    /// Who wrote a comment on a finding.
    AuthorKind {
        /// A user of the organisation.
        User => "user",
        /// The supplier's respondent.
        Respondent => "respondent",
        /// Chainward itself.
        System => "system",
    }
);

db_enum!(
    /// Who made a change recorded in the audit log.
    ActorKind {
        /// A user of the organisation.
        User => "user",
        /// An API token of a GRC tool.
        ApiToken => "api_token",
        /// Chainward's own jobs.
        System => "system",
        /// A supplier's respondent, through an invitation link.
        Respondent => "respondent",
    }
);

db_enum!(
    /// Where a spreadsheet import stands.
    ImportStatus {
        /// Read and reported; nothing written yet.
        Previewed => "previewed",
        /// Its answers were written.
        Committed => "committed",
    }
);

db_enum!(
    /// What a spreadsheet import brings in.
    ImportKind {
        /// Answers to an assessment's questionnaire.
        Answers => "answers",
        /// Suppliers, their contacts and dependencies, into the register.
        Register => "register",
        /// A supplier's own questionnaire (CAIQ, HECVAT, SoA), read through its crosswalk.
        Foreign => "foreign",
    }
);

db_enum!(
    /// Whether a template version can still change.
    TemplateVersionStatus {
        /// Being edited.
        Draft => "draft",
        /// Fixed for good; assessments use it.
        Published => "published",
    }
);

db_enum!(
    /// Where a queued e-mail stands.
    MailStatus {
        /// Waiting for the worker (again, after a failure).
        Pending => "pending",
        /// Taken by a worker.
        Sending => "sending",
        /// Accepted by the mail server.
        Sent => "sent",
        /// Given up after repeated failures.
        Dead => "dead",
    }
);

db_enum!(
    /// Why an e-mail is sent.
    MailKind {
        /// An invitation to answer a questionnaire.
        Invitation => "invitation",
        /// Sections handed to a colleague.
        Delegation => "delegation",
        /// A reminder of the due date.
        Reminder => "reminder",
        /// The questionnaire came back with notes.
        Returned => "returned",
        /// The assessment was completed.
        Completed => "completed",
        /// A finding is past its due date.
        FindingOverdue => "finding_overdue",
        /// The receipt of a submission, with the answers attached.
        Receipt => "receipt",
    }
);

db_enum!(
    /// Which reminder of a due date.
    ReminderKind {
        /// Some days before it.
        BeforeDue => "before_due",
        /// On the day.
        DueToday => "due",
        /// After it.
        Overdue => "overdue",
    }
);

db_enum!(
    /// Where a webhook delivery stands.
    DeliveryStatus {
        /// Waiting for the worker (again, after a failure).
        Pending => "pending",
        /// Taken by a worker.
        Delivering => "delivering",
        /// The receiver answered 2xx.
        Delivered => "delivered",
        /// Given up after 8 attempts.
        Dead => "dead",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every enum reads back what it stores, stores distinct lower snake_case values, and
    /// refuses a value that is not one of its own (no silent default).
    macro_rules! round_trips {
        ($($name:ident),+) => {$(
            let stored: Vec<&str> = $name::ALL.iter().map(|v| v.as_db()).collect();
            assert_eq!(stored.iter().collect::<HashSet<_>>().len(), stored.len(), "{} stores a value twice", stringify!($name));
            for value in $name::ALL {
                assert_eq!($name::from_db(value.as_db()), Some(*value));
                assert_eq!(value.to_string(), value.as_db());
                assert_eq!(serde_json::to_value(value).unwrap(), value.as_db());
                assert!(value.as_db().chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{}", value.as_db());
            }
            assert_eq!($name::from_db("not-a-value"), None);
            assert_eq!($name::from_db(&$name::ALL[0].as_db().to_uppercase()), None, "stored values are case-sensitive");
        )+};
    }

    #[test]
    fn every_enum_reads_back_what_it_stores_and_nothing_else() {
        round_trips!(
            Role,
            ApiTokenScope,
            SupplierStatus,
            DataSensitivity,
            AccessLevel,
            Substitutability,
            ClauseStatus,
            NodeKind,
            AssessmentStatus,
            Severity,
            Rating,
            AnswerVerdict,
            FindingStatus,
            AnswerSource,
            FindingSource,
            AuthorKind,
            ActorKind,
            ImportStatus,
            ImportKind,
            TemplateVersionStatus,
            MailStatus,
            MailKind,
            ReminderKind,
            DeliveryStatus
        );
    }
}

use sea_orm::entity::prelude::*;

/// A document backing an answer, stored under the data directory by content hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "evidence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub assessment_id: Uuid,
    pub question_id: String,
    pub file_name: String,
    /// Sniffed from the bytes, not taken from the client.
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    /// Last day the document is valid (e.g. a certificate), if it expires.
    pub valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
    /// Set when the document proves a finding's fix rather than backing an answer.
    pub finding_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

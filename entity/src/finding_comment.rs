use crate::enums::AuthorKind;
use sea_orm::entity::prelude::*;

/// A remark on a finding's remediation, by an analyst or by the supplier through its link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "finding_comment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub finding_id: Uuid,
    /// Who wrote it, as shown to readers (a user's e-mail or `respondent:<e-mail>`).
    pub author: String,
    /// user | respondent | system
    pub author_kind: AuthorKind,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The one tenant-scoped lookup: a row of the caller's organisation by id, or NOT_FOUND. A row
//! of another organisation is indistinguishable from one that does not exist, so a guessed id
//! tells nothing. No permission is checked here (see the naming rule in `service`).
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use entity::organisation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter, Select};
use uuid::Uuid;

/// A table whose rows belong to one organisation.
pub trait Owned: EntityTrait {
    /// What a client calls one row, in "… not found".
    const NAME: &'static str;
    /// The column holding the owning organisation.
    fn organisation_column() -> Self::Column;
}

macro_rules! owned {
    ($($module:ident => $name:literal),+ $(,)?) => {
        $(impl Owned for entity::$module::Entity {
            const NAME: &'static str = $name;
            fn organisation_column() -> Self::Column {
                entity::$module::Column::OrganisationId
            }
        })+
    };
}

owned!(
    api_token => "API token",
    assessment => "assessment",
    assessment_answer => "answer",
    assessment_reminder => "reminder",
    audit_event => "audit event",
    campaign => "campaign",
    dependency => "dependency",
    evidence => "document",
    finding => "finding",
    finding_comment => "comment",
    import_batch => "import batch",
    import_profile => "import profile",
    invitation => "invitation",
    mail_message => "mail message",
    outbox_event => "event",
    questionnaire_template => "questionnaire template",
    refresh_token => "session",
    scim_group => "group",
    score_snapshot => "score snapshot",
    business_service => "service",
    supplier => "supplier",
    supplier_contact => "contact",
    template_version => "template version",
    user => "user",
    webhook_delivery => "webhook delivery",
    webhook_subscription => "webhook subscription",
);

/// Every row of `E` in the caller's organisation, to be filtered further.
pub fn scoped<E: Owned>(caller: &Caller) -> Select<E> {
    E::find().filter(E::organisation_column().eq(caller.organisation_id))
}

/// The row `id` of the caller's organisation, if there is one.
pub async fn find_optional<E: Owned>(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<Option<E::Model>>
where
    Uuid: Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
{
    Ok(E::find_by_id(id).filter(E::organisation_column().eq(caller.organisation_id)).one(db).await?)
}

/// The row `id` of the caller's organisation, or NOT_FOUND naming what was looked for.
pub async fn find<E: Owned>(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> ApiResult<E::Model>
where
    Uuid: Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
{
    find_optional::<E>(db, caller, id).await?.ok_or(ApiError::NotFound(E::NAME))
}

/// The caller's organisation itself.
pub async fn organisation<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<organisation::Model> {
    organisation_by_id(db, caller.organisation_id).await
}

/// An organisation by id, for jobs that act for each organisation in turn.
pub async fn organisation_by_id<C: ConnectionTrait>(db: &C, id: Uuid) -> ApiResult<organisation::Model> {
    organisation::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound("organisation"))
}

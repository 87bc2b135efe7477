//! DataLoaders for every relation, so that the SQL statements of a request do not grow with
//! the page size. One loader per request, bound to the caller's organisation: rows of another
//! tenant can never be loaded through it.
use async_graphql::dataloader::Loader;
use entity::{
    assessment, assessment_answer, business_service, dependency, evidence, finding_comment, invitation, supplier,
    supplier_contact, user,
};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

pub struct RegisterLoader {
    db: DatabaseConnection,
    organisation_id: Uuid,
}

impl RegisterLoader {
    pub fn new(db: DatabaseConnection, organisation_id: Uuid) -> Self {
        RegisterLoader { db, organisation_id }
    }
}

/// A supplier by id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SupplierById(pub Uuid);
/// A service by id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BusinessServiceById(pub Uuid);
/// A user by id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserById(pub Uuid);
/// The contacts of a supplier.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContactsOf(pub Uuid);
/// The edges where a node is the dependent (what it depends on).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProvidersOf(pub Uuid);
/// The edges where a node is the provider (who depends on it).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DependentsOf(pub Uuid);

/// The answers of an assessment.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnswersOf(pub Uuid);

/// The invitations of an assessment.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct InvitationsOf(pub Uuid);

/// The evidence documents of an assessment.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EvidenceOf(pub Uuid);

/// The documents proving a finding's fix.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FixEvidenceOf(pub Uuid);

/// The comments on a finding.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommentsOf(pub Uuid);

/// The assessments a campaign created.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AssessmentsOfCampaign(pub Uuid);

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<DbErr>>;

macro_rules! by_id_loader {
    ($key:ident, $entity:ident) => {
        impl Loader<$key> for RegisterLoader {
            type Value = $entity::Model;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, Self::Value> {
                // Look up by primary key only and check the tenant here: with an organisation
                // condition in SQL, SQLite's planner scans the organisation's whole index.
                let rows = $entity::Entity::find()
                    .filter($entity::Column::Id.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await
                    .map_err(Arc::new)?;
                Ok(rows
                    .into_iter()
                    .filter(|row| row.organisation_id == self.organisation_id)
                    .map(|row| ($key(row.id), row))
                    .collect())
            }
        }
    };
}

by_id_loader!(SupplierById, supplier);
by_id_loader!(BusinessServiceById, business_service);
by_id_loader!(UserById, user);

/// Groups child rows under the key column's value; every asked key gets a (maybe empty) list.
fn group<K: Copy + Eq + std::hash::Hash, V>(keys: &[K], rows: Vec<V>, key_of: impl Fn(&V) -> K) -> HashMap<K, Vec<V>> {
    let mut map: HashMap<K, Vec<V>> = keys.iter().map(|k| (*k, Vec::new())).collect();
    for row in rows {
        map.entry(key_of(&row)).or_default().push(row);
    }
    map
}

impl Loader<ContactsOf> for RegisterLoader {
    type Value = Vec<supplier_contact::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[ContactsOf]) -> LoadResult<ContactsOf, Self::Value> {
        let rows = supplier_contact::Entity::find()
            .filter(supplier_contact::Column::OrganisationId.eq(self.organisation_id))
            .filter(supplier_contact::Column::SupplierId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(supplier_contact::Column::Name)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| ContactsOf(row.supplier_id)))
    }
}

impl Loader<ProvidersOf> for RegisterLoader {
    type Value = Vec<dependency::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[ProvidersOf]) -> LoadResult<ProvidersOf, Self::Value> {
        let rows = dependency::Entity::find()
            .filter(dependency::Column::OrganisationId.eq(self.organisation_id))
            .filter(dependency::Column::DependentId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(dependency::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| ProvidersOf(row.dependent_id)))
    }
}

impl Loader<DependentsOf> for RegisterLoader {
    type Value = Vec<dependency::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[DependentsOf]) -> LoadResult<DependentsOf, Self::Value> {
        let rows = dependency::Entity::find()
            .filter(dependency::Column::OrganisationId.eq(self.organisation_id))
            .filter(dependency::Column::ProviderId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(dependency::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| DependentsOf(row.provider_id)))
    }
}

impl Loader<AnswersOf> for RegisterLoader {
    type Value = Vec<assessment_answer::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[AnswersOf]) -> LoadResult<AnswersOf, Self::Value> {
        let rows = assessment_answer::Entity::find()
            .filter(assessment_answer::Column::OrganisationId.eq(self.organisation_id))
            .filter(assessment_answer::Column::AssessmentId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(assessment_answer::Column::QuestionId)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| AnswersOf(row.assessment_id)))
    }
}

impl Loader<InvitationsOf> for RegisterLoader {
    type Value = Vec<invitation::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[InvitationsOf]) -> LoadResult<InvitationsOf, Self::Value> {
        let rows = invitation::Entity::find()
            .filter(invitation::Column::OrganisationId.eq(self.organisation_id))
            .filter(invitation::Column::AssessmentId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(invitation::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| InvitationsOf(row.assessment_id)))
    }
}

impl Loader<EvidenceOf> for RegisterLoader {
    type Value = Vec<evidence::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[EvidenceOf]) -> LoadResult<EvidenceOf, Self::Value> {
        let rows = evidence::Entity::find()
            .filter(evidence::Column::OrganisationId.eq(self.organisation_id))
            .filter(evidence::Column::AssessmentId.is_in(keys.iter().map(|k| k.0)))
            .filter(evidence::Column::FindingId.is_null())
            .order_by_asc(evidence::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| EvidenceOf(row.assessment_id)))
    }
}

impl Loader<AssessmentsOfCampaign> for RegisterLoader {
    type Value = Vec<assessment::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[AssessmentsOfCampaign]) -> LoadResult<AssessmentsOfCampaign, Self::Value> {
        let rows = assessment::Entity::find()
            .filter(assessment::Column::OrganisationId.eq(self.organisation_id))
            .filter(assessment::Column::CampaignId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(assessment::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| AssessmentsOfCampaign(row.campaign_id.unwrap_or_default())))
    }
}

impl Loader<FixEvidenceOf> for RegisterLoader {
    type Value = Vec<evidence::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[FixEvidenceOf]) -> LoadResult<FixEvidenceOf, Self::Value> {
        let rows = evidence::Entity::find()
            .filter(evidence::Column::OrganisationId.eq(self.organisation_id))
            .filter(evidence::Column::FindingId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(evidence::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| FixEvidenceOf(row.finding_id.unwrap_or_default())))
    }
}

impl Loader<CommentsOf> for RegisterLoader {
    type Value = Vec<finding_comment::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[CommentsOf]) -> LoadResult<CommentsOf, Self::Value> {
        let rows = finding_comment::Entity::find()
            .filter(finding_comment::Column::OrganisationId.eq(self.organisation_id))
            .filter(finding_comment::Column::FindingId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(finding_comment::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(group(keys, rows, |row| CommentsOf(row.finding_id)))
    }
}

/// The graph above a supplier (what depends on it): read once for every supplier of a page
/// asked together, in a few statements whatever the page size or the register's size.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct GraphAbove(pub Uuid);

impl Loader<GraphAbove> for RegisterLoader {
    type Value = Arc<crate::service::supply_chain::graph::LoadedGraph>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[GraphAbove]) -> LoadResult<GraphAbove, Self::Value> {
        use crate::service::supply_chain::neighbourhood::{Direction, UNBOUNDED, around_in};
        let starts: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let above = around_in(&self.db, self.organisation_id, &starts, Direction::Dependents, UNBOUNDED)
            .await
            .map_err(|err| Arc::new(DbErr::Custom(err.to_string())))?;
        let above = Arc::new(above);
        Ok(keys.iter().map(|k| (*k, above.clone())).collect())
    }
}

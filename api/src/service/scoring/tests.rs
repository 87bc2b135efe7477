//! The scoring rules that are not the engine's: how the register's vocabulary reaches the
//! engine and back, and when a change is re-scored at once or left to the worker.
use super::rescoring::{self, Rescored, SYNC_LIMIT};
use super::{completion::context_of, rating_of, severity_of};
use crate::auth::Caller;
use crate::db::{StatementCounter, connect, migrate};
use crate::domain::{AccessLevel, ClauseStatus, DataSensitivity, Rating, Severity, Substitutability, SupplierStatus};
use chrono::{DateTime, Duration, Utc};
use entity::{organisation, supplier};
use questionnaires::scoring;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set};
use uuid::Uuid;

pub(crate) fn supplier(organisation_id: Uuid) -> supplier::Model {
    let now = Utc::now();
    supplier::Model {
        id: Uuid::new_v4(),
        organisation_id,
        legal_name: "Kontor Payroll AG".into(),
        lei: None,
        vat_number: None,
        duns: None,
        national_registry_number: None,
        country: "DE".into(),
        website: None,
        category: "SaaS".into(),
        description: None,
        status: SupplierStatus::Active,
        owner_id: None,
        data_sensitivity: DataSensitivity::Personal,
        access_level: AccessLevel::Privileged,
        substitutability: Substitutability::Hard,
        nis2_relevant: true,
        ict_services: serde_json::json!([]),
        contract_start: None,
        contract_end: None,
        clause_security_requirements: ClauseStatus::Unknown,
        clause_staff_training: ClauseStatus::Unknown,
        clause_background_checks: ClauseStatus::Unknown,
        clause_incident_notification: ClauseStatus::Unknown,
        clause_right_to_audit: ClauseStatus::Unknown,
        clause_vulnerability_handling: ClauseStatus::Unknown,
        clause_subcontracting: ClauseStatus::Unknown,
        clause_termination: ClauseStatus::Unknown,
        created_at: now,
        updated_at: now,
        rescore_requested_at: None,
        rating: None,
        inherent_risk: None,
        residual_risk: None,
    }
}

/// The engine's variant and the register's carry the same name.
fn same<A: std::fmt::Debug, B: std::fmt::Debug>(a: A, b: B) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

#[test]
fn ratings_and_severities_keep_their_names_and_their_order() {
    let engine = [scoring::Rating::Low, scoring::Rating::Medium, scoring::Rating::High, scoring::Rating::Critical];
    let ours: Vec<Rating> = engine.iter().map(|r| rating_of(*r)).collect();
    assert!(engine.iter().zip(&ours).all(|(e, o)| same(e, o) && e.as_str() == o.as_db()), "{ours:?}");
    assert_eq!(ours, Rating::ALL, "from low to critical, as the register lists them");
    let engine =
        [scoring::Severity::Low, scoring::Severity::Medium, scoring::Severity::High, scoring::Severity::Critical];
    let ours: Vec<Severity> = engine.iter().map(|s| severity_of(*s)).collect();
    assert!(engine.iter().zip(&ours).all(|(e, o)| same(e, o)), "{ours:?}");
    assert_eq!(ours, Severity::ALL);
}

#[test]
fn the_engine_sees_the_tier_profile_as_recorded_and_the_graph_s_criticality() {
    let mut row = supplier(Uuid::nil());
    for sensitivity in DataSensitivity::ALL {
        for access in AccessLevel::ALL {
            for substitutability in Substitutability::ALL {
                row.data_sensitivity = *sensitivity;
                row.access_level = *access;
                row.substitutability = *substitutability;
                row.nis2_relevant = !row.nis2_relevant;
                let context = context_of(&row, Some(4));
                assert!(same(context.data_sensitivity, sensitivity), "{sensitivity:?}");
                assert!(same(context.access_level, access), "{access:?}");
                assert!(same(context.substitutability, substitutability), "{substitutability:?}");
                assert_eq!(context.nis2_relevant, row.nis2_relevant);
                assert_eq!(context.highest_service_criticality, Some(4));
            }
        }
    }
    assert_eq!(context_of(&row, None).highest_service_criticality, None, "no service depends on it");
}

pub(crate) async fn register_of(suppliers: usize) -> (DatabaseConnection, Caller, Vec<Uuid>) {
    let db = connect("sqlite::memory:", &StatementCounter::default()).await.unwrap();
    migrate(&db).await.unwrap();
    let org = organisation::Model { id: Uuid::new_v4(), name: "acme".into(), settings: None, created_at: Utc::now() };
    org.clone().into_active_model().reset_all().insert(&db).await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..suppliers {
        let row = supplier(org.id);
        ids.push(row.id);
        row.into_active_model().reset_all().insert(&db).await.unwrap();
    }
    (db, Caller::system(org.id, "test"), ids)
}

async fn marked(db: &DatabaseConnection) -> Vec<Uuid> {
    let rows =
        supplier::Entity::find().filter(supplier::Column::RescoreRequestedAt.is_not_null()).all(db).await.unwrap();
    rows.into_iter().map(|s| s.id).collect()
}

#[tokio::test]
async fn a_few_suppliers_are_rescored_in_the_change_and_more_are_left_to_the_worker() {
    let (db, caller, ids) = register_of(SYNC_LIMIT + 1).await;
    let few = rescoring::rescore_or_queue(&db, &caller, &ids[..SYNC_LIMIT], "test").await.unwrap();
    assert_eq!(few, Rescored { now: SYNC_LIMIT, queued: 0 });
    assert!(marked(&db).await.is_empty(), "nothing left for the worker");

    let many = rescoring::rescore_or_queue(&db, &caller, &ids, "test").await.unwrap();
    assert_eq!(many, Rescored { now: 0, queued: SYNC_LIMIT + 1 });
    assert_eq!(marked(&db).await.len(), SYNC_LIMIT + 1);
}

#[tokio::test]
async fn the_worker_takes_the_marks_set_before_its_run_and_leaves_later_ones() {
    let (db, caller, ids) = register_of(SYNC_LIMIT + 3).await;
    rescoring::rescore_or_queue(&db, &caller, &ids, "test").await.unwrap();
    // One supplier marked again after the worker's clock: a change the run did not see.
    let run_at: DateTime<Utc> = Utc::now() + Duration::seconds(1);
    let mut late = supplier::Entity::find_by_id(ids[0]).one(&db).await.unwrap().unwrap().into_active_model();
    late.rescore_requested_at = Set(Some(run_at + Duration::seconds(5)));
    late.update(&db).await.unwrap();

    assert_eq!(rescoring::run_queued(&db, run_at).await.unwrap(), SYNC_LIMIT + 2);
    assert_eq!(marked(&db).await, [ids[0]], "the later mark waits for the next run");
    assert_eq!(rescoring::run_queued(&db, run_at).await.unwrap(), 0, "and is not taken twice");
    assert_eq!(rescoring::run_queued(&db, run_at + Duration::seconds(10)).await.unwrap(), 1);
    assert!(marked(&db).await.is_empty());
}

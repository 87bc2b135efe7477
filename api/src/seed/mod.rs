//! Demo data: Northwind Logistics, a fictional haulier with a realistic supplier register, users
//! for each role, its services and its supply chain. Asking for more suppliers than the
//! catalogue holds adds generated ones, for load tests.
//!
//! Seeding is idempotent per database: a second run adds nothing and only issues a new admin
//! password, because the previous one was printed once and may be lost or leaked.
mod assessments;
mod bulk;
mod catalogue;
mod graph;
mod ident;
mod register;
mod spec;
#[cfg(test)]
mod tests;

use anyhow::{Context, ensure};
use chrono::{DateTime, Utc};
use entity::{audit_event, organisation, refresh_token, user};
use rand::{Rng, distr::Alphanumeric};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use crate::domain::{ActorKind, Role};
use register::Register;
use spec::Ctx;

const ORGANISATION: &str = "Northwind Logistics (demo)";
const ADMIN_EMAIL: &str = "admin@northwind.example";
const ANALYST_EMAIL: &str = "analyst@northwind.example";
const AUDITOR_EMAIL: &str = "auditor@northwind.example";
/// Rows per INSERT: keeps the widest table (supplier, 30 columns) far below the bind-parameter
/// limits of SQLite (32,766) and PostgreSQL (65,535).
const CHUNK: usize = 500;

pub struct SeedOptions {
    /// Total suppliers wanted; the realistic catalogue is always inserted in full and generated
    /// suppliers make up any difference.
    pub suppliers: usize,
}

/// How to sign in to the demo. The password exists only here; the database keeps its hash.
pub struct DemoCredentials {
    pub organisation: String,
    pub email: String,
    pub password: String,
    /// False if the demo already existed and only the admin password was reset.
    pub created: bool,
}

pub async fn seed_demo(db: &DatabaseConnection, options: &SeedOptions) -> anyhow::Result<DemoCredentials> {
    let existing = organisation::Entity::find()
        .filter(organisation::Column::Name.eq(ORGANISATION))
        .one(db)
        .await
        .context("looking up the demo organisation")?;
    let password = random_password();
    // Hashing is deliberately slow, so it happens before any transaction holds locks.
    let hash = crate::auth::password::hash_password(password.clone()).await.context("hashing the demo password")?;
    let created = match existing {
        Some(organisation) => {
            reset_admin(db, organisation.id, hash).await?;
            false
        }
        None => {
            create(db, options, &hash).await?;
            true
        }
    };
    Ok(DemoCredentials { organisation: ORGANISATION.to_owned(), email: ADMIN_EMAIL.to_owned(), password, created })
}

/// 20 alphanumeric characters: about 119 bits, and safe to paste from a terminal.
fn random_password() -> String {
    rand::rng().sample_iter(&Alphanumeric).take(20).map(char::from).collect()
}

/// Writes the whole demo in one transaction, so that a failure leaves no half-seeded tenant
/// behind (which the idempotency check above would then mistake for a complete one).
async fn create(db: &DatabaseConnection, options: &SeedOptions, hash: &str) -> anyhow::Result<()> {
    let now = Utc::now();
    let organisation_id = Uuid::new_v4();
    let analyst_id = Uuid::new_v4();
    let txn = db.begin().await.context("starting the seed transaction")?;
    organisation::Entity::insert(organisation::ActiveModel {
        id: Set(organisation_id),
        name: Set(ORGANISATION.to_owned()),
        settings: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await
    .context("creating the demo organisation")?;
    let users = vec![
        user_row(Uuid::new_v4(), organisation_id, ADMIN_EMAIL, "Demo Administrator", Role::Admin, hash, now),
        user_row(analyst_id, organisation_id, ANALYST_EMAIL, "Dana Analyst", Role::Analyst, hash, now),
        user_row(Uuid::new_v4(), organisation_id, AUDITOR_EMAIL, "Avery Auditor", Role::Viewer, hash, now),
    ];
    insert_chunked(&txn, users, "user").await?;

    let mut register = Register::new(Ctx { organisation_id, analyst_id, now });
    graph::add(&mut register)?;
    bulk::add(&mut register, options.suppliers)?;
    let supplier_count = register.suppliers.len();
    insert_chunked(&txn, register.suppliers, "supplier").await?;
    insert_chunked(&txn, register.contacts, "supplier contact").await?;
    insert_chunked(&txn, register.services, "service").await?;
    insert_chunked(&txn, register.dependencies, "dependency").await?;

    audit(&txn, organisation_id, "demo.seed", "organisation", organisation_id, now).await?;
    txn.commit().await.context("committing the demo data")?;
    // The history goes through the services, each step in its own transaction as in real use.
    assessments::add(db, organisation_id, analyst_id)
        .await
        .context("playing the demo assessment history (delete the database file and seed again to start clean)")?;
    // Fresh planner statistics after a bulk load, as autovacuum would gather a little later.
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute_unprepared("ANALYZE").await.context("gathering planner statistics")?;
    }
    // The first dashboard then reads a built view, however large the register. Only a head
    // start: should it fail (a running server's worker may be rebuilding the same view on
    // SQLite at that moment), the worker builds it, so the seed goes on.
    if let Err(err) = crate::service::portfolio::freshness::rebuild(db, organisation_id, Utc::now()).await {
        tracing::warn!(organisation = ORGANISATION, error = %err, "the portfolio view is left to the worker");
    }
    tracing::info!(organisation = ORGANISATION, suppliers = supplier_count, "seeded demo data");
    Ok(())
}

/// Gives the existing demo admin the new password and unlocks it, so that the returned
/// credentials work even if someone locked the account by guessing.
async fn reset_admin(db: &DatabaseConnection, organisation_id: Uuid, hash: String) -> anyhow::Result<()> {
    let now = Utc::now();
    let txn = db.begin().await.context("starting the password reset transaction")?;
    let admin = user::Entity::find()
        .filter(user::Column::Email.eq(ADMIN_EMAIL))
        .one(&txn)
        .await
        .context("looking up the demo admin")?;
    let admin_id = match admin {
        Some(admin) => {
            ensure!(
                admin.organisation_id == organisation_id,
                "{ADMIN_EMAIL} belongs to another organisation; not resetting its password"
            );
            user::ActiveModel {
                id: Set(admin.id),
                password_hash: Set(hash),
                active: Set(true),
                failed_logins: Set(0),
                locked_until: Set(None),
                ..Default::default()
            }
            .update(&txn)
            .await
            .context("setting the demo admin password")?;
            admin.id
        }
        // The admin was deleted in the portal: recreate it so the printed credentials work.
        None => {
            let id = Uuid::new_v4();
            let row = user_row(id, organisation_id, ADMIN_EMAIL, "Demo Administrator", Role::Admin, &hash, now);
            user::Entity::insert(row).exec_without_returning(&txn).await.context("recreating the demo admin")?;
            id
        }
    };
    // The old password may have leaked (it was printed), so sessions opened with it end too.
    refresh_token::Entity::update_many()
        .set(refresh_token::ActiveModel { revoked_at: Set(Some(now)), ..Default::default() })
        .filter(refresh_token::Column::UserId.eq(admin_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await
        .context("revoking the demo admin's sessions")?;
    audit(&txn, organisation_id, "demo.reset_password", "user", admin_id, now).await?;
    txn.commit().await.context("committing the demo password reset")?;
    Ok(())
}

fn user_row(
    id: Uuid,
    organisation_id: Uuid,
    email: &str,
    display_name: &str,
    role: Role,
    password_hash: &str,
    now: DateTime<Utc>,
) -> user::ActiveModel {
    user::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation_id),
        email: Set(email.to_owned()),
        display_name: Set(Some(display_name.to_owned())),
        password_hash: Set(password_hash.to_owned()),
        role: Set(role),
        active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        external_subject: Set(None),
        deprovisioned_at: Set(None),
        created_at: Set(now),
    }
}

async fn audit(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    action: &str,
    object_type: &str,
    object_id: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    audit_event::Entity::insert(audit_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        actor_kind: Set(ActorKind::System),
        actor_id: Set(None),
        actor_label: Set("seed-demo".to_owned()),
        action: Set(action.to_owned()),
        object_type: Set(object_type.to_owned()),
        object_id: Set(Some(object_id)),
        changes: Set(serde_json::json!({})),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .with_context(|| format!("writing the {action} audit event"))?;
    // Seeding a live database changes what reads show: cached answers and views must see it.
    crate::service::kernel::changes::changed(db, organisation_id).await.context("recording the change")?;
    Ok(())
}

/// Inserts rows in batches of `CHUNK`: one statement per batch instead of per row is what makes
/// seeding 10,000 suppliers take seconds rather than minutes.
async fn insert_chunked<A>(db: &impl ConnectionTrait, rows: Vec<A>, table: &str) -> anyhow::Result<()>
where
    A: ActiveModelTrait + Send + 'static,
{
    let mut rows = rows.into_iter();
    loop {
        let batch: Vec<A> = rows.by_ref().take(CHUNK).collect();
        if batch.is_empty() {
            return Ok(());
        }
        <A::Entity as EntityTrait>::insert_many(batch)
            .exec_without_returning(db)
            .await
            .with_context(|| format!("inserting demo {table} rows"))?;
    }
}

//! Suppliers and their contacts.
use crate::domain::Moves;
use crate::domain::{AccessLevel, ClauseStatus, DataSensitivity, Substitutability, SupplierStatus};
use crate::error::GqlResultExt;
use crate::graphql::identity::user::User;
use crate::graphql::kernel::loaders::{ContactsOf, DependentsOf, ProvidersOf, UserById};
use crate::graphql::kernel::page::{PageConnection, connection};
use crate::graphql::register::dependency::Dependency;
use crate::graphql::{caller, db, kernel::prefetch, loaded, loader};
use crate::service::kernel::page::PageRequest;
use crate::service::register::contact_input::{ContactPatch, NewContact};
use crate::service::register::supplier_filter::{SupplierFilter, SupplierOrder};
use crate::service::register::supplier_input::{NewSupplier, SupplierPatch};
use crate::service::{self};
use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{supplier, supplier_contact};
use uuid::Uuid;

/// A supplier in the register.
pub struct Supplier(pub supplier::Model);

/// Registry identifiers; any subset may be known.
#[derive(SimpleObject)]
pub struct SupplierIdentifiers {
    /// Legal Entity Identifier (ISO 17442).
    pub lei: Option<String>,
    /// VAT identification number.
    pub vat_number: Option<String>,
    /// D-U-N-S number.
    pub duns: Option<String>,
    /// Number in a national company register.
    pub national_registry_number: Option<String>,
}

/// How exposed the organisation is through the supplier; drives inherent risk.
#[derive(SimpleObject)]
pub struct TierProfile {
    /// The most sensitive data the supplier processes.
    pub data_sensitivity: DataSensitivity,
    /// The deepest access the supplier has to your systems.
    pub access_level: AccessLevel,
    /// How hard the supplier would be to replace.
    pub substitutability: Substitutability,
    /// Contributes to a service that falls under NIS 2.
    pub nis2_relevant: bool,
    /// ICT products and services the supplier provides (IR 2024/2690 5.2).
    pub ict_services: Vec<String>,
}

/// The contract clauses IR 2024/2690 5.1.4 (a)-(h) asks for.
#[derive(SimpleObject)]
pub struct ContractClauses {
    /// (a) cybersecurity requirements.
    pub security_requirements: ClauseStatus,
    /// (b) staff awareness, skills, training, certifications.
    pub staff_training: ClauseStatus,
    /// (c) background checks of staff.
    pub background_checks: ClauseStatus,
    /// (d) incident notification duty.
    pub incident_notification: ClauseStatus,
    /// (e) right to audit or to receive audit reports.
    pub right_to_audit: ClauseStatus,
    /// (f) vulnerability handling duty.
    pub vulnerability_handling: ClauseStatus,
    /// (g) subcontracting rules.
    pub subcontracting: ClauseStatus,
    /// (h) obligations at termination.
    pub termination: ClauseStatus,
}

/// A supplier in the register.
#[Object]
impl Supplier {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Registered legal name.
    async fn legal_name(&self) -> &str {
        &self.0.legal_name
    }
    /// Registry identifiers (LEI, VAT, D-U-N-S, national register).
    async fn identifiers(&self) -> SupplierIdentifiers {
        SupplierIdentifiers {
            lei: self.0.lei.clone(),
            vat_number: self.0.vat_number.clone(),
            duns: self.0.duns.clone(),
            national_registry_number: self.0.national_registry_number.clone(),
        }
    }
    /// ISO 3166-1 alpha-2 country of incorporation.
    async fn country(&self) -> &str {
        &self.0.country
    }
    /// Web site.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Free category, e.g. "Cloud hosting".
    async fn category(&self) -> &str {
        &self.0.category
    }
    /// What the supplier provides, in your words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Where the supplier stands in its life cycle.
    async fn status(&self) -> SupplierStatus {
        self.0.status
    }
    /// The rating of its newest score (null until it is first scored).
    async fn rating(&self) -> Option<crate::domain::Rating> {
        self.0.rating
    }
    /// The statuses `changeSupplierStatus` accepts from the current one.
    async fn allowed_next_statuses(&self) -> Vec<SupplierStatus> {
        self.0.status.allowed_next().to_vec()
    }
    /// The internal owner of the relationship.
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let Some(owner_id) = self.0.owner_id else { return Ok(None) };
        let owner = loaded(loader(ctx).load_one(UserById(owner_id)).await)?;
        Ok(owner.map(User))
    }
    /// Exposure through this supplier: data, access, substitutability, NIS 2.
    async fn tier_profile(&self) -> TierProfile {
        TierProfile {
            data_sensitivity: self.0.data_sensitivity,
            access_level: self.0.access_level,
            substitutability: self.0.substitutability,
            nis2_relevant: self.0.nis2_relevant,
            ict_services: serde_json::from_value(self.0.ict_services.clone()).unwrap_or_default(),
        }
    }
    /// First day of the contract.
    async fn contract_start(&self) -> Option<NaiveDate> {
        self.0.contract_start
    }
    /// Last day of the contract.
    async fn contract_end(&self) -> Option<NaiveDate> {
        self.0.contract_end
    }
    /// Which IR 2024/2690 5.1.4 clauses the contract contains.
    async fn contract_clauses(&self) -> ContractClauses {
        let s = &self.0;
        ContractClauses {
            security_requirements: s.clause_security_requirements,
            staff_training: s.clause_staff_training,
            background_checks: s.clause_background_checks,
            incident_notification: s.clause_incident_notification,
            right_to_audit: s.clause_right_to_audit,
            vulnerability_handling: s.clause_vulnerability_handling,
            subcontracting: s.clause_subcontracting,
            termination: s.clause_termination,
        }
    }
    /// People at the supplier.
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<SupplierContact>> {
        let rows = loaded(loader(ctx).load_one(ContactsOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(SupplierContact).collect())
    }
    /// What this supplier depends on: its own suppliers (your fourth parties).
    async fn depends_on(&self, ctx: &Context<'_>) -> Result<Vec<Dependency>> {
        let rows = loaded(loader(ctx).load_one(ProvidersOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(Dependency).collect())
    }
    /// Who depends on this supplier: your services and other suppliers.
    async fn dependents(&self, ctx: &Context<'_>) -> Result<Vec<Dependency>> {
        let rows = loaded(loader(ctx).load_one(DependentsOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(Dependency).collect())
    }
    /// Every service that depends on this supplier, directly or through other suppliers,
    /// nearest first, each with its shortest path.
    async fn impacted_services(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::supply_chain::graph::ImpactedService>> {
        crate::graphql::supply_chain::graph::impacted_services(ctx, self.0.id).await
    }
    /// When the supplier was registered.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the supplier last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// A person at a supplier.
pub struct SupplierContact(pub supplier_contact::Model);

/// A person at a supplier.
#[Object]
impl SupplierContact {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The supplier the contact works for.
    async fn supplier_id(&self) -> Uuid {
        self.0.supplier_id
    }
    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// E-mail address (lower case).
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// Telephone number.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// e.g. "Security officer".
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
}

#[derive(Default)]
pub struct SupplierQuery;

#[Object]
impl SupplierQuery {
    /// The supplier register, filtered, sorted and paginated (at most 200 per page).
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity")]
    async fn suppliers(
        &self,
        ctx: &Context<'_>,
        filter: Option<SupplierFilter>,
        order_by: Option<SupplierOrder>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<PageConnection<Supplier>> {
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let (filter, order) = (filter.unwrap_or_default(), order_by.unwrap_or_default());
        let suppliers =
            service::register::supplier_filter::list(db(ctx), caller(ctx)?, filter, order, page).await.gql()?;
        let ids: Vec<Uuid> = suppliers.items.iter().map(|s| s.id).collect();
        let owners: Vec<Uuid> = suppliers.items.iter().filter_map(|s| s.owner_id).collect();
        // A page is read as `edges { node }` or as `nodes`; the loader's cache makes the second free.
        let selection = ctx.look_ahead();
        for node in [selection.field("edges").field("node"), selection.field("nodes")] {
            prefetch::relations(ctx, node, &ids, &owners).await?;
        }
        Ok(connection(suppliers, Supplier))
    }

    /// One supplier.
    async fn supplier(&self, ctx: &Context<'_>, id: Uuid) -> Result<Supplier> {
        service::register::supplier::get(db(ctx), caller(ctx)?, id).await.map(Supplier).gql()
    }
}

#[derive(Default)]
pub struct SupplierMutation;

#[Object]
impl SupplierMutation {
    /// Registers a supplier, optionally with its contacts.
    async fn create_supplier(&self, ctx: &Context<'_>, input: NewSupplier) -> Result<Supplier> {
        service::register::supplier::create(db(ctx), caller(ctx)?, input).await.map(Supplier).gql()
    }

    /// Changes a supplier's data (not its status).
    async fn update_supplier(&self, ctx: &Context<'_>, id: Uuid, input: SupplierPatch) -> Result<Supplier> {
        service::register::supplier::update(db(ctx), caller(ctx)?, id, input).await.map(Supplier).gql()
    }

    /// Moves a supplier along its life cycle (see `allowedNextStatuses`).
    async fn change_supplier_status(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        status: SupplierStatus,
        reason: Option<String>,
    ) -> Result<Supplier> {
        service::register::supplier::change_status(db(ctx), caller(ctx)?, id, status, reason).await.map(Supplier).gql()
    }

    /// Deletes a supplier with its contacts and dependencies; returns its id.
    async fn delete_supplier(&self, ctx: &Context<'_>, id: Uuid) -> Result<Uuid> {
        service::register::supplier::delete(db(ctx), caller(ctx)?, id).await.gql()
    }

    /// Adds a contact to a supplier.
    async fn add_supplier_contact(
        &self,
        ctx: &Context<'_>,
        supplier_id: Uuid,
        input: NewContact,
    ) -> Result<SupplierContact> {
        service::register::contact::add(db(ctx), caller(ctx)?, supplier_id, input).await.map(SupplierContact).gql()
    }

    /// Changes a contact.
    async fn update_supplier_contact(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: ContactPatch,
    ) -> Result<SupplierContact> {
        service::register::contact::update(db(ctx), caller(ctx)?, id, input).await.map(SupplierContact).gql()
    }

    /// Removes a contact; returns its id.
    async fn remove_supplier_contact(&self, ctx: &Context<'_>, id: Uuid) -> Result<Uuid> {
        service::register::contact::remove(db(ctx), caller(ctx)?, id).await.gql()
    }
}

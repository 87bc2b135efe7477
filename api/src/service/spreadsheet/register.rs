//! The supplier register as a table (the xlsx and CSV exports), read a page at a time in the
//! register's order (legal name, then id), so that a page's cost follows the page and the CSV
//! can be streamed whatever the register's size.
use crate::auth::{Caller, Permission};
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::supply_chain::graph;
use crate::service::supply_chain::neighbourhood::{self, Direction, UNBOUNDED};
use entity::{supplier, supplier_contact, user};
use questionnaires::sheet::export::csv_row;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Suppliers read at a time.
pub const PAGE: u64 = 1_000;

/// The columns of the register export.
pub const COLUMNS: [&str; 33] = [
    "Legal name",
    "LEI",
    "VAT number",
    "DUNS",
    "National registry number",
    "Country",
    "Website",
    "Category",
    "Description",
    "Status",
    "Owner",
    "Data sensitivity",
    "Access level",
    "Substitutability",
    "NIS 2 relevant",
    "ICT products and services",
    "Contract start",
    "Contract end",
    "(a) Security requirements",
    "(b) Staff training",
    "(c) Background checks",
    "(d) Incident notification",
    "(e) Right to audit",
    "(f) Vulnerability handling",
    "(g) Subcontracting",
    "(h) Termination",
    "Contact points",
    "Latest rating",
    "Latest security score",
    "Rated on",
    "Open findings",
    "Overdue findings",
    "Dependent services",
];

/// The register read page by page; each page reads its suppliers, their contacts and standing,
/// and the graph above them (the services that depend on them), so that nothing held grows
/// with the register.
pub struct RegisterPages {
    caller: Caller,
    after: Option<(String, Uuid)>,
    done: bool,
    page: u64,
}

impl RegisterPages {
    pub fn open(caller: Caller) -> ApiResult<RegisterPages> {
        caller.require(Permission::Read)?;
        Ok(RegisterPages { caller, after: None, done: false, page: PAGE })
    }

    /// Reads `suppliers` at a time instead of [`PAGE`] (tests of page boundaries).
    pub fn with_page(mut self, suppliers: u64) -> RegisterPages {
        self.page = suppliers.max(1);
        self
    }

    /// The next page's rows; None once the register is read.
    pub async fn next_rows<C: ConnectionTrait>(&mut self, db: &C) -> ApiResult<Option<Vec<Vec<String>>>> {
        if self.done {
            return Ok(None);
        }
        let mut select = lookup::scoped::<supplier::Entity>(&self.caller);
        if let Some((name, id)) = &self.after {
            select = select.filter(Condition::any().add(supplier::Column::LegalName.gt(name.clone())).add(
                Condition::all().add(supplier::Column::LegalName.eq(name.clone())).add(supplier::Column::Id.gt(*id)),
            ));
        }
        let suppliers = select
            .order_by_asc(supplier::Column::LegalName)
            .order_by_asc(supplier::Column::Id)
            .limit(self.page)
            .all(db)
            .await?;
        self.done = (suppliers.len() as u64) < self.page;
        let Some(last) = suppliers.last() else { return Ok(None) };
        self.after = Some((last.legal_name.clone(), last.id));
        let ids: Vec<Uuid> = suppliers.iter().map(|s| s.id).collect();
        let mut contacts: BTreeMap<Uuid, Vec<supplier_contact::Model>> = BTreeMap::new();
        for contact in lookup::scoped::<supplier_contact::Entity>(&self.caller)
            .filter(supplier_contact::Column::SupplierId.is_in(ids.iter().copied()))
            .order_by_asc(supplier_contact::Column::Name)
            .all(db)
            .await?
        {
            contacts.entry(contact.supplier_id).or_default().push(contact);
        }
        let standing = graph::standing_of(db, &self.caller, &ids).await?;
        // Owners by e-mail, the way an import names them back.
        let owner_ids: Vec<Uuid> = suppliers.iter().filter_map(|s| s.owner_id).collect();
        let owners: BTreeMap<Uuid, String> = lookup::scoped::<user::Entity>(&self.caller)
            .filter(user::Column::Id.is_in(owner_ids))
            .select_only()
            .columns([user::Column::Id, user::Column::Email])
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let above = neighbourhood::around(db, &self.caller, &ids, Direction::Dependents, UNBOUNDED).await?;
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let rows = suppliers
            .into_iter()
            .map(|s| {
                let points: Vec<String> = contacts
                    .remove(&s.id)
                    .unwrap_or_default()
                    .iter()
                    .map(|c| {
                        let role = c.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                        let phone = c.phone.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
                        format!("{} <{}>{phone}{role}", c.name, c.email)
                    })
                    .collect();
                let services: Vec<String> = serde_json::from_value(s.ict_services.clone()).unwrap_or_default();
                let rated = standing.latest.get(&s.id);
                let counts = standing.findings.get(&s.id).copied().unwrap_or_default();
                let mut dependent: Vec<&str> = above
                    .graph
                    .impacted_services(s.id)
                    .iter()
                    .filter_map(|reach| above.services.get(&reach.node).map(|service| service.name.as_str()))
                    .collect();
                dependent.sort_unstable();
                vec![
                    s.legal_name,
                    s.lei.unwrap_or_default(),
                    s.vat_number.unwrap_or_default(),
                    s.duns.unwrap_or_default(),
                    s.national_registry_number.unwrap_or_default(),
                    s.country,
                    s.website.unwrap_or_default(),
                    s.category,
                    s.description.unwrap_or_default(),
                    s.status.to_string(),
                    s.owner_id.and_then(|id| owners.get(&id).cloned()).unwrap_or_default(),
                    s.data_sensitivity.to_string(),
                    s.access_level.to_string(),
                    s.substitutability.to_string(),
                    if s.nis2_relevant { "yes" } else { "no" }.to_owned(),
                    services.join("; "),
                    date(s.contract_start),
                    date(s.contract_end),
                    s.clause_security_requirements.to_string(),
                    s.clause_staff_training.to_string(),
                    s.clause_background_checks.to_string(),
                    s.clause_incident_notification.to_string(),
                    s.clause_right_to_audit.to_string(),
                    s.clause_vulnerability_handling.to_string(),
                    s.clause_subcontracting.to_string(),
                    s.clause_termination.to_string(),
                    points.join("; "),
                    rated.map(|r| r.rating.to_string()).unwrap_or_default(),
                    rated.map(|r| format!("{:.1}", r.security_score)).unwrap_or_default(),
                    rated.map(|r| r.created_at.date_naive().to_string()).unwrap_or_default(),
                    counts.open.to_string(),
                    counts.overdue.to_string(),
                    dependent.join("; "),
                ]
            })
            .collect();
        Ok(Some(rows))
    }

    /// The next page as CSV lines (the header before the first page); None once read.
    pub async fn next_csv<C: ConnectionTrait>(&mut self, db: &C) -> ApiResult<Option<String>> {
        let first = self.after.is_none() && !self.done;
        let Some(rows) = self.next_rows(db).await? else {
            // An empty register is still a table with its header.
            return Ok(first.then(|| format!("\u{feff}{}", csv_row(&COLUMNS))));
        };
        let mut out = if first { format!("\u{feff}{}", csv_row(&COLUMNS)) } else { String::new() };
        for row in &rows {
            out.push_str(&csv_row(row));
        }
        Ok(Some(out))
    }
}

/// The whole register's rows, for the exports built in memory.
pub async fn all_rows<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<Vec<String>>> {
    let mut pages = RegisterPages::open(caller.clone())?;
    let mut rows = Vec::new();
    while let Some(page) = pages.next_rows(db).await? {
        rows.extend(page);
    }
    Ok(rows)
}

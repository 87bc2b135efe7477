//! The dependencies sheet: "service -> supplier" rows (one of the organisation's services
//! depends on a supplier) and "supplier -> subcontractor" rows. Suppliers are named by LEI or
//! legal name, from the file or the register; a service the register lacks is created.
use super::known::Known;
use super::preview::{CellIssue, RowChange};
use crate::domain::NodeKind;
use crate::service::kernel::validate;
use crate::service::register::dependency::function_name;
use entity::business_service;
use questionnaires::register::fields::fold;
use questionnaires::register::{Field, SheetRow};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A dependency row as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, async_graphql::SimpleObject)]
pub struct LinkPreview {
    /// The sheet the row is on.
    pub sheet: String,
    /// The row number as the spreadsheet shows it.
    pub row: u32,
    /// New, unchanged (already recorded) or invalid.
    pub change: RowChange,
    /// "service Payroll run" or "supplier Acme Ltd".
    pub dependent: String,
    /// The supplier depended on.
    pub provider: String,
    /// Why the row cannot be imported (empty unless invalid).
    pub problems: Vec<CellIssue>,
}

/// An edge to write.
pub struct PlannedEdge {
    pub dependent: (NodeKind, Uuid),
    pub provider: Uuid,
    pub function: Option<String>,
}

/// What the dependencies sheet would write.
#[derive(Default)]
pub struct PlannedLinks {
    pub previews: Vec<LinkPreview>,
    pub edges: Vec<PlannedEdge>,
    pub new_services: Vec<business_service::Model>,
}

/// The register and the file together, as a dependency row sees them.
pub struct Nodes<'a> {
    pub known: &'a Known,
    /// Suppliers of the file that will exist after the import: folded name or LEI -> id.
    pub in_file: HashMap<String, Uuid>,
    /// The organisation's services by folded name.
    pub services: HashMap<String, Uuid>,
    /// Recorded edges (dependent, provider).
    pub edges: HashSet<(Uuid, Uuid)>,
}

impl Nodes<'_> {
    fn supplier(&self, reference: &str) -> Result<Uuid, String> {
        let key = validate::lei(reference).unwrap_or_else(|_| fold(reference));
        if let Some(id) = self.in_file.get(&key) {
            return Ok(*id);
        }
        match self.known.named(reference)[..] {
            [id] => Ok(id),
            [] => Err(format!("no supplier named \"{reference}\" is in the register or in the file")),
            _ => Err(format!("several suppliers are named \"{reference}\"; name it by its LEI")),
        }
    }
}

/// Plans every dependency row; new services are made once, whatever the rows that name them.
pub fn plan(rows: &[SheetRow], nodes: &Nodes, organisation_id: Uuid) -> PlannedLinks {
    let mut planned = PlannedLinks::default();
    let mut services = nodes.services.clone();
    let mut seen: HashSet<(Uuid, Uuid)> = HashSet::new();
    for row in rows {
        let mut problems = Vec::new();
        let text = |field: Field| row.get(field).map(|c| c.text.clone());
        let supplier = match text(Field::Supplier).or_else(|| text(Field::Lei)) {
            Some(reference) => nodes.supplier(&reference).map_err(|m| problems.push(at(row, Field::Supplier, m))).ok(),
            None => {
                problems.push(at(row, Field::Supplier, "the row names no supplier".into()));
                None
            }
        };
        let function = function_name(&text(Field::Function).unwrap_or_default())
            .map_err(|m| problems.push(at(row, Field::Function, m)))
            .ok()
            .flatten();
        let mut pairs: Vec<((NodeKind, Uuid), Uuid, String, String)> = Vec::new();
        if let (Some(name), Some(supplier)) = (text(Field::Service), supplier) {
            match validate::required_line(&name, 200) {
                Ok(name) => {
                    let id = *services.entry(fold(&name)).or_insert_with(|| {
                        let service = new_service(organisation_id, &name);
                        let id = service.id;
                        planned.new_services.push(service);
                        id
                    });
                    let provider = text(Field::Supplier).or_else(|| text(Field::Lei)).unwrap_or_default();
                    pairs.push((
                        (NodeKind::Service, id),
                        supplier,
                        format!("service {name}"),
                        format!("supplier {provider}"),
                    ));
                }
                Err(message) => problems.push(at(row, Field::Service, format!("service: {message}"))),
            }
        }
        if let (Some(sub), Some(supplier)) = (text(Field::Subcontractor), supplier) {
            match nodes.supplier(&sub) {
                Ok(id) if id == supplier => {
                    problems.push(at(row, Field::Subcontractor, "a supplier cannot depend on itself".into()))
                }
                Ok(id) => {
                    let dependent = text(Field::Supplier).or_else(|| text(Field::Lei)).unwrap_or_default();
                    pairs.push((
                        (NodeKind::Supplier, supplier),
                        id,
                        format!("supplier {dependent}"),
                        format!("supplier {sub}"),
                    ));
                }
                Err(message) => problems.push(at(row, Field::Subcontractor, message)),
            }
        }
        if problems.is_empty() && pairs.is_empty() {
            problems.push(at(row, Field::Service, "the row names neither a service nor a subcontractor".into()));
        }
        if !problems.is_empty() {
            let (dependent, provider) =
                (text(Field::Service).unwrap_or_default(), text(Field::Supplier).unwrap_or_default());
            planned.previews.push(LinkPreview {
                sheet: row.sheet.clone(),
                row: row.row,
                change: RowChange::Invalid,
                dependent,
                provider,
                problems,
            });
            continue;
        }
        for (dependent, provider, dependent_name, provider_name) in pairs {
            let known = nodes.edges.contains(&(dependent.1, provider)) || !seen.insert((dependent.1, provider));
            if !known {
                planned.edges.push(PlannedEdge { dependent, provider, function: function.clone() });
            }
            let change = if known { RowChange::Unchanged } else { RowChange::New };
            planned.previews.push(LinkPreview {
                sheet: row.sheet.clone(),
                row: row.row,
                change,
                dependent: dependent_name,
                provider: provider_name,
                problems: Vec::new(),
            });
        }
    }
    planned
}

fn at(row: &SheetRow, field: Field, message: String) -> CellIssue {
    CellIssue { cell: row.place(field), message }
}

/// A service the dependencies sheet names and the register lacks: of middle criticality until
/// someone says otherwise (the preview lists it).
fn new_service(organisation_id: Uuid, name: &str) -> business_service::Model {
    let now = crate::service::kernel::now();
    business_service::Model {
        id: Uuid::new_v4(),
        organisation_id,
        name: name.to_owned(),
        description: None,
        criticality: 3,
        nis2_critical: false,
        created_at: now,
        updated_at: now,
    }
}

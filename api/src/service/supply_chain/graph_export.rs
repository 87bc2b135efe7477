//! The whole graph for GRC tools (JSON, GraphML or DOT), written a page of nodes or edges at a
//! time in id order, so that memory does not grow with the register: `GET /api/exports/graph`
//! streams it, and `supplyChainGraph` collects it for registers small enough for one answer.
use crate::auth::{Caller, Permission};
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::supply_chain::graph::SupplierNode;
use entity::{business_service, dependency, supplier};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

pub use super::graph::GraphFormat;

/// Rows read at a time.
const PAGE: u64 = 2_000;

enum Stage {
    Services,
    Suppliers,
    Edges,
    Done,
}

/// The graph read in pages: services (few) first, then suppliers, then edges.
pub struct GraphPages {
    caller: Caller,
    format: GraphFormat,
    stage: Stage,
    after: Option<Uuid>,
    first_node: bool,
    first_edge: bool,
    page: u64,
}

impl GraphFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            GraphFormat::Json => "application/json",
            GraphFormat::Graphml => "application/graphml+xml",
            GraphFormat::Dot => "text/vnd.graphviz",
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Json => "json",
            GraphFormat::Graphml => "graphml",
            GraphFormat::Dot => "dot",
        }
    }
}

impl GraphPages {
    pub fn open(caller: Caller, format: GraphFormat) -> ApiResult<GraphPages> {
        caller.require(Permission::Read)?;
        Ok(GraphPages {
            caller,
            format,
            stage: Stage::Services,
            after: None,
            first_node: true,
            first_edge: true,
            page: PAGE,
        })
    }

    /// Reads `rows` at a time instead of [`PAGE`] (tests of page boundaries).
    pub fn with_page(mut self, rows: u64) -> GraphPages {
        self.page = rows.max(1);
        self
    }

    /// The whole graph as one text (for answers that must hold it).
    pub async fn collect<C: ConnectionTrait>(mut self, db: &C) -> ApiResult<String> {
        let mut out = String::new();
        while let Some(chunk) = self.next_chunk(db).await? {
            out.push_str(&chunk);
        }
        Ok(out)
    }

    /// The next piece of the text; None once it is whole.
    pub async fn next_chunk<C: ConnectionTrait>(&mut self, db: &C) -> ApiResult<Option<String>> {
        let mut out = String::new();
        match self.stage {
            Stage::Services => {
                out.push_str(self.header());
                let services = lookup::scoped::<business_service::Entity>(&self.caller)
                    .order_by_asc(business_service::Column::Id)
                    .all(db)
                    .await?;
                for s in services {
                    self.node(&mut out, s.id, "service", &s.name, Some(s.criticality), None);
                }
                self.stage = Stage::Suppliers;
            }
            Stage::Suppliers => {
                let mut select = SupplierNode::select()
                    .filter(supplier::Column::OrganisationId.eq(self.caller.organisation_id))
                    .order_by_asc(supplier::Column::Id)
                    .limit(self.page);
                if let Some(after) = self.after {
                    select = select.filter(supplier::Column::Id.gt(after));
                }
                let suppliers: Vec<SupplierNode> = select.into_model().all(db).await?;
                for s in &suppliers {
                    let rating = s.rating.map(|r| r.to_string());
                    self.node(&mut out, s.id, "supplier", &s.legal_name, None, rating.as_deref());
                }
                self.after = suppliers.last().map(|s| s.id);
                if (suppliers.len() as u64) < self.page {
                    self.stage = Stage::Edges;
                    self.after = None;
                    out.push_str(self.between());
                }
            }
            Stage::Edges => {
                let mut select = lookup::scoped::<dependency::Entity>(&self.caller)
                    .order_by_asc(dependency::Column::Id)
                    .limit(self.page);
                if let Some(after) = self.after {
                    select = select.filter(dependency::Column::Id.gt(after));
                }
                let edges = select.all(db).await?;
                for e in &edges {
                    self.edge(&mut out, e.dependent_id, e.provider_id);
                }
                self.after = edges.last().map(|e| e.id);
                if (edges.len() as u64) < self.page {
                    self.stage = Stage::Done;
                    out.push_str(self.footer());
                }
            }
            Stage::Done => return Ok(None),
        }
        Ok(Some(out))
    }

    fn header(&self) -> &'static str {
        match self.format {
            GraphFormat::Json => "{\"nodes\":[",
            GraphFormat::Graphml => concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
                "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n",
                "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
                "  <graph id=\"supply-chain\" edgedefault=\"directed\">\n"
            ),
            GraphFormat::Dot => "digraph supply_chain {\n  rankdir=LR;\n",
        }
    }

    fn between(&self) -> &'static str {
        if self.format == GraphFormat::Json { "],\"edges\":[" } else { "" }
    }

    fn footer(&self) -> &'static str {
        match self.format {
            GraphFormat::Json => "]}",
            GraphFormat::Graphml => "  </graph>\n</graphml>\n",
            GraphFormat::Dot => "}\n",
        }
    }

    fn node(
        &mut self,
        out: &mut String,
        id: Uuid,
        kind: &str,
        name: &str,
        criticality: Option<i32>,
        rating: Option<&str>,
    ) {
        match self.format {
            GraphFormat::Json => {
                if !std::mem::take(&mut self.first_node) {
                    out.push(',');
                }
                let node = serde_json::json!({"id": id, "kind": kind, "name": name, "criticality": criticality, "rating": rating});
                out.push_str(&node.to_string());
            }
            GraphFormat::Graphml => out.push_str(&format!(
                "    <node id=\"{id}\"><data key=\"name\">{}</data><data key=\"kind\">{kind}</data></node>\n",
                xml_escape(name)
            )),
            GraphFormat::Dot => {
                let shape = if kind == "service" { "box" } else { "ellipse" };
                let label = name.replace('\\', "\\\\").replace('"', "\\\"");
                out.push_str(&format!("  \"{id}\" [label=\"{label}\", shape={shape}];\n"));
            }
        }
    }

    fn edge(&mut self, out: &mut String, dependent: Uuid, provider: Uuid) {
        match self.format {
            GraphFormat::Json => {
                if !std::mem::take(&mut self.first_edge) {
                    out.push(',');
                }
                out.push_str(&format!("{{\"dependent\":\"{dependent}\",\"provider\":\"{provider}\"}}"));
            }
            GraphFormat::Graphml => {
                out.push_str(&format!("    <edge source=\"{dependent}\" target=\"{provider}\"/>\n"))
            }
            GraphFormat::Dot => out.push_str(&format!("  \"{dependent}\" -> \"{provider}\";\n")),
        }
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

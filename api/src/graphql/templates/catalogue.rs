//! Control catalogues (ISO/IEC 27001:2022, NIS 2) and their mapping, read-only. The content is
//! the same for every organisation; any signed-in caller may read it.
use crate::error::GqlResultExt;
use crate::graphql::caller;
use crate::service::templates::catalogue::{self as catalogues, ControlKind, ControlTheme, IsoKind};
use async_graphql::{Context, Object, Result};
use questionnaires::catalogue::MappingEntry;

/// A control catalogue: ISO/IEC 27001:2022 or NIS 2.
pub struct Framework(&'static catalogues::Framework);

/// A control catalogue: ISO/IEC 27001:2022 or NIS 2.
#[Object]
impl Framework {
    /// `iso27001-2022` or `nis2`; the `framework` argument of `controls`.
    async fn id(&self) -> &str {
        self.0.id
    }
    /// Name of the framework.
    async fn title(&self) -> &str {
        self.0.title
    }
    /// Every entry of the catalogue, in catalogue order (for ISO: clauses, then Annex A).
    async fn controls(&self) -> Vec<Control> {
        self.0.controls.iter().map(Control).collect()
    }
}

/// One entry of a catalogue: an ISO clause or Annex A control, an Art. 21 point or an
/// IR 2024/2690 requirement, with its cross-references through ENISA's mapping.
pub struct Control(&'static catalogues::Control);

/// One entry of a catalogue: an ISO clause or Annex A control, an Art. 21 point or an
/// IR 2024/2690 requirement, with its cross-references through ENISA's mapping.
#[Object]
impl Control {
    /// Reference in the framework, e.g. `5.19`, `9.2`, `21(2)(d)` or `IR 5.1.4(d)`.
    async fn id(&self) -> &str {
        self.0.id
    }
    /// Id of the framework the entry belongs to.
    async fn framework(&self) -> &str {
        self.0.framework
    }
    /// Clause, Annex A control, Art. 21(2) point or other NIS 2 requirement.
    async fn kind(&self) -> ControlKind {
        self.0.kind
    }
    /// Title of the entry.
    async fn title(&self) -> &str {
        self.0.title
    }
    /// Chainward's summary of a NIS 2 entry (not a quotation); null for ISO entries.
    async fn description(&self) -> Option<&str> {
        self.0.description
    }
    /// Annex A theme; null for clauses and NIS 2 entries.
    async fn theme(&self) -> Option<ControlTheme> {
        self.0.theme
    }
    /// Art. 21(2) points: those an ISO entry intersects per ENISA's mapping; for a NIS 2 entry,
    /// the point it rolls up to (itself for a point, `21(2)(d)` for the supply-chain requirements).
    async fn nis2_points(&self) -> &[&'static str] {
        &self.0.nis2_points
    }
    /// For a NIS 2 entry: the distinct Annex A controls mapped to it (a requirement including its
    /// lettered sub-points), in Annex A order. Empty for ISO entries.
    async fn iso_controls(&self) -> &[&'static str] {
        &self.0.iso_controls
    }
}

/// One row of ENISA's mapping of IR 2024/2690 requirements to ISO/IEC 27001:2022. The ISO entry
/// is evidence towards the NIS 2 point, never proof of compliance with it.
pub struct ControlMappingRow(&'static MappingEntry);

/// One row of ENISA's mapping of IR 2024/2690 requirements to ISO/IEC 27001:2022. The ISO entry
/// is evidence towards the NIS 2 point, never proof of compliance with it.
#[Object]
impl ControlMappingRow {
    /// The Art. 21(2) point, e.g. `21(2)(d)`.
    async fn nis2(&self) -> &str {
        &self.0.nis2
    }
    /// The IR 2024/2690 Annex requirement the row comes from, e.g. `IR 5.1.4(d)`.
    async fn requirement(&self) -> &str {
        &self.0.requirement
    }
    /// Whether `isoId` is an Annex A control or a clause.
    async fn iso_kind(&self) -> IsoKind {
        catalogues::iso_kind(&self.0.iso)
    }
    /// The ISO/IEC 27001:2022 control or clause, e.g. `5.19` or `9.3.1`.
    async fn iso_id(&self) -> &str {
        catalogues::iso_id(&self.0.iso)
    }
    /// ENISA's relationship kind (`intersect`).
    async fn relationship(&self) -> &str {
        &self.0.relationship
    }
}

#[derive(Default)]
pub struct CatalogueQuery;

#[Object]
impl CatalogueQuery {
    /// The control catalogues: ISO/IEC 27001:2022 and NIS 2 (the same for every organisation).
    async fn frameworks(&self, ctx: &Context<'_>) -> Result<Vec<Framework>> {
        caller(ctx)?;
        Ok(catalogues::frameworks().iter().map(Framework).collect())
    }

    /// The entries of one framework, in catalogue order.
    async fn controls(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Framework id: `iso27001-2022` or `nis2`.")] framework: String,
        #[graphql(desc = "Only the Annex A controls of this theme.")] theme: Option<ControlTheme>,
    ) -> Result<Vec<Control>> {
        caller(ctx)?;
        catalogues::controls(&framework, theme).map(|found| found.into_iter().map(Control).collect()).gql()
    }

    /// ENISA's NIS 2 <-> ISO/IEC 27001:2022 mapping, optionally filtered (cite `controlMappingSource`).
    async fn control_mapping(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only rows of this Art. 21 point (`21(2)(d)`) or IR requirement (`IR 5.1.4(d)`; \
                          a requirement also matches its lettered sub-points).")]
        nis2: Option<String>,
        #[graphql(desc = "Only rows of this ISO control or clause id (`5.19`, `9.3.1`).")] iso: Option<String>,
    ) -> Result<Vec<ControlMappingRow>> {
        caller(ctx)?;
        Ok(catalogues::mapping(nis2.as_deref(), iso.as_deref()).into_iter().map(ControlMappingRow).collect())
    }

    /// Attribution of the mapping, to cite wherever it is shown.
    async fn control_mapping_source(&self, ctx: &Context<'_>) -> Result<&'static str> {
        caller(ctx)?;
        Ok(catalogues::MAPPING_SOURCE)
    }
}

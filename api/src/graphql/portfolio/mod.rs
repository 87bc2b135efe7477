//! Roll-ups: what each service inherits through the graph, and the whole portfolio for the
//! dashboard. Everything is computed from the request's one graph and standing load.
use crate::domain::{Rating, SupplierStatus};
use crate::error::GqlResultExt;
use crate::graphql::assessment::campaign::Campaign;
use crate::graphql::assessment::lifecycle::ScoreSnapshot;
use crate::graphql::supply_chain::graph::{PathStep, graph, standing, steps};
use crate::graphql::{BusinessService, Supplier, caller, db};
use crate::service::portfolio::{self, BurnDownWeek, HeatCell, Nis2Coverage, RatingDistribution};
use crate::service::supply_chain::exposure;
use crate::service::supply_chain::graph::{FindingCounts, LoadedGraph};
use async_graphql::{Context, Object, Result};
use uuid::Uuid;

/// The supplier beneath a service with the highest residual risk.
pub struct WorstSupplier {
    supplier: Option<Supplier>,
    residual_risk: f64,
    rating: Rating,
    path: Vec<PathStep>,
}

/// The supplier beneath a service with the highest residual risk.
#[Object]
impl WorstSupplier {
    /// The supplier or fourth party.
    async fn supplier(&self) -> Option<&Supplier> {
        self.supplier.as_ref()
    }
    /// Its residual risk (0-5) from its latest score.
    async fn residual_risk(&self) -> f64 {
        self.residual_risk
    }
    /// Its rating.
    async fn rating(&self) -> Rating {
        self.rating
    }
    /// The shortest path: service -> supplier -> ... -> it.
    async fn path(&self) -> &[PathStep] {
        &self.path
    }
}

/// What a service inherits from every supplier beneath it, at any depth.
pub struct BusinessServiceExposure {
    suppliers: usize,
    findings: FindingCounts,
    worst: Option<WorstSupplier>,
}

/// What a service inherits from every supplier beneath it, at any depth.
#[Object(name = "ServiceExposure")]
impl BusinessServiceExposure {
    /// Suppliers and fourth parties beneath it.
    async fn suppliers(&self) -> usize {
        self.suppliers
    }
    /// Their open, overdue and risk-accepted findings, summed.
    async fn findings(&self) -> FindingCounts {
        self.findings
    }
    /// The supplier beneath with the highest residual risk, and the path to it.
    async fn worst_residual_risk(&self) -> Option<&WorstSupplier> {
        self.worst.as_ref()
    }
}

/// For `Service.exposure`.
pub(crate) async fn service_exposure(ctx: &Context<'_>, service: Uuid) -> Result<BusinessServiceExposure> {
    let (graph, standing) = (graph(ctx).await?, standing(ctx).await?);
    let rollup = exposure::rollup(&graph, &standing, service);
    Ok(BusinessServiceExposure {
        suppliers: rollup.suppliers,
        findings: rollup.findings,
        worst: rollup.worst.map(|(reach, score)| WorstSupplier {
            supplier: graph.suppliers.get(&reach.node).cloned().map(Supplier),
            residual_risk: score.residual_risk,
            rating: score.rating,
            path: steps(&graph, &reach.path),
        }),
    })
}

/// A critical service that relies on one supplier for a function, with no alternative marked.
pub struct SinglePointOfFailure {
    service: Option<BusinessService>,
    function: String,
    supplier: Option<Supplier>,
}

/// A critical service that relies on one supplier for a function, with no alternative marked.
#[Object]
impl SinglePointOfFailure {
    /// The critical service (NIS 2 critical, or criticality 4 or 5).
    async fn service(&self) -> Option<&BusinessService> {
        self.service.as_ref()
    }
    /// The function only one supplier serves.
    async fn function(&self) -> &str {
        &self.function
    }
    /// That supplier.
    async fn supplier(&self) -> Option<&Supplier> {
        self.supplier.as_ref()
    }
}

/// One supplier's scores over time.
pub struct ScoreTrend {
    supplier: Option<Supplier>,
    points: Vec<ScoreSnapshot>,
}

/// One supplier's scores over time.
#[Object]
impl ScoreTrend {
    /// The supplier.
    async fn supplier(&self) -> Option<&Supplier> {
        self.supplier.as_ref()
    }
    /// Its scores, oldest first, each with why it was taken.
    async fn points(&self) -> &[ScoreSnapshot] {
        &self.points
    }
    /// The latest security score minus the first.
    async fn change(&self) -> f64 {
        match (self.points.first(), self.points.last()) {
            (Some(first), Some(last)) => last.0.security_score - first.0.security_score,
            _ => 0.0,
        }
    }
}

/// The whole supplier portfolio, for the dashboard.
pub struct Portfolio;

/// The suppliers the dashboard counts: those still in the register.
fn current(graph: &LoadedGraph) -> impl Iterator<Item = Uuid> + '_ {
    graph.suppliers.values().filter(|s| s.status != SupplierStatus::Terminated).map(|s| s.id)
}

/// The whole supplier portfolio, for the dashboard; each part is computed when asked for.
#[Object]
impl Portfolio {
    /// Rated suppliers still in the register (not terminated) by inherent x residual risk
    /// level (non-empty cells only), each cell with its suppliers' ratings.
    async fn heat_map(&self, ctx: &Context<'_>) -> Result<Vec<HeatCell>> {
        let (graph, standing) = (graph(ctx).await?, standing(ctx).await?);
        Ok(portfolio::heat_map(&standing, current(&graph)))
    }
    /// Suppliers still in the register (not terminated) by the rating of their latest score.
    async fn rating_distribution(&self, ctx: &Context<'_>) -> Result<RatingDistribution> {
        let (graph, standing) = (graph(ctx).await?, standing(ctx).await?);
        Ok(portfolio::rating_distribution(&standing, current(&graph)))
    }
    /// Each NIS 2 Art. 21(2) point across the rated suppliers.
    async fn nis2_coverage(&self, ctx: &Context<'_>) -> Result<Vec<Nis2Coverage>> {
        Ok(portfolio::nis2_coverage(&*standing(ctx).await?))
    }
    /// Campaigns with assessments still with suppliers or in review.
    async fn campaigns_in_flight(&self, ctx: &Context<'_>) -> Result<Vec<Campaign>> {
        let rows = portfolio::campaigns_in_flight(db(ctx), caller(ctx)?).await.gql()?;
        Ok(rows.into_iter().map(Campaign).collect())
    }
    /// The assessments completed last, newest first (at most 50).
    async fn recently_completed(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] first: u64,
    ) -> Result<Vec<crate::graphql::assessment::lifecycle::Assessment>> {
        let rows = portfolio::recently_completed(db(ctx), caller(ctx)?, first).await.gql()?;
        Ok(rows.into_iter().map(crate::graphql::assessment::lifecycle::Assessment).collect())
    }
    /// Findings opened and verified per week over the last `weeks` weeks (at most 104).
    async fn remediation_burn_down(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 12)] weeks: u32,
    ) -> Result<Vec<BurnDownWeek>> {
        let findings = portfolio::findings(db(ctx), caller(ctx)?).await.gql()?;
        Ok(portfolio::burn_down(&findings, weeks, chrono::Utc::now().date_naive()))
    }
    /// Score history of every rated supplier, those that moved most first.
    async fn score_trends(&self, ctx: &Context<'_>, #[graphql(default = 50)] first: usize) -> Result<Vec<ScoreTrend>> {
        let graph = graph(ctx).await?;
        let history = portfolio::score_history(db(ctx), caller(ctx)?).await.gql()?;
        let mut trends: Vec<ScoreTrend> = history
            .into_iter()
            .map(|(supplier, points)| ScoreTrend {
                supplier: graph.suppliers.get(&supplier).cloned().map(Supplier),
                points: points.into_iter().map(ScoreSnapshot).collect(),
            })
            .collect();
        let change = |t: &ScoreTrend| match (t.points.first(), t.points.last()) {
            (Some(a), Some(b)) => (b.0.security_score - a.0.security_score).abs(),
            _ => 0.0,
        };
        trends.sort_by(|a, b| change(b).total_cmp(&change(a)));
        trends.truncate(first.min(500));
        Ok(trends)
    }
    /// Critical services that rely on one supplier for a function, with no alternative marked.
    async fn single_points_of_failure(&self, ctx: &Context<'_>) -> Result<Vec<SinglePointOfFailure>> {
        let graph = graph(ctx).await?;
        Ok(exposure::single_points_of_failure(&graph)
            .into_iter()
            .map(|p| SinglePointOfFailure {
                service: graph.services.get(&p.service).cloned().map(BusinessService),
                function: p.function,
                supplier: graph.suppliers.get(&p.supplier).cloned().map(Supplier),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct PortfolioQuery;

#[Object]
impl PortfolioQuery {
    /// The whole supplier portfolio: heat map, ratings, NIS 2 coverage, campaigns in flight,
    /// recent completions, remediation burn-down, score trends and single points of failure.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn portfolio(&self, ctx: &Context<'_>) -> Result<Portfolio> {
        caller(ctx)?.require(crate::auth::Permission::Read).gql()?;
        Ok(Portfolio)
    }
}

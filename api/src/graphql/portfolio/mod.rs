//! Roll-ups: what each service inherits through the graph, and the whole portfolio for the
//! dashboard. Both read the portfolio read model (`service::portfolio::freshness`): a few row
//! reads per request whatever the register's size. The model is current when the request
//! starts, or (when a build takes a quarter of a second or more, on large registers) at most a
//! few seconds behind: the worker rebuilds it after every change. `Portfolio.asOf` says when
//! it was built.
use crate::domain::Rating;
use crate::error::GqlResultExt;
use crate::graphql::assessment::campaign::Campaign;
use crate::graphql::assessment::lifecycle::ScoreSnapshot;
use crate::graphql::supply_chain::graph::{GraphNodeKind, PathStep, portfolio_view};
use crate::graphql::{BusinessService, Supplier, caller, db, service_by_id, supplier_by_id};
use crate::service::portfolio::view::{self, Exposure, Step};
use crate::service::portfolio::{self, BurnDownWeek, HeatCell, Nis2Coverage, RatingDistribution};
use crate::service::supply_chain::graph::FindingCounts;
use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The supplier beneath a service with the highest residual risk.
pub struct WorstSupplier(view::Worst);

/// The supplier beneath a service with the highest residual risk.
#[Object]
impl WorstSupplier {
    /// The supplier or fourth party.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        supplier_by_id(ctx, self.0.supplier).await
    }
    /// Its residual risk (0-5) from its latest score.
    async fn residual_risk(&self) -> f64 {
        self.0.residual_risk
    }
    /// Its rating.
    async fn rating(&self) -> Rating {
        self.0.rating
    }
    /// The shortest path: service -> supplier -> ... -> it.
    async fn path(&self) -> Vec<PathStep> {
        self.0.path.iter().map(path_step).collect()
    }
}

fn path_step(step: &Step) -> PathStep {
    let kind = if step.service { GraphNodeKind::Service } else { GraphNodeKind::Supplier };
    PathStep { id: step.id, kind, name: step.name.clone() }
}

/// What a service inherits from every supplier beneath it, at any depth.
pub struct BusinessServiceExposure(Exposure);

/// What a service inherits from every supplier beneath it, at any depth (from the portfolio
/// read model: current, or at most a few seconds behind on large registers).
#[Object(name = "ServiceExposure")]
impl BusinessServiceExposure {
    /// Suppliers and fourth parties beneath it.
    async fn suppliers(&self) -> usize {
        self.0.suppliers
    }
    /// Their open, overdue and risk-accepted findings, summed.
    async fn findings(&self) -> FindingCounts {
        self.0.findings
    }
    /// The supplier beneath with the highest residual risk, and the path to it.
    async fn worst_residual_risk(&self) -> Option<WorstSupplier> {
        self.0.worst.clone().map(WorstSupplier)
    }
}

/// For `Service.exposure`.
pub(crate) async fn service_exposure(ctx: &Context<'_>, service: Uuid) -> Result<BusinessServiceExposure> {
    let view = portfolio_view(ctx).await?;
    let exposure = view.exposure.get(&service).cloned();
    Ok(BusinessServiceExposure(exposure.unwrap_or(Exposure {
        suppliers: 0,
        findings: FindingCounts::default(),
        worst: None,
    })))
}

/// A critical service that relies on one supplier for a function, with no alternative marked.
pub struct SinglePointOfFailure(crate::service::supply_chain::exposure::SinglePoint);

/// A critical service that relies on one supplier for a function, with no alternative marked.
#[Object]
impl SinglePointOfFailure {
    /// The critical service (NIS 2 critical, or criticality 4 or 5).
    async fn service(&self, ctx: &Context<'_>) -> Result<Option<BusinessService>> {
        service_by_id(ctx, self.0.service).await
    }
    /// The function only one supplier serves.
    async fn function(&self) -> &str {
        &self.0.function
    }
    /// That supplier.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        supplier_by_id(ctx, self.0.supplier).await
    }
}

/// One supplier's scores over time.
pub struct ScoreTrend {
    supplier: Uuid,
    points: Vec<ScoreSnapshot>,
}

/// One supplier's scores over time.
#[Object]
impl ScoreTrend {
    /// The supplier.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        supplier_by_id(ctx, self.supplier).await
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

/// The whole supplier portfolio, for the dashboard, from the portfolio read model: current, or
/// at most a few seconds behind on large registers (`asOf`).
#[Object]
impl Portfolio {
    /// When the figures were computed: the data as it stood then.
    async fn as_of(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>> {
        Ok(portfolio_view(ctx).await?.built_at)
    }
    /// Rated suppliers still in the register (not terminated) by inherent x residual risk
    /// level (non-empty cells only), each cell with its suppliers' ratings.
    async fn heat_map(&self, ctx: &Context<'_>) -> Result<Vec<HeatCell>> {
        Ok(portfolio_view(ctx).await?.heat_map.clone())
    }
    /// Suppliers still in the register (not terminated) by the rating of their latest score.
    async fn rating_distribution(&self, ctx: &Context<'_>) -> Result<RatingDistribution> {
        Ok(portfolio_view(ctx).await?.rating_distribution.clone())
    }
    /// Each NIS 2 Art. 21(2) point across the rated suppliers.
    async fn nis2_coverage(&self, ctx: &Context<'_>) -> Result<Vec<Nis2Coverage>> {
        Ok(portfolio_view(ctx).await?.nis2_coverage.clone())
    }
    /// Campaigns with assessments still with suppliers or in review, newest first.
    async fn campaigns_in_flight(&self, ctx: &Context<'_>) -> Result<Vec<Campaign>> {
        let ids = portfolio_view(ctx).await?.campaigns_in_flight.clone();
        let rows = crate::service::assessment::campaign::by_ids(db(ctx), caller(ctx)?, &ids).await.gql()?;
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
        let view = portfolio_view(ctx).await?;
        let skip = view.burn_down.len().saturating_sub(weeks.max(1) as usize);
        Ok(view.burn_down[skip..].to_vec())
    }
    /// Score history of the rated suppliers that moved most, those first (at most 500).
    async fn score_trends(&self, ctx: &Context<'_>, #[graphql(default = 50)] first: usize) -> Result<Vec<ScoreTrend>> {
        let view = portfolio_view(ctx).await?;
        let movers = &view.movers[..first.min(view.movers.len())];
        let mut history = portfolio::score_history(db(ctx), caller(ctx)?, movers).await.gql()?;
        Ok(movers
            .iter()
            .map(|supplier| ScoreTrend {
                supplier: *supplier,
                points: history.remove(supplier).unwrap_or_default().into_iter().map(ScoreSnapshot).collect(),
            })
            .collect())
    }
    /// Critical services that rely on one supplier for a function, with no alternative marked.
    async fn single_points_of_failure(&self, ctx: &Context<'_>) -> Result<Vec<SinglePointOfFailure>> {
        Ok(portfolio_view(ctx).await?.single_points.iter().cloned().map(SinglePointOfFailure).collect())
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

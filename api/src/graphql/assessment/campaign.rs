//! Campaigns: one template to many suppliers, with progress.
use crate::error::GqlResultExt;
use crate::graphql::assessment::lifecycle::Assessment;
use crate::graphql::kernel::loaders::AssessmentsOfCampaign;
use crate::graphql::{caller, db, loaded, loader};
use crate::service::assessment::campaign::{CampaignProgress, LaunchCampaign};
use crate::service::{self};
use async_graphql::{Context, Json, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::campaign;
use uuid::Uuid;

/// One template version sent to many suppliers at once.
pub struct Campaign(pub campaign::Model);

/// One template version sent to many suppliers at once.
#[Object]
impl Campaign {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Its name, e.g. "NIS 2 baseline 2027".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The template version sent.
    async fn template_version_id(&self) -> Uuid {
        self.0.template_version_id
    }
    /// Title of the template sent.
    async fn template_title(&self) -> &str {
        &self.0.template_title
    }
    /// The supplier filter it was launched with.
    async fn filter(&self) -> Json<serde_json::Value> {
        Json(self.0.filter.clone())
    }
    /// When answers are due.
    async fn due_date(&self) -> Option<NaiveDate> {
        self.0.due_date
    }
    /// When it was launched.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The assessments it created, oldest first.
    async fn assessments(&self, ctx: &Context<'_>) -> Result<Vec<Assessment>> {
        Ok(self.rows(ctx).await?.into_iter().map(Assessment).collect())
    }
    /// Counts by stage, how many are overdue, and how many the worker has yet to send.
    async fn progress(&self, ctx: &Context<'_>) -> Result<CampaignProgress> {
        let mut progress = service::assessment::campaign::progress(&self.rows(ctx).await?, Utc::now().date_naive());
        let queued = service::assessment::campaign_send::queued(db(ctx), self.0.id).await.gql()?;
        progress.queued = usize::try_from(queued).unwrap_or(usize::MAX);
        Ok(progress)
    }
}

impl Campaign {
    async fn rows(&self, ctx: &Context<'_>) -> Result<Vec<entity::assessment::Model>> {
        Ok(loaded(loader(ctx).load_one(AssessmentsOfCampaign(self.0.id)).await)?.unwrap_or_default())
    }
}

#[derive(Default)]
pub struct CampaignQuery;

#[Object]
impl CampaignQuery {
    /// Campaigns, newest first.
    async fn campaigns(&self, ctx: &Context<'_>) -> Result<Vec<Campaign>> {
        service::assessment::campaign::list(db(ctx), caller(ctx)?)
            .await
            .map(|v| v.into_iter().map(Campaign).collect())
            .gql()
    }

    /// One campaign.
    async fn campaign(&self, ctx: &Context<'_>, id: Uuid) -> Result<Campaign> {
        service::assessment::campaign::get(db(ctx), caller(ctx)?, id).await.map(Campaign).gql()
    }
}

#[derive(Default)]
pub struct CampaignMutation;

#[Object]
impl CampaignMutation {
    /// Sends a published template version to every supplier the filter selects (each to all
    /// its contacts), in one transaction; suppliers without contacts keep a draft.
    async fn launch_campaign(&self, ctx: &Context<'_>, input: LaunchCampaign) -> Result<Campaign> {
        service::assessment::campaign::launch(db(ctx), caller(ctx)?, input).await.map(Campaign).gql()
    }
}

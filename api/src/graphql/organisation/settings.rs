//! Organisation settings: re-assessment intervals and reminders.
use crate::error::GqlResultExt;
use crate::graphql::{caller, db};
use crate::service;
use crate::service::kernel::retention::Retention;
use crate::service::kernel::settings::OrganisationSettings;
use async_graphql::{Context, Object, Result};

#[derive(Default)]
pub struct SettingsQuery;

#[Object]
impl SettingsQuery {
    /// Your organisation's settings.
    async fn organisation_settings(&self, ctx: &Context<'_>) -> Result<OrganisationSettings> {
        service::organisation::settings::get(db(ctx), caller(ctx)?).await.gql()
    }
}

#[derive(Default)]
pub struct SettingsMutation;

#[Object]
impl SettingsMutation {
    /// Replaces your organisation's settings (admins only).
    async fn update_organisation_settings(
        &self,
        ctx: &Context<'_>,
        input: OrganisationSettings,
    ) -> Result<OrganisationSettings> {
        service::organisation::settings::update(db(ctx), caller(ctx)?, input).await.gql()
    }
    /// Replaces how long your organisation keeps e-mail copies, delivery logs, imports, audit
    /// events and terminated suppliers' documents (admins only). The worker deletes what is
    /// older once a day and records how many of each in the audit trail (`retention.purge`).
    async fn update_retention(&self, ctx: &Context<'_>, input: Retention) -> Result<Retention> {
        service::organisation::settings::update_retention(db(ctx), caller(ctx)?, input).await.gql()
    }
}

//! Organisation settings: re-assessment intervals and reminders.
use crate::error::GqlResultExt;
use crate::graphql::{caller, db};
use crate::service;
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
}

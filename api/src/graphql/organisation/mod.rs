//! The organisation's settings and webhook subscriptions, erasing a person and exporting the
//! whole organisation.
pub mod settings;
pub mod stewardship;
pub mod webhook;

use async_graphql::MergedObject;

/// The organisation queries.
#[derive(MergedObject, Default)]
pub struct OrganisationQuery(settings::SettingsQuery, webhook::WebhookQuery);

/// The organisation mutations.
#[derive(MergedObject, Default)]
pub struct OrganisationMutation(settings::SettingsMutation, webhook::WebhookMutation, stewardship::StewardshipMutation);

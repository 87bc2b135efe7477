//! The organisation's settings and webhook subscriptions, and erasing a person.
pub mod erasure;
pub mod settings;
pub mod webhook;

use async_graphql::MergedObject;

/// The organisation queries.
#[derive(MergedObject, Default)]
pub struct OrganisationQuery(settings::SettingsQuery, webhook::WebhookQuery);

/// The organisation mutations.
#[derive(MergedObject, Default)]
pub struct OrganisationMutation(settings::SettingsMutation, webhook::WebhookMutation, erasure::ErasureMutation);

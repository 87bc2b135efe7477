//! An organisation's integrations: webhooks to GRC tools.
mod webhooks;

//! The register (IR 2024/2690 5.2): suppliers and their contacts, the organisation's own
//! business services, and the dependencies between them. Changes that move a score rescore.
pub mod business_service;
pub mod contact;
pub mod contact_input;
pub mod dependency;
pub mod supplier;
pub mod supplier_filter;
pub mod supplier_input;

//! The supplier register: suppliers, contacts, services and dependencies.
mod suppliers_and_services;

//! Findings and their remediation, by the organisation and by the supplier.
pub mod supplier_side;
pub mod workflow;

use async_graphql::MergedObject;

/// The remediation queries.
#[derive(MergedObject, Default)]
pub struct RemediationQuery(supplier_side::SupplierRemediationQuery);

/// The remediation mutations.
#[derive(MergedObject, Default)]
pub struct RemediationMutation(workflow::WorkflowMutation, supplier_side::SupplierRemediationMutation);

//! Findings and their remediation, by the organisation and by the supplier.
pub mod basis;
pub mod supplier_side;
pub mod workflow;

use async_graphql::MergedObject;

/// The remediation queries.
#[derive(MergedObject, Default)]
pub struct RemediationQuery(workflow::WorkflowQuery, supplier_side::SupplierRemediationQuery);

/// The remediation mutations.
#[derive(MergedObject, Default)]
pub struct RemediationMutation(workflow::WorkflowMutation, supplier_side::SupplierRemediationMutation);

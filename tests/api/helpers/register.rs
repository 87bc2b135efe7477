//! The register: suppliers, services and the dependencies between them.
use super::TestApp;
use serde_json::{Value, json};

/// Previews a register import and reads back everything the preview shows.
pub const PREVIEW_REGISTER: &str = "mutation($file: Upload!, $layout: JSON) { previewRegisterImport(file: $file, layout: $layout) { id status layout columns counts { new changed unchanged invalid newDependencies newServices invalidLinks } notes problems { cell message } rows(limit: 500) { total items { sheet row change supplierId legalName matchedBy fields { field cell from to } problems { cell message } } } dependencies(limit: 500) { total items { row change dependent provider problems { cell message } } } } }";

pub const COMMIT_REGISTER: &str = "mutation($id: UUID!, $skip: Boolean) { commitRegisterImport(batchId: $id, skipInvalid: $skip) { id status committedAt counts { new changed unchanged invalid newDependencies newServices } } }";

impl TestApp {
    /// Previews a register spreadsheet; returns the whole response body.
    pub async fn preview_register(&self, token: &str, file_name: &str, bytes: &[u8]) -> Value {
        self.gql_with_file(Some(token), PREVIEW_REGISTER, json!({}), file_name, bytes).await.1
    }

    /// Creates a supplier with the given extra input fields and returns its id.
    pub async fn supplier(&self, token: &str, legal_name: &str, extra: Value) -> String {
        let mut input = json!({"legalName": legal_name, "country": "DE", "category": "SaaS"});
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        let body = self
            .gql(Some(token), "mutation($i: NewSupplier!) { createSupplier(input: $i) { id } }", json!({"i": input}))
            .await;
        body["data"]["createSupplier"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createSupplier failed: {body}"))
            .to_owned()
    }

    pub async fn service(&self, token: &str, name: &str, criticality: i32) -> String {
        let body = self
            .gql(
                Some(token),
                "mutation($i: NewService!) { createService(input: $i) { id } }",
                json!({"i": {"name": name, "criticality": criticality}}),
            )
            .await;
        body["data"]["createService"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createService failed: {body}"))
            .to_owned()
    }

    pub async fn depend(&self, token: &str, dependent: &str, provider: &str) -> Value {
        self.gql(
            Some(token),
            "mutation($i: NewDependency!) { addDependency(input: $i) { id dependentKind providerKind } }",
            json!({"i": {"dependentId": dependent, "providerId": provider}}),
        )
        .await
    }
}

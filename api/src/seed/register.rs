//! The demo register assembled in memory before it is written: building all rows first lets the
//! seed insert each table in a few large batches, which is what makes 10,000 suppliers fast.
use std::collections::{HashMap, HashSet};

use anyhow::{Context, ensure};
use entity::{business_service, dependency, supplier, supplier_contact};
use sea_orm::ActiveValue::Set;
use uuid::Uuid;

use super::spec::{Ctx, SupplierSpec};
use crate::domain::NodeKind;

pub(super) struct Register {
    pub ctx: Ctx,
    pub suppliers: Vec<supplier::ActiveModel>,
    pub contacts: Vec<supplier_contact::ActiveModel>,
    pub services: Vec<business_service::ActiveModel>,
    pub dependencies: Vec<dependency::ActiveModel>,
    /// Supplier ids in insertion order, so that generated suppliers can pick earlier ones.
    pub supplier_ids: Vec<Uuid>,
    pub service_ids: Vec<Uuid>,
    /// Suppliers and services by name, for the hand-written dependency lists.
    names: HashMap<String, (NodeKind, Uuid)>,
    /// Edges already added: the database has a unique index on (dependent_id, provider_id).
    edges: HashSet<(Uuid, Uuid)>,
}

impl Register {
    pub(super) fn new(ctx: Ctx) -> Self {
        Self {
            ctx,
            suppliers: Vec::new(),
            contacts: Vec::new(),
            services: Vec::new(),
            dependencies: Vec::new(),
            supplier_ids: Vec::new(),
            service_ids: Vec::new(),
            names: HashMap::new(),
            edges: HashSet::new(),
        }
    }

    pub(super) fn add_supplier(&mut self, spec: &SupplierSpec<'_>) -> anyhow::Result<Uuid> {
        let id = Uuid::new_v4();
        self.remember(spec.name, NodeKind::Supplier, id)?;
        let (row, contacts) = spec.models(&self.ctx, id, self.supplier_ids.len());
        self.suppliers.push(row);
        self.contacts.extend(contacts);
        self.supplier_ids.push(id);
        Ok(id)
    }

    pub(super) fn add_service(
        &mut self,
        name: &str,
        description: &str,
        criticality: i32,
        nis2_critical: bool,
    ) -> anyhow::Result<Uuid> {
        let id = Uuid::new_v4();
        self.remember(name, NodeKind::Service, id)?;
        self.services.push(business_service::ActiveModel {
            id: Set(id),
            organisation_id: Set(self.ctx.organisation_id),
            name: Set(name.to_owned()),
            description: Set(Some(description.to_owned())),
            criticality: Set(criticality),
            nis2_critical: Set(nis2_critical),
            created_at: Set(self.ctx.now),
            updated_at: Set(self.ctx.now),
        });
        self.service_ids.push(id);
        Ok(id)
    }

    fn remember(&mut self, name: &str, kind: NodeKind, id: Uuid) -> anyhow::Result<()> {
        let previous = self.names.insert(name.to_owned(), (kind, id));
        ensure!(previous.is_none(), "demo data names {name:?} twice");
        Ok(())
    }

    /// Adds "dependent depends on provider" unless it is a self-loop or already present;
    /// returns whether it was added, so that random generation can simply skip collisions.
    pub(super) fn add_edge(
        &mut self,
        dependent: (NodeKind, Uuid),
        provider: (NodeKind, Uuid),
        description: Option<String>,
    ) -> bool {
        if dependent.1 == provider.1 || !self.edges.insert((dependent.1, provider.1)) {
            return false;
        }
        self.dependencies.push(dependency::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(self.ctx.organisation_id),
            dependent_kind: Set(dependent.0),
            dependent_id: Set(dependent.1),
            provider_kind: Set(provider.0),
            provider_id: Set(provider.1),
            description: Set(description),
            created_at: Set(self.ctx.now),
            function: Set(None),
            alternative: Set(false),
        });
        true
    }

    /// Adds a hand-written edge between named nodes; a typo or a repeated edge in the demo
    /// catalogue is a bug, so it fails instead of being skipped.
    pub(super) fn link(&mut self, dependent: &str, provider: &str, description: &str) -> anyhow::Result<()> {
        let from = self.node(dependent)?;
        let to = self.node(provider)?;
        ensure!(
            self.add_edge(from, to, Some(description.to_owned())),
            "demo dependency {dependent:?} -> {provider:?} is a duplicate or a self-loop"
        );
        Ok(())
    }

    /// Names the function `provider` serves for `dependent`, adding the edge for a marked
    /// alternative the services list does not name.
    pub(super) fn serve(
        &mut self,
        dependent: &str,
        provider: &str,
        function: &str,
        alternative: bool,
    ) -> anyhow::Result<()> {
        let (from, to) = (self.node(dependent)?, self.node(provider)?);
        if !self.edges.contains(&(from.1, to.1)) {
            ensure!(alternative, "demo function {function:?} names a missing dependency {dependent:?} -> {provider:?}");
            self.add_edge(from, to, Some(format!("Fallback for {function}")));
        }
        let edge = self
            .dependencies
            .iter_mut()
            .find(|e| e.dependent_id.as_ref() == &from.1 && e.provider_id.as_ref() == &to.1)
            .context("the edge just checked")?;
        edge.function = Set(Some(function.to_owned()));
        edge.alternative = Set(alternative);
        Ok(())
    }

    fn node(&self, name: &str) -> anyhow::Result<(NodeKind, Uuid)> {
        self.names.get(name).copied().with_context(|| format!("demo dependency names unknown node {name:?}"))
    }
}

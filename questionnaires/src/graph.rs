//! The supply-chain graph: services depend on suppliers, suppliers on their own suppliers
//! (fourth parties). Nodes are numbered densely so that walks over 100,000 nodes and 500,000
//! edges stay fast; every walk visits a node once, so cycles never hang or double count.
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A service of the organisation, with its criticality (1-5).
    Service {
        criticality: u8,
        nis2_critical: bool,
    },
    Supplier,
}

/// A node reached by a walk: how far, and the shortest path to it (from the start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach<Id> {
    pub node: Id,
    pub depth: u32,
    /// From the start of the walk to `node`, both included.
    pub path: Vec<Id>,
}

/// How many services depend on a supplier, directly or through others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concentration<Id> {
    pub supplier: Id,
    pub services: usize,
    /// The sum of the criticality of those services.
    pub weighted: u32,
    pub nis2_critical_services: usize,
}

pub struct SupplyGraph<Id> {
    ids: Vec<Id>,
    index: HashMap<Id, u32>,
    kinds: Vec<NodeKind>,
    /// node -> the nodes it depends on.
    providers: Vec<Vec<u32>>,
    /// node -> the nodes that depend on it.
    dependents: Vec<Vec<u32>>,
}

const NONE: u32 = u32::MAX;

impl<Id: Copy + Eq + Hash> SupplyGraph<Id> {
    /// Edges name (dependent, provider); edges to unknown nodes are ignored.
    pub fn new(nodes: impl IntoIterator<Item = (Id, NodeKind)>, edges: impl IntoIterator<Item = (Id, Id)>) -> Self {
        let mut graph = SupplyGraph {
            ids: Vec::new(),
            index: HashMap::new(),
            kinds: Vec::new(),
            providers: Vec::new(),
            dependents: Vec::new(),
        };
        for (id, kind) in nodes {
            if graph.index.contains_key(&id) {
                continue;
            }
            graph.index.insert(id, graph.ids.len() as u32);
            graph.ids.push(id);
            graph.kinds.push(kind);
        }
        graph.providers = vec![Vec::new(); graph.ids.len()];
        graph.dependents = vec![Vec::new(); graph.ids.len()];
        for (dependent, provider) in edges {
            if let (Some(&d), Some(&p)) = (graph.index.get(&dependent), graph.index.get(&provider)) {
                graph.providers[d as usize].push(p);
                graph.dependents[p as usize].push(d);
            }
        }
        graph
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Every node with its kind, in the order given.
    pub fn nodes(&self) -> impl Iterator<Item = (Id, NodeKind)> + '_ {
        self.ids.iter().copied().zip(self.kinds.iter().copied())
    }

    /// Every edge as (dependent, provider).
    pub fn edges(&self) -> impl Iterator<Item = (Id, Id)> + '_ {
        self.providers
            .iter()
            .enumerate()
            .flat_map(move |(d, ps)| ps.iter().map(move |&p| (self.ids[d], self.ids[p as usize])))
    }

    pub fn kind(&self, id: Id) -> Option<NodeKind> {
        self.index.get(&id).map(|&i| self.kinds[i as usize])
    }

    /// Breadth-first from `start` along `next`, up to `max_depth`; returns the order of visit,
    /// and each node's parent and depth.
    fn walk(&self, start: u32, next: &[Vec<u32>], max_depth: u32) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let mut parent = vec![NONE; self.ids.len()];
        let mut depth = vec![NONE; self.ids.len()];
        let mut order = Vec::new();
        let mut queue = VecDeque::from([start]);
        depth[start as usize] = 0;
        while let Some(node) = queue.pop_front() {
            let d = depth[node as usize];
            if d >= max_depth {
                continue;
            }
            for &other in &next[node as usize] {
                if depth[other as usize] == NONE {
                    depth[other as usize] = d + 1;
                    parent[other as usize] = node;
                    order.push(other);
                    queue.push_back(other);
                }
            }
        }
        (order, parent, depth)
    }

    /// The path from the walk's start to `node`, both included.
    fn path(&self, node: u32, parent: &[u32]) -> Vec<Id> {
        let mut path = vec![self.ids[node as usize]];
        let mut current = node;
        while parent[current as usize] != NONE {
            current = parent[current as usize];
            path.push(self.ids[current as usize]);
        }
        path.reverse();
        path
    }

    /// Every service that depends on `node` directly or through others, nearest first, each
    /// with its shortest path written service -> ... -> `node`.
    pub fn impacted_services(&self, node: Id) -> Vec<Reach<Id>> {
        let Some(&start) = self.index.get(&node) else { return Vec::new() };
        let (order, parent, depth) = self.walk(start, &self.dependents, u32::MAX);
        order
            .into_iter()
            .filter(|&n| matches!(self.kinds[n as usize], NodeKind::Service { .. }))
            .map(|n| {
                let mut path = self.path(n, &parent);
                path.reverse();
                Reach { node: self.ids[n as usize], depth: depth[n as usize], path }
            })
            .collect()
    }

    /// Every supplier beneath `service` up to `max_depth`, nearest first, each with its
    /// shortest path service -> ... -> supplier.
    pub fn supply_chain(&self, service: Id, max_depth: u32) -> Vec<Reach<Id>> {
        let Some(&start) = self.index.get(&service) else { return Vec::new() };
        let (order, parent, depth) = self.walk(start, &self.providers, max_depth);
        order
            .into_iter()
            .filter(|&n| self.kinds[n as usize] == NodeKind::Supplier)
            .map(|n| Reach { node: self.ids[n as usize], depth: depth[n as usize], path: self.path(n, &parent) })
            .collect()
    }

    /// For every node any service reaches, the highest criticality among the services that
    /// depend on it. Services are walked from the most critical down and a node keeps the
    /// first value it gets, so that each node is visited once: O(nodes + edges).
    pub fn inherited_criticality(&self) -> HashMap<Id, u8> {
        let mut services: Vec<(u8, u32)> = self
            .kinds
            .iter()
            .enumerate()
            .filter_map(|(i, k)| match k {
                NodeKind::Service { criticality, .. } => Some((*criticality, i as u32)),
                NodeKind::Supplier => None,
            })
            .collect();
        services.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut level = vec![0u8; self.ids.len()];
        let mut queue = VecDeque::new();
        for (criticality, service) in services {
            queue.push_back(service);
            while let Some(node) = queue.pop_front() {
                for &provider in &self.providers[node as usize] {
                    if level[provider as usize] == 0 {
                        level[provider as usize] = criticality;
                        queue.push_back(provider);
                    }
                }
            }
        }
        level.iter().enumerate().filter(|(_, l)| **l > 0).map(|(i, l)| (self.ids[i], *l)).collect()
    }

    /// Suppliers ranked by the services that depend on them (NIS 2 critical services first,
    /// then weighted by criticality, then by count).
    pub fn concentration(&self) -> Vec<Concentration<Id>> {
        let mut services = vec![0usize; self.ids.len()];
        let mut weighted = vec![0u32; self.ids.len()];
        let mut critical = vec![0usize; self.ids.len()];
        let mut seen = vec![NONE; self.ids.len()];
        for (s, kind) in self.kinds.iter().enumerate() {
            let NodeKind::Service { criticality, nis2_critical } = *kind else { continue };
            let mut queue = VecDeque::from([s as u32]);
            seen[s] = s as u32;
            while let Some(node) = queue.pop_front() {
                for &provider in &self.providers[node as usize] {
                    if seen[provider as usize] != s as u32 {
                        seen[provider as usize] = s as u32;
                        if self.kinds[provider as usize] == NodeKind::Supplier {
                            services[provider as usize] += 1;
                            weighted[provider as usize] += u32::from(criticality);
                            critical[provider as usize] += usize::from(nis2_critical);
                        }
                        queue.push_back(provider);
                    }
                }
            }
        }
        let mut ranked: Vec<Concentration<Id>> = (0..self.ids.len())
            .filter(|&i| services[i] > 0)
            .map(|i| Concentration {
                supplier: self.ids[i],
                services: services[i],
                weighted: weighted[i],
                nis2_critical_services: critical[i],
            })
            .collect();
        ranked.sort_by(|a, b| {
            (b.nis2_critical_services, b.weighted, b.services).cmp(&(a.nis2_critical_services, a.weighted, a.services))
        });
        ranked
    }
}

#[cfg(test)]
mod tests;

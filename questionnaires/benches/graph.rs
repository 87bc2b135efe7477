//! The supply-chain graph at scale: 100,000 nodes (1,000 services, 99,000 suppliers) and
//! 500,000 dependency edges drawn at random (fixed seed).
//! `cargo bench -p questionnaires --bench graph` (figures in BENCHMARKS.md).
use criterion::{Criterion, criterion_group, criterion_main};
use questionnaires::graph::{NodeKind, SupplyGraph};
use std::hint::black_box;

const NODES: u32 = 100_000;
const SERVICES: u32 = 1_000;
const EDGES: usize = 500_000;

/// A small deterministic generator (xorshift), so that every run draws the same graph.
struct Draw(u64);

impl Draw {
    fn next(&mut self, below: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % u64::from(below)) as u32
    }
}

fn nodes() -> impl Iterator<Item = (u32, NodeKind)> {
    (0..NODES).map(|n| {
        let kind = if n < SERVICES {
            NodeKind::Service { criticality: (n % 5 + 1) as u8, nis2_critical: n % 10 == 0 }
        } else {
            NodeKind::Supplier
        };
        (n, kind)
    })
}

fn edges() -> Vec<(u32, u32)> {
    let mut draw = Draw(0x9E37_79B9_7F4A_7C15);
    (0..EDGES).map(|_| (draw.next(NODES), SERVICES + draw.next(NODES - SERVICES))).collect()
}

fn graph(c: &mut Criterion) {
    let edges = edges();
    let graph = SupplyGraph::new(nodes(), edges.iter().copied());
    let mut group = c.benchmark_group("graph 100k nodes 500k edges");
    group.sample_size(10);
    let mut draw = Draw(42);
    group.bench_function("impact of one supplier (every service above, shortest paths)", |b| {
        b.iter(|| graph.impacted_services(black_box(SERVICES + draw.next(NODES - SERVICES))))
    });
    group.bench_function("supply chain of one service, depth 10", |b| {
        b.iter(|| graph.supply_chain(black_box(draw.next(SERVICES)), 10))
    });
    group.bench_function("inherited criticality of every supplier", |b| b.iter(|| graph.inherited_criticality()));
    group.bench_function("build the graph and recompute every inherited criticality", |b| {
        b.iter(|| SupplyGraph::new(nodes(), edges.iter().copied()).inherited_criticality())
    });
    group.finish();
    let impacted = graph.impacted_services(SERVICES + 7);
    let levels = graph.inherited_criticality();
    eprintln!("one supplier impacts {} services; {} nodes inherit a criticality", impacted.len(), levels.len());
}

criterion_group!(benches, graph);
criterion_main!(benches);

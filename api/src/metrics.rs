//! Prometheus metrics in text exposition format: requests, latency, GraphQL errors by code and
//! SQL statements. Hand-rolled because a handful of counters does not earn a dependency.
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    graphql_errors: BTreeMap<String, u64>,
    imports: BTreeMap<&'static str, u64>,
    /// Peak resident memory of import workers that reported it: sum, count, largest.
    import_peak: (u64, u64, u64),
}

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

impl Metrics {
    pub fn observe_request(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.requests.entry((route.to_owned(), method.to_owned(), status)).or_default() += 1;
        let histogram = inner.latency.entry(route.to_owned()).or_default();
        let seconds = elapsed.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                histogram.counts[i] += 1;
            }
        }
        histogram.count += 1;
        histogram.sum += seconds;
    }

    pub fn observe_graphql_error(&self, code: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.graphql_errors.entry(code.to_owned()).or_default() += 1;
    }

    /// One import worker done: `read`, `refused` (a clear error about the file), or `stopped`
    /// (it hit its memory ceiling or deadline); its peak memory when it could say.
    pub fn observe_import(&self, outcome: &'static str, peak_bytes: Option<u64>) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.imports.entry(outcome).or_default() += 1;
        if let Some(bytes) = peak_bytes {
            let (sum, count, max) = inner.import_peak;
            inner.import_peak = (sum + bytes, count + 1, max.max(bytes));
        }
    }

    pub fn render(&self, sql_statements: u64) -> String {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        out.push_str("# HELP chainward_http_requests_total HTTP requests by route, method and status.\n");
        out.push_str("# TYPE chainward_http_requests_total counter\n");
        for ((route, method, status), n) in &inner.requests {
            let _ = writeln!(
                out,
                "chainward_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP chainward_http_request_duration_seconds Request latency by route.\n");
        out.push_str("# TYPE chainward_http_request_duration_seconds histogram\n");
        for (route, h) in &inner.latency {
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "chainward_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "chainward_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(out, "chainward_http_request_duration_seconds_sum{{route=\"{route}\"}} {}", h.sum);
            let _ = writeln!(out, "chainward_http_request_duration_seconds_count{{route=\"{route}\"}} {}", h.count);
        }
        out.push_str("# HELP chainward_graphql_errors_total GraphQL errors by extensions.code.\n");
        out.push_str("# TYPE chainward_graphql_errors_total counter\n");
        for (code, n) in &inner.graphql_errors {
            let _ = writeln!(out, "chainward_graphql_errors_total{{code=\"{code}\"}} {n}");
        }
        out.push_str("# HELP chainward_import_workers_total Spreadsheet import workers by outcome.\n");
        out.push_str("# TYPE chainward_import_workers_total counter\n");
        for (outcome, n) in &inner.imports {
            let _ = writeln!(out, "chainward_import_workers_total{{outcome=\"{outcome}\"}} {n}");
        }
        let (sum, count, max) = inner.import_peak;
        out.push_str("# HELP chainward_import_worker_peak_bytes Peak resident memory of import workers.\n");
        out.push_str("# TYPE chainward_import_worker_peak_bytes summary\n");
        let _ = writeln!(out, "chainward_import_worker_peak_bytes_sum {sum}");
        let _ = writeln!(out, "chainward_import_worker_peak_bytes_count {count}");
        out.push_str("# HELP chainward_import_worker_peak_bytes_max The largest peak of any import worker.\n");
        out.push_str("# TYPE chainward_import_worker_peak_bytes_max gauge\n");
        let _ = writeln!(out, "chainward_import_worker_peak_bytes_max {max}");
        out.push_str("# HELP chainward_db_statements_total SQL statements executed.\n");
        out.push_str("# TYPE chainward_db_statements_total counter\n");
        let _ = writeln!(out, "chainward_db_statements_total {sql_statements}");
        out
    }
}

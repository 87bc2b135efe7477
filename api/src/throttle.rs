//! Throttling of guesses: after too many failures from one address within a window, further
//! attempts are refused with LIMIT until the window has passed. Kept in memory per process:
//! a guesser spread over replicas still meets each replica's limit.
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttle {
    max_failures: u32,
    window: Duration,
    failures: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Throttle {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        Throttle { max_failures, window, failures: Mutex::new(HashMap::new()) }
    }

    /// Whether `address` may try now.
    pub fn allows(&self, address: IpAddr) -> bool {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match failures.get(&address) {
            Some((since, _)) if since.elapsed() > self.window => {
                failures.remove(&address);
                true
            }
            Some((_, count)) => *count < self.max_failures,
            None => true,
        }
    }

    pub fn record_failure(&self, address: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Forget stale entries now and then so that the map stays small.
        if failures.len() > 10_000 {
            let window = self.window;
            failures.retain(|_, (since, _)| since.elapsed() <= window);
        }
        let entry = failures.entry(address).or_insert((Instant::now(), 0));
        entry.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_after_too_many_failures_and_others_are_not() {
        let throttle = Throttle::new(3, Duration::from_secs(60));
        let guesser: IpAddr = [10, 0, 0, 1].into();
        let other: IpAddr = [10, 0, 0, 2].into();
        for _ in 0..3 {
            assert!(throttle.allows(guesser));
            throttle.record_failure(guesser);
        }
        assert!(!throttle.allows(guesser));
        assert!(throttle.allows(other));
        let short = Throttle::new(1, Duration::from_millis(1));
        short.record_failure(guesser);
        std::thread::sleep(Duration::from_millis(5));
        assert!(short.allows(guesser), "the window passes");
    }
}

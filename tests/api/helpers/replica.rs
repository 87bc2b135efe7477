//! A replica of `chainward serve` as a process of its own on the test app's database, so that a
//! test can kill it with SIGKILL in the middle of its work and start another.
use super::{TEST_JWT_SECRET, TestApp};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Replica {
    child: Child,
    pub address: String,
    data_dir: std::path::PathBuf,
}

impl Replica {
    /// Starts a replica on `app`'s database whose worker holds what it claims for `lease`, and
    /// waits until it is ready.
    pub async fn start(app: &TestApp, lease: Duration) -> Replica {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let data_dir = std::env::temp_dir().join(format!("chainward-replica-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&data_dir).unwrap();
        let log = std::fs::File::create(data_dir.join("replica.log")).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_chainward-replica"));
        command
            .arg("--data-dir")
            .arg(&data_dir)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", &app.database_url)
            .env("CHAINWARD_JWT_SECRET", std::str::from_utf8(TEST_JWT_SECRET).unwrap())
            .env("CHAINWARD_WEBHOOK_ALLOW", "127.0.0.1/32")
            .env("CHAINWARD_WORKER_LEASE_SECS", lease.as_secs().max(1).to_string())
            .env("CHAINWARD_PORTAL_DIR", data_dir.join("no-portal"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log);
        if let Ok(store) = std::env::var("TEST_OBJECT_STORE_URL") {
            command.env("CHAINWARD_OBJECT_STORE_URL", store);
        }
        let child = command.spawn().expect("start a replica");
        let replica = Replica { child, address: format!("http://127.0.0.1:{port}"), data_dir };
        for _ in 0..300 {
            let ready = app.client.get(format!("{}/readyz", replica.address)).send().await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return replica;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the replica did not start: {}", replica.log());
    }

    /// Kills the process at once (SIGKILL): no shutdown, no rollback of its own.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What the replica logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.data_dir.join("replica.log")).unwrap_or_default()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

//! The import worker for the end-to-end tests. The tests run the application inside the test
//! binary, which cannot be a worker itself; this is the same worker `chainward sheet-worker`
//! runs (`questionnaires::sheet::worker`), so the sandbox is tested as it is deployed.
fn main() -> std::process::ExitCode {
    match questionnaires::sheet::worker::serve(std::io::stdin().lock(), std::io::stdout().lock()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

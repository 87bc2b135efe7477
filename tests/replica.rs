//! `chainward` itself, built with the tests so that they can run a replica as a process of its
//! own and kill it (SIGKILL) in the middle of its work; the in-process app cannot be killed.
fn main() -> std::process::ExitCode {
    chainward::cli::run()
}

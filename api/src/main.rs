fn main() -> std::process::ExitCode {
    chainward::cli::run()
}

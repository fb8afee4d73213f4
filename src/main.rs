//! The `frex` command: a thin layer that turns argv into the library's
//! configuration, and records into stdout. Only this binary knows clap,
//! stdout and exit codes.

mod cli;

fn main() {
    std::process::exit(cli::main());
}

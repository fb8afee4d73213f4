//! The `frex` command: a thin layer that turns argv into the library's
//! configuration, and records into stdout. Only this binary knows clap,
//! stdout and exit codes.

mod cli;

// Extraction allocates many small, short-lived strings and vectors per
// article on every worker; mimalloc's thread-local free lists serve them
// faster than the system allocator (see benches/cli-throughput.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}

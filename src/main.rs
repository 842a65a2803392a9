//! vlmgr's entry point: parse, run, print, exit. Everything else lives in the library.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use vlmgr::cli::{self, Parsed};
use vlmgr::{commands, output};

fn main() -> ExitCode {
    let invocation = match cli::parse(std::env::args_os().collect()) {
        Parsed::Run(invocation) => invocation,
        Parsed::Exit {
            code,
            stdout,
            stderr,
        } => {
            // A closed pipe while printing help is not worth a message.
            let _ = std::io::stdout().write_all(stdout.as_bytes());
            let _ = std::io::stderr().write_all(stderr.as_bytes());
            return code.into();
        }
    };
    let config = &invocation.config;
    match commands::run(config, invocation.action) {
        Ok(done) => match output::print_report(&done.report, config) {
            Ok(()) => ExitCode::from(done.exit.code()),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "Error: cannot write the output: {e}");
                vlmgr::exit_codes::ExitCode::LocalState.into()
            }
        },
        Err(failure) => {
            let view = failure.view();
            output::print_error(&view, config);
            view.exit_code.into()
        }
    }
}

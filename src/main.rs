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
        } => return print_and_exit(&stdout, &stderr, code.code()),
        Parsed::Monitor {
            exit,
            stdout,
            stderr,
        } => return print_and_exit(&stdout, &stderr, exit.code()),
    };
    let config = &invocation.config;
    match commands::run(config, invocation.action) {
        Ok(done) => match output::print_report(&done.report, config) {
            Ok(()) => ExitCode::from(done.exit.code()),
            Err(e) => {
                let view = output::ErrorView {
                    hresult: None,
                    message: format!("cannot write the output: {e}"),
                    hint: "Check where standard output goes (a full disk, a file that \
                           cannot be written)."
                        .to_string(),
                    exit_code: vlmgr::exit_codes::Exit::LocalState,
                };
                let text = output::error_text(&view, config.color.stderr);
                let _ = std::io::stderr().write_all(text.as_bytes());
                view.exit_code.into()
            }
        },
        Err(failure) => {
            let view = failure.view();
            output::print_error(&view, config);
            view.exit_code.into()
        }
    }
}

/// What parsing alone decided: help, a version, a usage error.
fn print_and_exit(stdout: &str, stderr: &str, code: u8) -> ExitCode {
    // A closed pipe while printing help is not worth a message.
    let _ = std::io::stdout().write_all(stdout.as_bytes());
    let _ = std::io::stderr().write_all(stderr.as_bytes());
    ExitCode::from(code)
}

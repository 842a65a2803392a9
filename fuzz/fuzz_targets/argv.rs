#![no_main]
//! The command line: slmgr rewriting and clap parsing of arbitrary argument vectors
//! (NUL-separated, any bytes) never panic.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use libfuzzer_sys::fuzz_target;
use vlmgr::cli::{Parsed, parse};

fuzz_target!(|data: &[u8]| {
    let mut args = vec![OsString::from("vlmgr")];
    args.extend(data.split(|b| *b == 0).map(|arg| OsString::from_vec(arg.to_vec())));
    match parse(args) {
        Parsed::Run(_) | Parsed::Exit { .. } | Parsed::Monitor { .. } => {}
    }
});

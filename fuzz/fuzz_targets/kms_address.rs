#![no_main]
//! `skms` / `--kms` addresses: never panic; whatever parses prints in a form that parses
//! back to the same address.

use libfuzzer_sys::fuzz_target;
use vlmgr::address::KmsAddress;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(address) = KmsAddress::parse(text) {
        let printed = address.to_string();
        let again = KmsAddress::parse(&printed).expect("a printed address parses");
        assert_eq!(again, address, "{text:?} -> {printed:?}");
    }
});

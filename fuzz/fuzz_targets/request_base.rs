#![no_main]
//! RequestBase parsing (used by the test host): never panics, and what
//! parses re-encodes to a base that parses to the same value.

use libfuzzer_sys::fuzz_target;
use vlmgr::protocol::kms::RequestBase;

fuzz_target!(|data: &[u8]| {
    if let Ok(base) = RequestBase::from_bytes(data) {
        let again = RequestBase::from_bytes(&base.to_bytes());
        assert_eq!(again.as_ref(), Ok(&base));
    }
});

//! `KeyManagementServiceVersion` in HKLM, as slmgr.vbs sets and deletes it, through
//! `windows-registry`'s safe API. slmgr never creates the licensing service's key: the
//! 64-bit one must exist, the 32-bit one is written only when it exists.

use windows_registry::{Key, LOCAL_MACHINE};

use super::{KMS_VERSION_VALUE, SPP_REGISTRY_KEY, SPP_REGISTRY_KEY_32, SppError};
use crate::protocol::HResult;

const NOT_FOUND: HResult = HResult::FILE_NOT_FOUND;

/// The value under the 64-bit key, if set.
pub(super) fn read_kms_version() -> Result<Option<String>, SppError> {
    let key = match open(SPP_REGISTRY_KEY, false, "reading")? {
        Some(key) => key,
        None => return Ok(None),
    };
    match key.get_string(KMS_VERSION_VALUE) {
        Ok(value) => Ok(Some(value)),
        Err(error) if code(&error) == NOT_FOUND => Ok(None),
        Err(error) => Err(registry_error("reading", SPP_REGISTRY_KEY, &error)),
    }
}

/// Sets the value to `version` in both keys (the 32-bit one when it exists), or deletes
/// it from both (`None`; already absent is fine).
pub(super) fn write_kms_version(version: Option<&str>) -> Result<(), SppError> {
    for (path, required) in [
        (SPP_REGISTRY_KEY, version.is_some()),
        (SPP_REGISTRY_KEY_32, false),
    ] {
        let operation = if version.is_some() {
            "writing"
        } else {
            "deleting"
        };
        let Some(key) = open(path, true, operation)? else {
            if required {
                return Err(SppError::Registry {
                    operation,
                    path,
                    hresult: NOT_FOUND,
                });
            }
            continue;
        };
        let result = match version {
            Some(version) => key.set_string(KMS_VERSION_VALUE, version),
            None => key.remove_value(KMS_VERSION_VALUE),
        };
        match result {
            Ok(()) => {}
            Err(error) if version.is_none() && code(&error) == NOT_FOUND => {}
            Err(error) => return Err(registry_error(operation, path, &error)),
        }
    }
    Ok(())
}

/// The key at `path`, `None` when it does not exist.
fn open(path: &'static str, write: bool, operation: &'static str) -> Result<Option<Key>, SppError> {
    let mut options = LOCAL_MACHINE.options();
    options.read();
    if write {
        options.write();
    }
    match options.open(path) {
        Ok(key) => Ok(Some(key)),
        Err(error) if code(&error) == NOT_FOUND => Ok(None),
        Err(error) => Err(registry_error(operation, path, &error)),
    }
}

fn code(error: &windows_result::Error) -> HResult {
    HResult(error.code().0 as u32)
}

fn registry_error(
    operation: &'static str,
    path: &'static str,
    error: &windows_result::Error,
) -> SppError {
    SppError::Registry {
        operation,
        path,
        hresult: code(error),
    }
}

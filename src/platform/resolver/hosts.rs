//! The hosts file, which the resolver consults before DNS for a name's addresses:
//! `/etc/hosts`, or on Windows `%SystemRoot%\System32\drivers\etc\hosts`. Read here, with
//! a bound, rather than by hickory-resolver (which would read it whole, wait on a FIFO,
//! and panic on Windows without `SystemRoot`); the locator hands the bytes to hickory's
//! parser.

use std::ffi::OsString;
use std::path::PathBuf;

use super::Native;
use crate::platform::os_file::FileRead;

/// The most vlmgr reads of a hosts file: blocklists distributed as hosts files run to a
/// few MiB.
pub(crate) const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The hosts file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostsFile {
    /// Where it is; none on Windows without `SystemRoot`.
    pub(crate) path: Option<PathBuf>,
    /// What was read.
    pub(crate) contents: FileRead,
}

impl HostsFile {
    /// The bytes to use: none when missing or not read (as the resolver then has none).
    pub(crate) fn bytes(&self) -> Option<&[u8]> {
        match &self.contents {
            FileRead::Bytes(bytes) => Some(bytes),
            FileRead::Missing | FileRead::Unreadable(_) => None,
        }
    }

    /// What to say about it: why it was not read, unless it simply does not exist.
    pub(crate) fn note(&self) -> Option<String> {
        let Some(path) = &self.path else {
            return Some("SystemRoot is not set, so the hosts file was not read".to_owned());
        };
        match &self.contents {
            FileRead::Unreadable(why) => Some(format!(
                "{} cannot be read ({why}); names are looked up in DNS only",
                path.display()
            )),
            FileRead::Missing | FileRead::Bytes(_) => None,
        }
    }
}

/// This machine's hosts file.
pub(crate) fn read() -> HostsFile {
    let path = path_on(Native::THIS_OS, std::env::var_os("SystemRoot"));
    let contents = match &path {
        Some(path) => FileRead::of(path, MAX_BYTES),
        None => FileRead::Missing,
    };
    HostsFile { path, contents }
}

/// Where the hosts file is on an OS whose resolver configuration is `native`; Windows
/// keeps it under `system_root` (the `SystemRoot` variable).
pub(crate) fn path_on(native: Native, system_root: Option<OsString>) -> Option<PathBuf> {
    match native {
        Native::Registry => {
            system_root.map(|root| PathBuf::from(root).join(r"System32\drivers\etc\hosts"))
        }
        Native::DynamicStore | Native::ResolvConf => Some(PathBuf::from("/etc/hosts")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_os_keeps_it_in_its_place() {
        assert_eq!(
            path_on(Native::ResolvConf, None),
            Some(PathBuf::from("/etc/hosts"))
        );
        assert_eq!(
            path_on(Native::DynamicStore, Some("C:\\Windows".into())),
            Some(PathBuf::from("/etc/hosts"))
        );
        let windows = path_on(Native::Registry, Some("C:\\Windows".into())).unwrap();
        assert!(
            windows
                .to_string_lossy()
                .ends_with(r"System32\drivers\etc\hosts"),
            "{windows:?}"
        );
        assert_eq!(path_on(Native::Registry, None), None);
    }

    #[test]
    fn only_a_file_that_exists_and_is_refused_is_said() {
        let file = |contents| HostsFile {
            path: Some(PathBuf::from("/etc/hosts")),
            contents,
        };
        assert_eq!(file(FileRead::Missing).note(), None);
        assert_eq!(file(FileRead::Missing).bytes(), None);
        let read = file(FileRead::Bytes(b"127.0.0.1 kms\n".to_vec()));
        assert_eq!(read.note(), None);
        assert_eq!(read.bytes(), Some(&b"127.0.0.1 kms\n"[..]));
        let refused = file(FileRead::Unreadable(
            "it is a FIFO (named pipe), not a regular file".into(),
        ));
        assert_eq!(refused.bytes(), None);
        let note = refused.note().unwrap();
        assert!(
            note.starts_with("/etc/hosts cannot be read (it is a FIFO"),
            "{note}"
        );
        let unset = HostsFile {
            path: None,
            contents: FileRead::Missing,
        };
        assert!(unset.note().unwrap().contains("SystemRoot"));
    }
}

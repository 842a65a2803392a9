//! Reading a file the OS keeps (resolv.conf, `/etc/resolver/*`, the hosts file, DMI
//! values): whole, up to a bound, and only a regular file. A FIFO, a device or a huge
//! file named by mistake (`VLMGR_RESOLV_CONF=/dev/zero`) is refused at once instead of
//! hanging or filling memory (docs/reliability.md). Symbolic links are followed:
//! `/etc/resolv.conf` usually is one.
//!
//! What a file is comes from the OS twice: from the path before opening it (opening a
//! FIFO waits for a writer, opening a device may do something), and from the open file
//! before reading it (the path may have changed in between). On Unix the open never
//! waits (`O_NONBLOCK`), so a FIFO swapped in between is refused too. [`check_kind`] and
//! [`within_limit`] decide, the same on every OS.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// What a path names, after following symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file: the only kind read.
    Regular,
    /// A directory.
    Directory,
    /// A FIFO (named pipe): reading it waits for a writer.
    Fifo,
    /// A character device (`/dev/zero`, a terminal): it may never end.
    CharacterDevice,
    /// A block device.
    BlockDevice,
    /// A Unix socket.
    Socket,
    /// Anything else the OS reports.
    Other,
}

impl FileKind {
    /// The kind in a few words, as messages say it.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Regular => "a regular file",
            Self::Directory => "a directory",
            Self::Fifo => "a FIFO (named pipe)",
            Self::CharacterDevice => "a character device",
            Self::BlockDevice => "a block device",
            Self::Socket => "a socket",
            Self::Other => "not a file",
        }
    }
}

/// Why a file the OS keeps was not read.
#[derive(Debug, thiserror::Error)]
pub enum OsFileError {
    /// The OS refused (it does not exist, permission denied, ...).
    #[error(transparent)]
    Io(#[from] io::Error),
    /// It is not a regular file.
    #[error("it is {}, not a regular file", .kind.describe())]
    NotRegular {
        /// What it is.
        kind: FileKind,
    },
    /// It holds more than the bound for such a file.
    #[error("it holds more than {limit} bytes, the most vlmgr reads of such a file")]
    TooLarge {
        /// The bound, in bytes.
        limit: u64,
    },
}

impl OsFileError {
    /// Whether the file does not exist (often normal, and said differently).
    pub(crate) fn is_not_found(&self) -> bool {
        self.io_kind() == Some(io::ErrorKind::NotFound)
    }

    /// The OS's error kind, when the OS refused.
    pub(crate) fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            Self::Io(error) => Some(error.kind()),
            Self::NotRegular { .. } | Self::TooLarge { .. } => None,
        }
    }
}

/// The bytes of the regular file at `path`, if it holds at most `limit` bytes.
pub(crate) fn read(path: &Path, limit: u64) -> Result<Vec<u8>, OsFileError> {
    check_kind(kind_of(&std::fs::metadata(path)?))?;
    let file = open_without_waiting(path)?;
    check_kind(kind_of(&file.metadata()?))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    within_limit(bytes, limit)
}

/// Only a regular file is read.
pub(crate) fn check_kind(kind: FileKind) -> Result<(), OsFileError> {
    match kind {
        FileKind::Regular => Ok(()),
        kind => Err(OsFileError::NotRegular { kind }),
    }
}

/// `bytes`, read with a bound of `limit + 1`, unless they show the file holds more.
pub(crate) fn within_limit(bytes: Vec<u8>, limit: u64) -> Result<Vec<u8>, OsFileError> {
    if u64::try_from(bytes.len()).map_or(true, |len| len > limit) {
        Err(OsFileError::TooLarge { limit })
    } else {
        Ok(bytes)
    }
}

/// A file the OS keeps, as a snapshot holds it: what is missing or unreadable is said,
/// not fatal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FileRead {
    /// It does not exist.
    #[default]
    Missing,
    /// Its bytes.
    Bytes(Vec<u8>),
    /// It exists but could not be read, or was refused ([`OsFileError`]).
    Unreadable(String),
}

impl FileRead {
    /// The file at `path`, read with [`read`].
    pub(crate) fn of(path: &Path, limit: u64) -> FileRead {
        match read(path, limit) {
            Ok(bytes) => FileRead::Bytes(bytes),
            Err(error) if error.is_not_found() => FileRead::Missing,
            Err(error) => FileRead::Unreadable(error.to_string()),
        }
    }
}

#[cfg(unix)]
fn kind_of(metadata: &Metadata) -> FileKind {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_file() {
        FileKind::Regular
    } else if kind.is_dir() {
        FileKind::Directory
    } else if kind.is_fifo() {
        FileKind::Fifo
    } else if kind.is_char_device() {
        FileKind::CharacterDevice
    } else if kind.is_block_device() {
        FileKind::BlockDevice
    } else if kind.is_socket() {
        FileKind::Socket
    } else {
        FileKind::Other
    }
}

#[cfg(not(unix))]
fn kind_of(metadata: &Metadata) -> FileKind {
    if metadata.is_file() {
        FileKind::Regular
    } else if metadata.is_dir() {
        FileKind::Directory
    } else {
        FileKind::Other
    }
}

/// Opens for reading without waiting: `O_NONBLOCK` makes the open of a FIFO return at
/// once (and changes nothing for a regular file); `O_NOCTTY` keeps a terminal from
/// becoming the controlling one.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

/// Windows' open does not wait for a writer.
#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_within_the_bound_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("resolv.conf");
        std::fs::write(&file, b"search corp.test\n").unwrap();
        assert_eq!(read(&file, 17).unwrap(), b"search corp.test\n");
        let error = read(&file, 16).unwrap_err();
        assert!(
            matches!(error, OsFileError::TooLarge { limit: 16 }),
            "{error}"
        );
        assert!(error.to_string().contains("more than 16 bytes"), "{error}");

        let error = read(dir.path(), 1024).unwrap_err();
        assert!(
            matches!(
                error,
                OsFileError::NotRegular {
                    kind: FileKind::Directory
                }
            ),
            "{error}"
        );
        assert_eq!(error.to_string(), "it is a directory, not a regular file");

        let missing = read(&dir.path().join("none"), 1024).unwrap_err();
        assert!(missing.is_not_found(), "{missing}");
        assert_eq!(
            FileRead::of(&dir.path().join("none"), 1024),
            FileRead::Missing
        );
        assert_eq!(
            FileRead::of(&file, 16),
            FileRead::Unreadable(
                "it holds more than 16 bytes, the most vlmgr reads of such a file".to_owned()
            )
        );
    }

    #[test]
    fn the_decisions_hold_on_every_os() {
        assert!(check_kind(FileKind::Regular).is_ok());
        for kind in [
            FileKind::Directory,
            FileKind::Fifo,
            FileKind::CharacterDevice,
            FileKind::BlockDevice,
            FileKind::Socket,
            FileKind::Other,
        ] {
            let error = check_kind(kind).unwrap_err();
            assert!(error.to_string().contains(kind.describe()), "{error}");
        }
        assert_eq!(within_limit(vec![0; 4], 4).unwrap().len(), 4);
        assert!(matches!(
            within_limit(vec![0; 5], 4),
            Err(OsFileError::TooLarge { limit: 4 })
        ));
        assert_eq!(within_limit(Vec::new(), 0).unwrap(), b"");
    }

    /// /dev/zero never ends: it is refused before a byte is read.
    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        let error = read(Path::new("/dev/zero"), 64 * 1024).unwrap_err();
        assert!(
            matches!(
                error,
                OsFileError::NotRegular {
                    kind: FileKind::CharacterDevice
                }
            ),
            "{error}"
        );
    }

    /// A FIFO without a writer: opening it for reading would wait for ever; it is refused
    /// at once. `mkfifo` makes it (std has no safe call for it).
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let error = read(&fifo, 64 * 1024).unwrap_err();
        assert!(
            matches!(
                error,
                OsFileError::NotRegular {
                    kind: FileKind::Fifo
                }
            ),
            "{error}"
        );
        // The open itself does not wait either (what protects against a FIFO swapped in
        // after the first look).
        let file = open_without_waiting(&fifo).expect("opens at once");
        assert_eq!(kind_of(&file.metadata().unwrap()), FileKind::Fifo);
    }

    /// A symbolic link is followed (`/etc/resolv.conf` usually is one).
    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, b"domain corp.test\n").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read(&link, 1024).unwrap(), b"domain corp.test\n");
    }
}

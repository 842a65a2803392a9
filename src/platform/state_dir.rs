//! The state directory, as the operating system sees it: vlmgr's only writable place, so
//! the one a hostile local user would aim at (docs/state.md, "Safety").
//!
//! - The directory is opened once. On Unix every file in it is then reached through that
//!   handle (`openat`, `renameat`, `unlinkat`), so swapping a path component afterwards
//!   changes nothing; on Windows, which has no such calls in a safe API, by path.
//! - It must belong to the user running vlmgr (or to root) and be writable by no one
//!   else, as ssh asks of `~/.ssh`: otherwise its owner could plant links for a
//!   more privileged vlmgr to write through.
//! - No file in it is opened through a symbolic link (`O_NOFOLLOW`; on Windows the
//!   reparse point itself is opened and refused), nor anything but a regular file: a
//!   FIFO is opened non-blocking and refused instead of hanging the read.
//! - A new file is written under a unique name created exclusively (`O_EXCL`, mode
//!   0600), synced, renamed over the old one, and the rename made durable.
//! - Waiting for the lock is bounded, says what it waits for, and stops when asked.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a path in the state directory was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link (or, on Windows, another reparse point) where a file should be.
    Link,
    /// Something other than a regular file (a FIFO, socket, device or directory).
    NotRegular(&'static str),
    /// The state directory path names something other than a directory.
    NotDirectory,
    /// The directory belongs to someone else than the user running vlmgr (or root).
    OwnedByOther {
        owner: u32,
        owner_name: Option<String>,
        you: u32,
    },
    /// Group or others may write into the directory.
    WritableByOthers { mode: u32 },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Link => f.write_str("it is a symbolic link, which vlmgr does not follow"),
            Refusal::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            Refusal::NotDirectory => f.write_str("it is not a directory"),
            Refusal::OwnedByOther {
                owner,
                owner_name,
                you,
            } => {
                write!(f, "it belongs to ")?;
                match owner_name {
                    Some(name) => write!(f, "user {name} (uid {owner})")?,
                    None => write!(f, "uid {owner}")?,
                }
                write!(f, ", not to the user running vlmgr (uid {you})")
            }
            Refusal::WritableByOthers { mode } => write!(
                f,
                "others may write into it (mode {:04o}), so they could plant links in it",
                mode & 0o7777
            ),
        }
    }
}

/// What went wrong with a path in the state directory.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FsError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("{0}")]
    Refused(Refusal),
    #[error("it is {size} bytes, more than the {max} allowed")]
    TooLarge { size: u64, max: u64 },
    /// The lock was still held by another process when the wait's time was up.
    #[error("another process still held it after {} s", waited.as_secs())]
    LockTimedOut { waited: Duration },
    /// The wait for the lock was asked to stop (an interrupt).
    #[error("the wait for it was interrupted")]
    Interrupted,
}

impl From<Refusal> for FsError {
    fn from(refusal: Refusal) -> Self {
        FsError::Refused(refusal)
    }
}

/// How long to wait for the lock, whom to tell after a second, and when to give up early.
#[derive(Clone)]
pub(crate) struct LockWait {
    pub(crate) timeout: Duration,
    /// Called once when the wait has lasted a second (the caller prints the progress).
    pub(crate) on_slow: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Asked between tries: `true` stops the wait (an interrupt arrived).
    pub(crate) stop: Option<Arc<dyn Fn() -> bool + Send + Sync>>,
}

impl fmt::Debug for LockWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LockWait")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl LockWait {
    pub(crate) fn bounded(timeout: Duration) -> LockWait {
        LockWait {
            timeout,
            on_slow: None,
            stop: None,
        }
    }
}

/// An exclusive lock on a file of the state directory, released on drop.
#[derive(Debug)]
pub(crate) struct DirLock {
    _file: File,
}

/// The opened state directory.
#[derive(Debug)]
pub(crate) struct StateDir {
    /// Windows reaches the directory's files by path; Unix through `handle`.
    #[cfg(windows)]
    path: PathBuf,
    #[cfg(unix)]
    handle: File,
}

/// At most this many directory entries are looked at when clearing temporary files left
/// by killed writers (a state directory holds three or four).
const MAX_ENTRIES_SCANNED: usize = 4096;

impl StateDir {
    /// Opens an existing state directory; `None` when there is none.
    pub(crate) fn open(path: &Path) -> Result<Option<StateDir>, FsError> {
        match sys::open_dir(path) {
            Err(FsError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            result => result.map(Some),
        }
    }

    /// Opens the state directory, creating it (and its parents) first if needed,
    /// readable by its owner only on Unix.
    pub(crate) fn create(path: &Path) -> Result<StateDir, FsError> {
        match sys::open_dir(path) {
            Err(FsError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                create_private_dir(path)?;
                sys::open_dir(path)
            }
            result => result,
        }
    }

    /// The bytes of file `name`, at most `max`; `None` when it does not exist.
    pub(crate) fn read(&self, name: &str, max: u64) -> Result<Option<Vec<u8>>, FsError> {
        let Some(file) = self.open_existing(name)? else {
            return Ok(None);
        };
        let size = file.metadata()?.len();
        if size > max {
            return Err(FsError::TooLarge { size, max });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(max + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > max {
            return Err(FsError::TooLarge {
                size: bytes.len() as u64,
                max,
            });
        }
        Ok(Some(bytes))
    }

    fn open_existing(&self, name: &str) -> Result<Option<File>, FsError> {
        match sys::open_file(self, name, false) {
            Err(FsError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            result => result.map(Some),
        }
    }

    /// Takes the exclusive lock on file `name` (created if needed), waiting at most
    /// `wait.timeout` for another process to release it.
    pub(crate) fn lock(&self, name: &str, wait: &LockWait) -> Result<DirLock, FsError> {
        let file = sys::open_file(self, name, true)?;
        let started = Instant::now();
        let mut told = false;
        let mut pause = Duration::from_millis(5);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(DirLock { _file: file }),
                Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
                Err(std::fs::TryLockError::WouldBlock) => {}
            }
            if wait.stop.as_ref().is_some_and(|stop| stop()) {
                return Err(FsError::Interrupted);
            }
            let waited = started.elapsed();
            if waited >= wait.timeout {
                return Err(FsError::LockTimedOut { waited });
            }
            if !told && waited >= Duration::from_secs(1) {
                told = true;
                if let Some(on_slow) = &wait.on_slow {
                    on_slow();
                }
            }
            // Short pauses at first (a writer holds the lock for milliseconds), then at
            // most a tenth of a second, so a release or an interrupt is seen promptly.
            std::thread::sleep(pause.min(wait.timeout - waited));
            pause = (pause * 2).min(Duration::from_millis(100));
        }
    }

    /// Replaces file `name` with `bytes`: written under a new unique name, synced,
    /// renamed over the old file, the rename made durable. Either the old or the new
    /// file is there after a crash; on an error the old one is intact.
    pub(crate) fn replace(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let (temp_name, mut file) = sys::create_temp(self, name)?;
        let result = (|| {
            file.write_all(bytes)?;
            sync(&file)?;
            drop(file);
            sys::rename_durably(self, &temp_name, name)
        })();
        if result.is_err() {
            // The old file is intact; do not leave the temporary file behind.
            let _ = sys::remove(self, &temp_name);
        }
        result
    }

    /// Whether a new `name` can be written in the directory now: a temporary file of
    /// it is created and removed again.
    pub(crate) fn check_writable(&self, name: &str) -> io::Result<()> {
        let (temp_name, file) = sys::create_temp(self, name)?;
        drop(file);
        sys::remove(self, &temp_name)
    }

    /// Removes the temporary files of `name` that killed writers left behind. Call it
    /// while holding the lock: only a lock holder writes one, so any found is stale.
    pub(crate) fn remove_stale_temps(&self, name: &str) {
        for stale in sys::entries(self, MAX_ENTRIES_SCANNED)
            .into_iter()
            .filter(|entry| is_temp_of(entry, name))
        {
            let _ = sys::remove(self, &stale);
        }
    }
}

/// The state directory under the OS's base directories: local to the machine, never a
/// roaming profile (a CMID that roams makes two machines one client on the host).
/// Linux `$XDG_CONFIG_HOME/vlmgr` (`~/.config/vlmgr`), macOS
/// `~/Library/Application Support/vlmgr`, Windows `%LOCALAPPDATA%\vlmgr`; none without
/// a home directory.
pub(crate) fn default_dir() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    let parent = if cfg!(windows) {
        // `%LOCALAPPDATA%` (FOLDERID_LocalAppData); `data_dir` would be the roaming `%APPDATA%`.
        base.data_local_dir()
    } else if cfg!(target_os = "macos") {
        // `~/Library/Application Support`.
        base.data_dir()
    } else {
        // `$XDG_CONFIG_HOME` or `~/.config`, as before.
        base.config_dir()
    };
    Some(parent.join("vlmgr"))
}

/// The unique temporary name a new `name` is written under: `.state.json.<hex>.tmp`.
fn temp_name(name: &str) -> String {
    format!(".{name}.{:016x}.tmp", rand::random::<u64>())
}

/// Whether `entry` is a temporary file of `name`: this build's unique names, and the
/// single fixed name earlier builds used.
fn is_temp_of(entry: &str, name: &str) -> bool {
    let Some(rest) = entry
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
    else {
        return false;
    };
    rest == ".tmp"
        || rest
            .strip_prefix('.')
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Creates `dir` and its parents, readable by the owner only on Unix.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `file`'s data and metadata to the disk. On macOS `sync_all` is
/// `F_FULLFSYNC`, which some file systems (SMB, macFUSE) refuse; there plain `fsync(2)`
/// is what the OS offers, so it is used rather than failing every write.
fn sync(file: &File) -> io::Result<()> {
    let result = file.sync_all();
    #[cfg(target_os = "macos")]
    if let Err(error) = &result
        && full_sync_unsupported(error)
    {
        return rustix::fs::fsync(file).map_err(io::Error::from);
    }
    result
}

/// Whether `error` is the file system refusing `F_FULLFSYNC` (ENOTSUP on SMB, EINVAL on
/// macFUSE), rather than a failure to write.
#[cfg(target_os = "macos")]
fn full_sync_unsupported(error: &io::Error) -> bool {
    let code = error.raw_os_error();
    code == Some(rustix::io::Errno::NOTSUP.raw_os_error())
        || code == Some(rustix::io::Errno::INVAL.raw_os_error())
}

/// Describes a file type that is not a regular file, for [`Refusal::NotRegular`].
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Refuses anything but a regular file.
fn regular(file: File) -> Result<File, FsError> {
    let file_type = file.metadata()?.file_type();
    if file_type.is_file() {
        Ok(file)
    } else {
        Err(Refusal::NotRegular(kind_of(file_type)).into())
    }
}

#[cfg(unix)]
mod sys {
    //! Unix: one directory handle, every file reached relative to it.

    use std::fs::File;
    use std::io;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    use rustix::fs::{AtFlags, Mode, OFlags};
    use rustix::io::Errno;

    use super::{FsError, Refusal, StateDir, regular, temp_name};

    /// Flags every open shares: no following a link in the last component, no blocking
    /// on a FIFO, no controlling terminal, no leak into child processes.
    fn base_flags() -> OFlags {
        OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC
    }

    pub(super) fn open_dir(path: &Path) -> Result<StateDir, FsError> {
        // The directory path itself may go through links (the admin chose it); its
        // final directory is what must be safe, and it is checked on the open handle.
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOCTTY;
        let handle = match rustix::fs::open(path, flags, Mode::empty()) {
            Ok(fd) => File::from(fd),
            Err(Errno::NOTDIR) if std::fs::metadata(path).is_ok_and(|m| !m.is_dir()) => {
                return Err(Refusal::NotDirectory.into());
            }
            Err(e) => return Err(io::Error::from(e).into()),
        };
        check_ownership(&handle.metadata()?)?;
        Ok(StateDir { handle })
    }

    /// The directory must belong to the user running vlmgr or to root, and be writable
    /// by no one else (docs/state.md, "Safety").
    fn check_ownership(meta: &std::fs::Metadata) -> Result<(), Refusal> {
        let you = rustix::process::geteuid().as_raw();
        let owner = meta.uid();
        if owner != you && owner != 0 {
            return Err(Refusal::OwnedByOther {
                owner,
                owner_name: super::user_name(owner),
                you,
            });
        }
        if meta.mode() & 0o022 != 0 {
            return Err(Refusal::WritableByOthers { mode: meta.mode() });
        }
        Ok(())
    }

    pub(super) fn open_file(dir: &StateDir, name: &str, create: bool) -> Result<File, FsError> {
        let flags = if create {
            OFlags::RDWR | OFlags::CREATE
        } else {
            OFlags::RDONLY
        };
        let mode = Mode::from_raw_mode(0o600);
        match rustix::fs::openat(&dir.handle, name, flags | base_flags(), mode) {
            Ok(fd) => regular(File::from(fd)),
            Err(e) => Err(refused(e)),
        }
    }

    /// `O_NOFOLLOW` on a link fails with ELOOP (EMLINK on some BSDs); opening a
    /// directory for writing, with EISDIR.
    fn refused(error: Errno) -> FsError {
        if error == Errno::LOOP || error == Errno::MLINK {
            Refusal::Link.into()
        } else if error == Errno::ISDIR {
            Refusal::NotRegular("a directory").into()
        } else {
            io::Error::from(error).into()
        }
    }

    pub(super) fn create_temp(dir: &StateDir, name: &str) -> io::Result<(String, File)> {
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | base_flags();
        let mut tries = 0;
        loop {
            let temp = temp_name(name);
            match rustix::fs::openat(&dir.handle, &temp, flags, Mode::from_raw_mode(0o600)) {
                Ok(fd) => return Ok((temp, File::from(fd))),
                // A name taken already (by chance, or planted): draw another.
                Err(Errno::EXIST) if tries < 8 => tries += 1,
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub(super) fn rename_durably(dir: &StateDir, from: &str, to: &str) -> io::Result<()> {
        rustix::fs::renameat(&dir.handle, from, &dir.handle, to)?;
        super::sync(&dir.handle)
    }

    pub(super) fn remove(dir: &StateDir, name: &str) -> io::Result<()> {
        rustix::fs::unlinkat(&dir.handle, name, AtFlags::empty()).map_err(Into::into)
    }

    pub(super) fn entries(dir: &StateDir, max: usize) -> Vec<String> {
        let Ok(listing) = rustix::fs::Dir::read_from(&dir.handle) else {
            return Vec::new();
        };
        listing
            .take(max)
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().to_str().ok().map(str::to_owned))
            .collect()
    }
}

#[cfg(windows)]
mod sys {
    //! Windows: by path (std has no handle-relative opens), each file opened as the
    //! reparse point itself if it is one, and refused then.

    use std::fs::{File, OpenOptions};
    use std::io;
    use std::os::windows::fs::{MetadataExt, OpenOptionsExt};
    use std::path::Path;

    use super::{FsError, Refusal, StateDir, regular, temp_name};

    /// FILE_FLAG_OPEN_REPARSE_POINT: open a link itself, not what it points to.
    const OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    /// FILE_ATTRIBUTE_REPARSE_POINT.
    const REPARSE_POINT: u32 = 0x0400;

    pub(super) fn open_dir(path: &Path) -> Result<StateDir, FsError> {
        let meta = std::fs::metadata(path)?;
        if !meta.is_dir() {
            return Err(Refusal::NotDirectory.into());
        }
        Ok(StateDir {
            path: path.to_path_buf(),
        })
    }

    fn not_a_link(file: File) -> Result<File, FsError> {
        if file.metadata()?.file_attributes() & REPARSE_POINT != 0 {
            return Err(Refusal::Link.into());
        }
        regular(file)
    }

    pub(super) fn open_file(dir: &StateDir, name: &str, create: bool) -> Result<File, FsError> {
        let path = dir.path.join(name);
        // Looked at first without opening (Wine reports a link it cannot open as
        // missing), then again on the handle opened, in case it changed in between.
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_symlink() || meta.file_attributes() & REPARSE_POINT != 0 => {
                return Err(Refusal::Link.into());
            }
            _ => {}
        }
        let mut options = OpenOptions::new();
        options.read(true).custom_flags(OPEN_REPARSE_POINT);
        if create {
            options.write(true).create(true).truncate(false);
        }
        not_a_link(options.open(path)?)
    }

    pub(super) fn create_temp(dir: &StateDir, name: &str) -> io::Result<(String, File)> {
        let mut tries = 0;
        loop {
            let temp = temp_name(name);
            let opened = OpenOptions::new()
                .write(true)
                .create_new(true)
                .custom_flags(OPEN_REPARSE_POINT)
                .open(dir.path.join(&temp));
            match opened {
                Ok(file) => return Ok((temp, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 8 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// `MoveFileExW(REPLACE_EXISTING | WRITE_THROUGH)`: returns once the rename is on
    /// disk, and replaces a link at `to` rather than writing through it. Another program
    /// holding the file open without delete sharing (a virus scanner, an indexer) makes
    /// it fail for a moment; it is retried for about a second.
    pub(super) fn rename_durably(dir: &StateDir, from: &str, to: &str) -> io::Result<()> {
        /// ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        const BUSY: [i32; 3] = [5, 32, 33];
        const TRIES: u32 = 20;
        let (from, to) = (dir.path.join(from), dir.path.join(to));
        let mut tries = 1;
        loop {
            match atomicwrites::replace_atomic(&from, &to) {
                Err(error)
                    if tries < TRIES && error.raw_os_error().is_some_and(|c| BUSY.contains(&c)) =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                result => return result,
            }
        }
    }

    pub(super) fn remove(dir: &StateDir, name: &str) -> io::Result<()> {
        std::fs::remove_file(dir.path.join(name))
    }

    pub(super) fn entries(dir: &StateDir, max: usize) -> Vec<String> {
        let Ok(listing) = std::fs::read_dir(&dir.path) else {
            return Vec::new();
        };
        listing
            .take(max)
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect()
    }
}

/// The name of user `uid` from `/etc/passwd`, for a clearer refusal; none when it is
/// not there (users from a directory service) or the file cannot be read.
#[cfg(unix)]
fn user_name(uid: u32) -> Option<String> {
    const MAX_PASSWD_BYTES: u64 = 4 * 1024 * 1024;
    let file = File::open("/etc/passwd").ok()?;
    let mut text = String::new();
    file.take(MAX_PASSWD_BYTES).read_to_string(&mut text).ok()?;
    user_name_in(&text, uid)
}

/// The name of `uid` in the text of a passwd file (printed through the output layer's
/// sanitising, like every error).
#[cfg(any(unix, test))]
fn user_name_in(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let found = fields.nth(1)?.parse::<u32>().ok()?;
        (found == uid && !name.is_empty()).then(|| name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_and_nothing_else() {
        let name = temp_name("state.json");
        assert!(is_temp_of(&name, "state.json"), "{name}");
        assert!(is_temp_of(".state.json.tmp", "state.json"));
        for other in [
            "state.json",
            "state.lock",
            ".state.json.1234.tmp",
            ".state.json.0123456789abcdeg.tmp",
            ".other.json.0123456789abcdef.tmp",
            "state.json.0123456789abcdef.tmp",
        ] {
            assert!(!is_temp_of(other, "state.json"), "{other}");
        }
    }

    #[test]
    fn user_names_come_from_passwd_lines() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\n\
                      vlmgr:x:998:998::/nonexistent:/usr/sbin/nologin\nbroken\n::5:5\n";
        assert_eq!(user_name_in(passwd, 998).as_deref(), Some("vlmgr"));
        assert_eq!(user_name_in(passwd, 0).as_deref(), Some("root"));
        assert_eq!(user_name_in(passwd, 5), None);
        assert_eq!(user_name_in(passwd, 7), None);
    }
}

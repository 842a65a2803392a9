//! The parts of the state file's atomic write that differ per OS: who may read the
//! files, how data reaches the disk, and how the new file replaces the old one
//! (docs/state.md, "Safety").
//!
//! - Unix: the directory is created 0700 and the files 0600. The file is fsynced, renamed
//!   over the old one, and the directory is fsynced so the rename itself is durable.
//! - macOS: as Unix, but `File::sync_all` is `fcntl(F_FULLFSYNC)`, which flushes the
//!   drive's cache too and which some file systems (SMB, macFUSE) refuse; there the plain
//!   `fsync(2)` is what the OS offers, so it is used instead of failing every write.
//! - Windows: a directory cannot be opened for flushing, so the replacement itself is
//!   made durable: `MoveFileExW` with `MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH`
//!   returns only once the rename is on disk. The files keep the ACL they inherit from
//!   their directory; the default directory is in the user's profile, whose ACL grants
//!   only the user, SYSTEM and Administrators (docs/state.md says why).

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` and its parents, readable by the owner only on Unix.
pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens `path` with `options`, creating it readable by the owner only on Unix.
pub(super) fn open_private(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options.open(path)
}

/// Makes an existing file readable by the owner only on Unix (a temp file left by a
/// killed writer keeps the mode it was created with). Nothing on Windows, where the file
/// has its directory's ACL.
pub(super) fn restrict(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Writes `file`'s data and metadata to the disk.
pub(super) fn sync(file: &File) -> io::Result<()> {
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

/// Replaces `target` with `temp` (both in `dir`) so that either the old or the new file
/// is there after a crash, and the new one is once this returns.
#[cfg(unix)]
pub(super) fn replace(temp: &Path, target: &Path, dir: &Path) -> io::Result<()> {
    std::fs::rename(temp, target)?;
    sync(&File::open(dir)?)
}

/// Replaces `target` with `temp` (both in `dir`) so that either the old or the new file
/// is there after a crash, and the new one is once this returns.
///
/// Another program holding `state.json` open without delete sharing (a virus scanner, a
/// backup or search indexer) makes the replacement fail for a moment; it is retried for
/// about a second before the error is reported (the old file is intact either way).
#[cfg(windows)]
pub(super) fn replace(temp: &Path, target: &Path, dir: &Path) -> io::Result<()> {
    /// ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
    const BUSY: [i32; 3] = [5, 32, 33];
    const TRIES: u32 = 20;
    let _ = dir;
    let mut tries = 1;
    loop {
        match atomicwrites::replace_atomic(temp, target) {
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

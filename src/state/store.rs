//! Reading and writing the state file: atomic replacement under an exclusive lock.
//!
//! A writer takes `state.lock` (a separate file: the data file itself is replaced by
//! rename, so locking it would lock a file that is about to disappear), waiting for it at
//! most `--timeout`, reads the current file, applies its change, and has the platform
//! layer replace `state.json` atomically and durably. Readers need no lock: they see the
//! old or the new file, never a mix. Parallel writers serialize on the lock, so no update
//! is lost. How the directory is kept safe from planted links and other files:
//! `platform::state_dir` (docs/state.md, "Safety").

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::{SCHEMA_VERSION, State};
use crate::platform::state_dir::{DirLock, FsError, LockWait, Refusal, StateDir};

/// The state file's name inside the state directory.
pub(crate) const STATE_FILE_NAME: &str = "state.json";
const LOCK_FILE_NAME: &str = "state.lock";

/// A state file larger than this is refused rather than read (it bounds memory; a real
/// file with every catalog product installed is a few hundred KiB).
pub(crate) const MAX_STATE_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How long a store waits for another process's lock unless told otherwise.
pub(crate) const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(30);

/// What can go wrong with the state file. Every message names the path.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("cannot read the state file {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("the state file {path} is not valid: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "the state file {path} has schema version {found}, newer than this vlmgr reads (up to {supported})"
    )]
    FutureVersion {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error(
        "the state file {path} is {size} bytes, more than the {MAX_STATE_FILE_BYTES} a state file can be"
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error("cannot write the state in {dir}: {source}")]
    Write { dir: PathBuf, source: io::Error },
    #[error("cannot lock {path}: {source}")]
    Lock { path: PathBuf, source: io::Error },
    #[error("refusing {path}: {refusal}")]
    Unsafe { path: PathBuf, refusal: Refusal },
    #[error("another process held the lock {path} for {} s, vlmgr's whole wait", waited.as_secs())]
    LockTimedOut { path: PathBuf, waited: Duration },
    #[error("interrupted while waiting for the lock {path}")]
    LockInterrupted { path: PathBuf },
    #[error("no default place for the state file (no home directory)")]
    NoDefaultDir,
}

impl StateError {
    /// One line of what to do next.
    pub(crate) fn hint(&self) -> String {
        match self {
            StateError::Corrupt { .. } => "The file was left untouched. Repair it, or move it away to start afresh \
(a new client machine ID is then created)."
                .to_string(),
            StateError::FutureVersion { .. } => {
                "The file was left untouched. Use the newer vlmgr that wrote it, or another --state-dir.".to_string()
            }
            StateError::TooLarge { .. } => {
                "The file was left untouched. It cannot be a vlmgr state file; move it away.".to_string()
            }
            StateError::Unsafe { refusal, .. } => unsafe_hint(refusal),
            StateError::LockTimedOut { .. } => "Another vlmgr is still changing the state (a lock is \
released when its process ends): let it finish, or give this one a longer --timeout."
                .to_string(),
            StateError::LockInterrupted { .. } => "Nothing was written.".to_string(),
            StateError::Read { .. } | StateError::Lock { .. } | StateError::Write { .. } => {
                "Check the permissions and free space of the state directory, or choose another with \
--state-dir or VLMGR_STATE_DIR."
                    .to_string()
            }
            StateError::NoDefaultDir => {
                "Set --state-dir or VLMGR_STATE_DIR to a writable directory.".to_string()
            }
        }
    }

    /// `error`, met at `path` while doing what `io_error` names.
    fn at(path: PathBuf, error: FsError, io_error: fn(PathBuf, io::Error) -> StateError) -> Self {
        match error {
            FsError::Io(source) => io_error(path, source),
            FsError::Refused(refusal) => StateError::Unsafe { path, refusal },
            FsError::TooLarge { size, .. } => StateError::TooLarge { path, size },
            FsError::LockTimedOut { waited } => StateError::LockTimedOut { path, waited },
            FsError::Interrupted => StateError::LockInterrupted { path },
        }
    }
}

/// What to do about a refused path in the state directory.
fn unsafe_hint(refusal: &Refusal) -> String {
    match refusal {
        Refusal::Link | Refusal::NotRegular(_) => "Nothing was read or written through it. Remove it \
(a vlmgr state directory holds only regular files), or choose another --state-dir."
            .to_string(),
        Refusal::NotDirectory => {
            "--state-dir (or VLMGR_STATE_DIR) must name a directory, or a path where one can be created."
                .to_string()
        }
        Refusal::OwnedByOther { owner_name, owner, .. } => {
            let user = owner_name.clone().unwrap_or_else(|| format!("#{owner}"));
            format!(
                "Run vlmgr as that user (sudo -u {user} vlmgr ... or runuser -u {user} -- vlmgr ...), \
or choose a directory of your own with --state-dir."
            )
        }
        Refusal::WritableByOthers { .. } => "Make it private (chmod 700 on it), or choose another \
--state-dir."
            .to_string(),
    }
}

/// The state file of one installation.
#[derive(Debug, Clone)]
pub(crate) struct StateStore {
    dir: PathBuf,
    lock_wait: LockWait,
    /// The bytes last read or written and the state they hold: `update` re-reads the
    /// file under its lock, and when nothing changed since `load` it need not parse it
    /// again (docs/performance.md).
    last: Arc<Mutex<Option<Known>>>,
}

/// A state file's bytes and the state they hold.
type Known = (Vec<u8>, State);

impl StateStore {
    pub(crate) fn new(dir: PathBuf) -> StateStore {
        StateStore {
            dir,
            lock_wait: LockWait::bounded(DEFAULT_LOCK_WAIT),
            last: Arc::default(),
        }
    }

    /// How writers wait for another process's lock (bounded by `--timeout`).
    pub(crate) fn with_lock_wait(mut self, lock_wait: LockWait) -> StateStore {
        self.lock_wait = lock_wait;
        self
    }

    /// The platform's default state directory: local to the machine, never a roaming
    /// profile (a CMID that roams makes two machines one client on the host).
    ///
    /// Linux `$XDG_CONFIG_HOME/vlmgr` (`~/.config/vlmgr`), macOS
    /// `~/Library/Application Support/vlmgr`, Windows `%LOCALAPPDATA%\vlmgr`.
    pub(crate) fn default_dir() -> Result<PathBuf, StateError> {
        crate::platform::state_dir::default_dir().ok_or(StateError::NoDefaultDir)
    }

    #[cfg(test)]
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE_NAME)
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join(LOCK_FILE_NAME)
    }

    /// Reads the state; `None` when no file exists yet.
    pub(crate) fn load(&self) -> Result<Option<State>, StateError> {
        match StateDir::open(&self.dir) {
            Ok(Some(dir)) => self.load_in(&dir),
            Ok(None) => Ok(None),
            Err(e) => Err(StateError::at(self.dir.clone(), e, read_error)),
        }
    }

    fn load_in(&self, dir: &StateDir) -> Result<Option<State>, StateError> {
        let path = self.path();
        let bytes = match dir.read(STATE_FILE_NAME, MAX_STATE_FILE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(None),
            Err(e) => return Err(StateError::at(path, e, read_error)),
        };
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((known, state)) = last.as_ref()
            && *known == bytes
        {
            return Ok(Some(state.clone()));
        }
        let state = parse_bytes(&bytes, &path)?;
        *last = Some((bytes, state.clone()));
        Ok(Some(state))
    }

    /// Applies `change` to the current state (a new one with a fresh CMID if none exists)
    /// and writes the result atomically, all under the exclusive lock. Nothing is written
    /// when `change` fails or leaves the state as it was.
    pub(crate) fn update<T, E>(
        &self,
        now: u64,
        change: impl FnOnce(&mut State) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StateError>,
    {
        let dir = self.open_for_writing()?;
        let _lock = self.lock(&dir)?;
        dir.remove_stale_temps(STATE_FILE_NAME);
        let existing = self.load_in(&dir)?;
        let mut state = existing.clone().unwrap_or_else(|| State::new(now));
        let value = change(&mut state)?;
        if existing.as_ref() != Some(&state) {
            self.write(&dir, &state)?;
        }
        Ok(value)
    }

    /// Proves that the state can be written now, before a host is asked for anything:
    /// the directory exists (created if needed) and is safe, the lock can be had within
    /// the wait, and a new file can be created in it. The lock is released again: it is
    /// never held across network I/O.
    pub(crate) fn check_writable(&self) -> Result<(), StateError> {
        let dir = self.open_for_writing()?;
        let _lock = self.lock(&dir)?;
        dir.check_writable(STATE_FILE_NAME)
            .map_err(|source| StateError::Write {
                dir: self.dir.clone(),
                source,
            })
    }

    fn open_for_writing(&self) -> Result<StateDir, StateError> {
        StateDir::create(&self.dir).map_err(|e| {
            StateError::at(self.dir.clone(), e, |dir, source| StateError::Write {
                dir,
                source,
            })
        })
    }

    /// Takes the exclusive lock; released when the returned guard is dropped.
    fn lock(&self, dir: &StateDir) -> Result<DirLock, StateError> {
        dir.lock(LOCK_FILE_NAME, &self.lock_wait)
            .map_err(|e| StateError::at(self.lock_path(), e, lock_error))
    }

    fn write(&self, dir: &StateDir, state: &State) -> Result<(), StateError> {
        let write_error = |source| StateError::Write {
            dir: self.dir.clone(),
            source,
        };
        let mut text =
            serde_json::to_vec_pretty(state).map_err(|e| write_error(io::Error::other(e)))?;
        text.push(b'\n');
        dir.replace(STATE_FILE_NAME, &text).map_err(write_error)?;
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some((text, state.clone()));
        Ok(())
    }
}

fn read_error(path: PathBuf, source: io::Error) -> StateError {
    StateError::Read { path, source }
}

fn lock_error(path: PathBuf, source: io::Error) -> StateError {
    StateError::Lock { path, source }
}

/// The version field of a state file, every other field skipped unparsed.
#[derive(serde::Deserialize)]
struct VersionPeek {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

/// Parses state file bytes; public for the fuzz target and property tests.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<State, StateError> {
    // A byte order mark is what some Windows editors put first; it is not JSON, but
    // it says nothing wrong about the state, so it is read past (and not written back).
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let corrupt = |detail: String| StateError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    if bytes.len() as u64 > MAX_STATE_FILE_BYTES {
        return Err(StateError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    // The version is checked before the shape, so a newer file is reported as newer even
    // when its shape changed. The usual case, an object with a supported version, is
    // parsed straight into `State` (a `serde_json::Value` first cost a fifth of a whole
    // `vlmgr ato`'s instructions); anything else takes the general path below, which
    // says what is wrong.
    if let Ok(VersionPeek {
        schema_version: Some(serde_json::Value::Number(number)),
    }) = serde_json::from_slice::<VersionPeek>(bytes)
        && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        && number
            .as_u64()
            .is_some_and(|version| version <= u64::from(SCHEMA_VERSION))
    {
        let state: State = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
        state.validate().map_err(corrupt)?;
        return Ok(state);
    }
    parse_through_value(bytes, path)
}

/// A UTF-8 byte order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The general path of [`parse_bytes`]: through a `serde_json::Value`, so the version
/// is found whatever the shape. The shape itself is then parsed from the bytes, not from
/// the value: a value keeps the last of two equal keys, and a duplicated key is refused
/// whichever it is, `schema_version` as much as `cmid`.
fn parse_through_value(bytes: &[u8], path: &Path) -> Result<State, StateError> {
    let corrupt = |detail: String| StateError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| corrupt("no schema_version number".into()))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(StateError::FutureVersion {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let state: State = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
    state.validate().map_err(corrupt)?;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::state::InstalledProduct;

    /// The direct path of `parse_bytes` accepts exactly what the general path accepts,
    /// and yields the same state, for every deletion and several replacements of each
    /// byte of a full file.
    #[test]
    fn the_direct_parse_agrees_with_the_general_one() {
        let (_dir, store) = store();
        store
            .update(7, |state| {
                state.products.push(InstalledProduct::new(
                    uuid::Uuid::from_u128(0x2de6_7392_b7a7_462a_b1ca_108d_d189_f588),
                    7,
                ));
                Ok::<_, StateError>(())
            })
            .expect("update");
        let bytes = std::fs::read(store.path()).expect("state file");
        let path = Path::new("state.json");
        let same = |candidate: &[u8]| {
            let direct = parse_bytes(candidate, path).ok();
            let general = parse_through_value(candidate, path).ok();
            assert_eq!(direct, general, "{}", String::from_utf8_lossy(candidate));
        };
        same(&bytes);
        for index in 0..bytes.len() {
            let mut deleted = bytes.clone();
            deleted.remove(index);
            same(&deleted);
            for replacement in [b'"', b'{', b'1', b' ', b'x', 0xff] {
                let mut changed = bytes.clone();
                changed[index] = replacement;
                same(&changed);
            }
        }
    }

    fn assert_no_temp_file(store: &StateStore) {
        for entry in fs::read_dir(store.dir()).expect("list") {
            let name = entry.expect("entry").file_name();
            assert!(
                name == STATE_FILE_NAME || name == LOCK_FILE_NAME,
                "left behind: {name:?}"
            );
        }
    }

    fn store() -> (tempfile::TempDir, StateStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path().join("state"));
        (dir, store)
    }

    #[test]
    fn missing_file_reads_as_none_and_first_update_creates_it() {
        let (_dir, store) = store();
        assert!(store.load().expect("load").is_none());
        let cmid = store
            .update(10, |state| Ok::<_, StateError>(state.cmid))
            .expect("update");
        // Nothing changed but the file did not exist: it is written with the new CMID.
        let loaded = store.load().expect("load").expect("file");
        assert_eq!(loaded.cmid, cmid);
        let again = store
            .update(20, |state| Ok::<_, StateError>(state.cmid))
            .expect("update");
        assert_eq!(again, cmid, "the CMID is created once");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |path: &Path| fs::metadata(path).expect("meta").permissions().mode();
            assert_eq!(mode(&store.path()) & 0o777, 0o600);
            assert_eq!(mode(store.dir()) & 0o777, 0o700);
        }
        // No temp file is left behind.
        assert_no_temp_file(&store);
    }

    #[test]
    fn an_update_replaces_an_existing_file() {
        let (_dir, store) = store();
        for round in 0..3u64 {
            store
                .update(round, |state| {
                    state.products.push(InstalledProduct::new(
                        uuid::Uuid::from_u128(round.into()),
                        round,
                    ));
                    Ok::<_, StateError>(())
                })
                .expect("update");
            let state = store.load().expect("load").expect("file");
            assert_eq!(state.products.len() as u64, round + 1);
        }
        assert_no_temp_file(&store);
    }

    /// The default directory is the OS's local (never roaming) application data place.
    #[test]
    fn the_default_directory_is_local_to_the_machine() {
        let dir = StateStore::default_dir().expect("a home directory");
        assert_eq!(dir.file_name().and_then(|n| n.to_str()), Some("vlmgr"));
        if cfg!(windows) {
            // %LOCALAPPDATA%, never the roaming %APPDATA%.
            let local = std::env::var_os("LOCALAPPDATA").expect("LOCALAPPDATA is set");
            assert_eq!(dir, Path::new(&local).join("vlmgr"));
            if let Some(roaming) = std::env::var_os("APPDATA") {
                assert!(!dir.starts_with(roaming), "{}", dir.display());
            }
        } else if cfg!(target_os = "macos") {
            assert!(
                dir.ends_with("Library/Application Support/vlmgr"),
                "{}",
                dir.display()
            );
        } else {
            let base = std::env::var_os("XDG_CONFIG_HOME")
                .filter(|v| Path::new(v).is_absolute())
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
                .expect("a config home");
            assert_eq!(dir, base.join("vlmgr"));
        }
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let (_dir, store) = store();
        store
            .update(1, |state| {
                state
                    .products
                    .push(InstalledProduct::new(uuid::Uuid::nil(), 1));
                Ok::<_, StateError>(())
            })
            .expect("first");
        let before = fs::read(store.path()).expect("read");
        let result: Result<(), StateError> = store.update(2, |state| {
            state.products.clear();
            Err(StateError::NoDefaultDir)
        });
        assert!(result.is_err());
        assert_eq!(fs::read(store.path()).expect("read"), before);
    }

    #[test]
    fn corrupt_and_future_files_are_refused_untouched() {
        let (_dir, store) = store();
        fs::create_dir_all(store.dir()).expect("dir");
        for (bytes, future) in [
            (&b"{\"schema_version\": 1, \"cmid\": \"1111"[..], false),
            (&b"{\"schema_version\": 99, \"whatever\": []}"[..], true),
            (&b"[]"[..], false),
            (&b"{\"schema_version\": 0, \"cmid\": \"11111111-2222-4333-8444-555555555555\", \"created_at\": 0}"[..], false),
        ] {
            fs::write(store.path(), bytes).expect("write");
            let err = store
                .update(1, |_| Ok::<_, StateError>(()))
                .expect_err("refused");
            assert_eq!(matches!(err, StateError::FutureVersion { .. }), future, "{err}");
            assert!(err.to_string().contains(&store.path().display().to_string()));
            assert_eq!(fs::read(store.path()).expect("read"), bytes);
        }
    }
}

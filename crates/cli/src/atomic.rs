//! Writing files so that a reader never sees half of one.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` so that readers see either the old file or the
/// complete new one, never a partial file.
///
/// Writes atomically: a temp file in the same directory, fsync, rename over
/// the target; on any error the temp file is removed and an existing PDF is
/// untouched. The directory must exist. The new file gets the usual
/// permissions of a created file (`0o666` less the umask on Unix), not the
/// private ones of a temp file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, true)
}

/// Like [`write_atomically`], but without waiting for the disk: readers
/// still see either the old file or the complete new one, but after a
/// crash of the whole system (not of this process) the file may be empty.
///
/// For files that are made again anyway and must appear at once, such as
/// the PDFs of `folio watch`: an fsync is a few milliseconds on an idle
/// disk, and hundreds while another program writes a lot.
pub fn write_atomically_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, false)
}

fn write(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} names no file", path.display()),
        )
    })?;
    let stem = format!(".{}.tmp", name.to_string_lossy());
    remove_abandoned(dir, &stem);
    let prefix = format!("{stem}{}-", std::process::id());

    // `tempfile` rather than a hand-made name: it picks an unused random name
    // with O_EXCL, and its guard deletes the temp file on every early return
    // (and on panic), which is exactly the clean-up this function promises.
    let mut builder = tempfile::Builder::new();
    // `.usa-en.pdf.tmp<pid>-XXXXXX`: hidden, matched by `*.pdf.tmp*` in
    // .gitignore, and naming the process that writes it.
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    if sync {
        temp.as_file().sync_all()?;
    }
    temp.persist(path).map_err(|err| err.error)?;
    // Make the rename itself durable. Failing here changes nothing for
    // readers (the new file is in place), so it is not reported.
    #[cfg(unix)]
    if sync && let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the temp files named `<stem><pid>-…` in `dir` that the process
/// `pid` abandoned: a writer that is killed (`kill -9`, a power cut) cannot
/// delete its temp file, and without this every interrupted build would
/// leave one more behind. A temp file of a writer still running is left
/// alone; on Linux that is any whose process exists, elsewhere any younger
/// than an hour.
fn remove_abandoned(dir: &Path, stem: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(stem)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let gone = match pid {
            Some(pid) if cfg!(target_os = "linux") => {
                !Path::new("/proc").join(pid.to_string()).exists()
            }
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age.as_secs() > 3600)),
        };
        if gone {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(name)
            .tempdir()
            .expect("temp dir")
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn write_atomically_removes_temp_files_of_killed_writers_only() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        // Process 1 always runs; no process has an id above the kernel's
        // limit of 2^22.
        let running = dir.path().join(".usa-en.pdf.tmp1-abcdef");
        let killed = dir.path().join(".usa-en.pdf.tmp4999999-abcdef");
        let other = dir.path().join(".fr-en.pdf.tmp4999999-abcdef");
        for file in [&running, &killed, &other] {
            fs::write(file, b"%PDF-partial").unwrap();
        }
        write_atomically(&target, b"%PDF-new").unwrap();
        assert_eq!(
            entries(dir.path()),
            [
                ".fr-en.pdf.tmp4999999-abcdef",
                ".usa-en.pdf.tmp1-abcdef",
                "usa-en.pdf"
            ]
        );
    }

    #[test]
    fn write_atomically_creates_and_replaces() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        write_atomically(&target, b"%PDF-old").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"%PDF-old");
        write_atomically(&target, b"%PDF-new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"%PDF-new");
        assert_eq!(
            entries(dir.path()),
            ["usa-en.pdf"],
            "no temp file left behind"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "readable by others like any created file: {mode:o}"
            );
        }
    }

    #[test]
    fn write_atomically_unsynced_creates_and_replaces() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        write_atomically_unsynced(&target, b"%PDF-old").unwrap();
        write_atomically_unsynced(&target, b"%PDF-new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"%PDF-new");
        assert_eq!(entries(dir.path()), ["usa-en.pdf"]);
    }

    #[test]
    fn write_atomically_onto_a_directory_fails_and_cleans_up() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"untouched").unwrap();
        assert!(write_atomically(&target, b"%PDF-new").is_err());
        assert!(target.is_dir());
        assert_eq!(fs::read(target.join("keep")).unwrap(), b"untouched");
        assert_eq!(entries(dir.path()), ["usa-en.pdf"], "temp file removed");
    }

    #[test]
    fn write_atomically_into_a_missing_directory_fails() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("missing").join("usa-en.pdf");
        assert!(write_atomically(&target, b"%PDF").is_err());
        assert!(!target.exists());
    }

    #[cfg(unix)]
    #[test]
    fn write_atomically_in_a_read_only_directory_leaves_the_old_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        fs::write(&target, b"%PDF-old").unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomically(&target, b"%PDF-new");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        // Root ignores directory permissions; the write then succeeds, which
        // is fine: the point is that a failure never damages the old file.
        if result.is_err() {
            assert_eq!(fs::read(&target).unwrap(), b"%PDF-old");
            assert_eq!(entries(dir.path()), ["usa-en.pdf"]);
        }
    }
}

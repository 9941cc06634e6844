//! Helpers shared by the binary's end-to-end tests: where `../shared` is, and running `rasd`.
#![allow(dead_code)] // each test file uses part of them

use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared` beside the repository, when `file` (a path inside it) is there; the tests that need
/// it skip, saying so, otherwise.
pub fn shared_with(file: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join(file).is_file().then_some(p)
}

/// Run the built `rasd` binary: (success, stdout, stderr).
pub fn rasd(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .output()
        .expect("run rasd");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

//! Installs the tools the build and the tests need, each only when it is missing or at the wrong version.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

use anyhow::{Context, Result, bail};

use crate::sh;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Puts cargo-installed tools and the npm-installed wasm-opt first on PATH: trunk takes the first match, and
/// Debian's binaryen 108 (if present in /usr/bin) silently breaks the app.
pub fn put_tools_on_path(root: &Path) -> Result<()> {
    let mut dirs = vec![cargo_bin(), root.join("tools/node_modules/.bin")];
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    let joined = env::join_paths(dirs)?;
    // `env::set_var` is unsafe in edition 2024, so every command gets this PATH explicitly instead.
    PATH.set(joined.to_string_lossy().into_owned()).ok();
    Ok(())
}

static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A command that sees the tool directories on its PATH.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    if let Some(path) = PATH.get() {
        cmd.env("PATH", path);
    }
    cmd
}

fn cargo_bin() -> PathBuf {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    home.join("bin")
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = command(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The wasm target, trunk, wasm-bindgen-cli at exactly Cargo.lock's version, and wasm-opt from npm.
pub fn ensure_app_tools(root: &Path) -> Result<()> {
    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|t| t == WASM_TARGET) {
        sh(command("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    if output_of("trunk", &["--version"]).as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        // trunk 0.22 needs a newer rustc than this project's 1.95.
        sh(command("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))?;
    }
    let bindgen = wasm_bindgen_version(root)?;
    if output_of("wasm-bindgen", &["--version"]).as_deref()
        != Some(&format!("wasm-bindgen {bindgen}"))
    {
        // Not --locked: its lockfile pins a webpki-roots release the registry mirror lacks.
        sh(command("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }
    npm_ci(&root.join("tools"))
}

/// Chromium and ChromeDriver from Debian (never a browser downloaded by a test tool) and the Playwright
/// packages.
pub fn ensure_browser_tools(root: &Path) -> Result<()> {
    if !Path::new("/usr/bin/chromium").exists() || !Path::new(&chromedriver()).exists() {
        if !is_root() {
            bail!(
                "Chromium is missing: run `sudo apt-get install chromium chromium-driver` and try again"
            );
        }
        sh(command("apt-get").arg("update"))?;
        sh(command("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    npm_ci(&root.join("e2e"))
}

pub fn chromedriver() -> String {
    env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

fn is_root() -> bool {
    output_of("id", &["-u"]).as_deref() == Some("0")
}

/// `npm ci` when the lockfile changed since the last install; a copy of the lockfile in node_modules records
/// what was installed.
fn npm_ci(dir: &Path) -> Result<()> {
    let lock = fs::read(dir.join("package-lock.json"))
        .with_context(|| format!("{}/package-lock.json", dir.display()))?;
    let stamp = dir.join("node_modules/.hometime-installed-lock.json");
    if fs::read(&stamp).ok().as_deref() == Some(&lock[..]) {
        return Ok(());
    }
    sh(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    fs::write(stamp, lock)?;
    Ok(())
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

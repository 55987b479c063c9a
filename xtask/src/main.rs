//! Build, run and test automation, so a fresh machine needs only `cargo xtask run` and `cargo xtask test`.
//!
//! Every step that installs something checks first and does nothing when the right version is already
//! there, so a second run never rebuilds tools.

mod tools;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};
use std::{env, fs};

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

  run      install what is missing, build the app in release, start the server with the demo school
  test     every test: native (SQLite and PostgreSQL store tests), in-browser wasm tests, end-to-end journeys
  e2e      only the end-to-end journeys in headless Chromium (builds the app and server first)
  build    install what is missing and build the app in release into dist/
  size     build, then print the app's transfer size (wasm + js + css, brotli)
  bench    the policy engine's speed: criterion natively, and timed in headless Chromium on wasm
  tools    only install the tools (wasm target, trunk, wasm-bindgen-cli, wasm-opt, npm packages)
";

fn main() -> Result<()> {
    let cmd = env::args().nth(1).unwrap_or_default();
    let root = workspace_root()?;
    env::set_current_dir(&root)?;
    tools::put_tools_on_path(&root)?;
    match cmd.as_str() {
        "run" => run(&root),
        "test" => test(&root),
        "e2e" => {
            tools::ensure_app_tools(&root)?;
            tools::ensure_browser_tools(&root)?;
            e2e(&root)
        }
        "build" => {
            tools::ensure_app_tools(&root)?;
            build_app(&root)
        }
        "size" => {
            tools::ensure_app_tools(&root)?;
            build_app(&root)?;
            print_sizes(&root)
        }
        "bench" => {
            tools::ensure_app_tools(&root)?;
            tools::ensure_browser_tools(&root)?;
            policy_bench()
        }
        "tools" => {
            tools::ensure_app_tools(&root)?;
            tools::ensure_browser_tools(&root)
        }
        _ => {
            eprint!("{USAGE}");
            if cmd.is_empty() || cmd == "help" || cmd == "--help" {
                Ok(())
            } else {
                bail!("unknown command `{cmd}`")
            }
        }
    }
}

fn workspace_root() -> Result<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    Ok(manifest
        .parent()
        .context("xtask lives inside the workspace")?
        .to_path_buf())
}

/// Runs a command, failing with its name when it fails.
pub(crate) fn sh(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: {shown}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

fn cargo() -> Command {
    tools::command(&env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// Builds the browser app in release with trunk into `dist/`, then writes brotli copies beside the files
/// the browser downloads so the server can send them precompressed.
fn build_app(root: &Path) -> Result<()> {
    // Trunk runs cargo with --offline (Trunk.toml), so the dependencies must be in the cache first.
    sh(cargo().args(["fetch", "--target", "wasm32-unknown-unknown"]))?;
    sh(tools::command("trunk")
        .args(["build", "--release"])
        .current_dir(root))?;
    precompress(&root.join("dist"))
}

fn precompress(dist: &Path) -> Result<()> {
    for entry in walk(dist)? {
        let ext = entry.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(
            ext,
            "wasm" | "js" | "css" | "html" | "webmanifest" | "svg" | "json" | "txt"
        ) {
            continue;
        }
        let data = fs::read(&entry)?;
        let out = fs::File::create(format!("{}.br", entry.display()))?;
        let mut writer = brotli::CompressorWriter::new(out, 1 << 16, 11, 22);
        std::io::Write::write_all(&mut writer, &data)?;
    }
    Ok(())
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn print_sizes(root: &Path) -> Result<()> {
    let dist = root.join("dist");
    let (mut raw_total, mut br_total) = (0u64, 0u64);
    let mut files: Vec<PathBuf> = walk(&dist)?
        .into_iter()
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css")
            )
        })
        .filter(|p| !p.ends_with("sw.js"))
        .collect();
    files.sort();
    println!("{:<48} {:>10} {:>10}", "file", "raw", "brotli");
    for file in files {
        let raw = fs::metadata(&file)?.len();
        let br = fs::metadata(format!("{}.br", file.display()))?.len();
        raw_total += raw;
        br_total += br;
        println!(
            "{:<48} {raw:>10} {br:>10}",
            file.strip_prefix(&dist)?.display()
        );
    }
    println!(
        "{:<48} {raw_total:>10} {br_total:>10}",
        "total (wasm + js + css)"
    );
    Ok(())
}

fn run(root: &Path) -> Result<()> {
    tools::ensure_app_tools(root)?;
    build_app(root)?;
    let addr = env::var("HOMETIME_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
    sh(cargo().args(["build", "--profile", "server", "-p", "hometime-server"]))?;
    println!("\nHometime is starting on http://{addr}/\n{DEMO_SIGN_INS}");
    let mut server = Command::new(target_dir(root).join("server/hometime-server"));
    server
        .env("HOMETIME_ADDR", &addr)
        .env("HOMETIME_DIST", root.join("dist"));
    if env::var_os("DATABASE_URL").is_none() {
        fs::create_dir_all(root.join("data"))?;
    }
    sh(&mut server)
}

const DEMO_SIGN_INS: &str = "\
Demo sign-ins (password for every account: Brookfield2026)
  headteacher (leader)   head@brookfield.example.sch.uk
  class teacher, Kestrel daly@brookfield.example.sch.uk
  school office          carver@brookfield.example.sch.uk
  parent                 sam.fisher@example.com   (two children, two classes)
  parent                 alex.lane@example.com
  pupil                  a teacher opens a pupil sign-in code on a class page; the pupil chooses
                         \"Sign in with your class code\", types it and taps their own monster
";

fn test(root: &Path) -> Result<()> {
    tools::ensure_app_tools(root)?;
    tools::ensure_browser_tools(root)?;
    if env::var_os("TEST_POSTGRES_URL").is_none() {
        eprintln!(
            "xtask: TEST_POSTGRES_URL is not set: the PostgreSQL store tests will say SKIPPED (.ci/run sets it)"
        );
    }
    // Native: unit and integration tests of every crate, store tests on SQLite and PostgreSQL, the policy
    // engine's evaluation against its labelled sets.
    sh(cargo().args(["test", "--workspace"]))?;
    // In the browser: the app's component tests, which run the policy engine's wasm build too.
    sh(cargo()
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "hometime",
        ])
        .env("CHROMEDRIVER", tools::chromedriver()))?;
    e2e(root)
}

/// Speed of the policy engine: criterion natively, then the same sizes timed in headless Chromium on the
/// release wasm build. Numbers, not pass/fail: they go into BENCHMARKS.md.
fn policy_bench() -> Result<()> {
    sh(cargo().args(["bench", "-p", "hometime-policy"]))?;
    sh(cargo()
        .args([
            "test",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "hometime-policy",
        ])
        .args(["--test", "wasm_bench", "--", "--nocapture"])
        .env("CHROMEDRIVER", tools::chromedriver()))
}

/// Builds the app and the server, starts the server on a free loopback port with a fresh SQLite database
/// and the demo school, and runs the Playwright journeys against it.
fn e2e(root: &Path) -> Result<()> {
    build_app(root)?;
    sh(cargo().args(["build", "-p", "hometime-server"]))?;
    let scratch = root.join("target/e2e");
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch)?;
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(target_dir(root).join("debug/hometime-server"))
        .env("HOMETIME_ADDR", &addr)
        .env("HOMETIME_DIST", root.join("dist"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/e2e.db", scratch.display()),
        )
        .env(
            "RUST_LOG",
            env::var("RUST_LOG").unwrap_or_else(|_| "warn".to_owned()),
        )
        .spawn()
        .context("starting the server for the end-to-end journeys")?;
    let server = KillOnDrop(child);
    // A second server whose clock stands still on a Saturday morning in London, so the out-of-hours
    // journey sees the same wording whenever it runs.
    let ooh_port = free_port()?;
    let ooh_addr = format!("127.0.0.1:{ooh_port}");
    let ooh_child = Command::new(target_dir(root).join("debug/hometime-server"))
        .env("HOMETIME_ADDR", &ooh_addr)
        .env("HOMETIME_DIST", root.join("dist"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/e2e-out-of-hours.db", scratch.display()),
        )
        .env("HOMETIME_FIXED_NOW", "2026-03-14T10:00:00Z")
        .env(
            "RUST_LOG",
            env::var("RUST_LOG").unwrap_or_else(|_| "warn".to_owned()),
        )
        .spawn()
        .context("starting the out-of-hours server for the end-to-end journeys")?;
    let ooh_server = KillOnDrop(ooh_child);
    wait_until_listening(&addr, Duration::from_secs(90))?;
    wait_until_listening(&ooh_addr, Duration::from_secs(90))?;
    let result = sh(tools::command(
        &root
            .join("e2e/node_modules/.bin/playwright")
            .to_string_lossy(),
    )
    .arg("test")
    .current_dir(root.join("e2e"))
    .env("BASE_URL", format!("http://{addr}"))
    .env("OUT_OF_HOURS_URL", format!("http://{ooh_addr}")));
    drop(ooh_server);
    drop(server);
    result
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
fn target_dir(root: &Path) -> PathBuf {
    env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn wait_until_listening(addr: &str, limit: Duration) -> Result<()> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("the server did not start listening on {addr} within {limit:?}")
}

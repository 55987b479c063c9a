//! Command-line checker: `hometime-policy check --pack PACK.json < in.jsonl > out.jsonl`.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use hometime_policy::{Engine, Pack, jsonl};

const USAGE: &str = "usage: hometime-policy check --pack PACK.json < in.jsonl > out.jsonl";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pack_path = match args.as_slice() {
        [cmd, flag, path] if cmd == "check" && flag == "--pack" => path.clone(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let engine = match std::fs::read_to_string(&pack_path)
        .map_err(|e| format!("cannot read pack {pack_path}: {e}"))
        .and_then(|json| {
            Pack::from_json(&json).map_err(|e| format!("invalid pack {pack_path}: {e}"))
        })
        .and_then(|pack| Engine::new(&pack).map_err(|e| format!("invalid pack {pack_path}: {e}")))
    {
        Ok(engine) => engine,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: reading input: {e}");
                return ExitCode::FAILURE;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        if writeln!(out, "{}", jsonl::output_line(&engine, &line)).is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

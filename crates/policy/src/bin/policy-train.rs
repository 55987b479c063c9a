//! Trains the learned layer on the dev sets and writes `data/model.json`:
//! `policy-train [--out PATH] [--check] [--sets all|A.jsonl,B.jsonl,...] [--l1 X --l2 X --alpha X
//! --epochs N --no-cues --min-writers N --min-weight X --pos-weight X --drop s:,n: ...]` (the shipped
//! file uses `Params::shipped()`: the defaults, the calibrated thresholds, the veto and a safeguarding
//! model; and `train::DEV_SETS`, all twenty-one dev sets; `--sets` takes file names in
//! `data/` or paths, one set per writer, so more writers can be added later). Prints the thresholds it
//! chose by leave-one-writer-out (LOSO).
//! With `--check` it writes nothing and exits 1 when the trained file differs from the one on disk
//! (reproducibility). Deterministic: the same sets give a byte-identical file.

use std::process::ExitCode;

use hometime_policy::{Engine, Pack, train};

fn main() -> ExitCode {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let mut out = format!("{data}/model.json");
    let mut check = false;
    let mut set_list: Option<String> = None;
    let mut p = train::Params::shipped();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().unwrap_or_default(),
            "--check" => check = true,
            "--sets" => set_list = args.next(),
            other => match p.apply(other, &mut args) {
                Ok(true) => {}
                Ok(false) => {
                    eprintln!(
                        "usage: policy-train [--out PATH] [--check] [--sets all|A.jsonl,B.jsonl] [trainer settings] (unknown argument {other})"
                    );
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            },
        }
    }
    let engine = match Pack::from_json(include_str!("../../data/pack.json"))
        .map_err(|e| e.to_string())
        .and_then(|p| Engine::new(&p).map_err(|e| e.to_string()))
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: pack: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sets = match set_list.as_deref().map(|l| train::read_sets(data, l)) {
        None => Ok(train::read_dev_sets(data)),
        Some(r) => r,
    };
    let corpus = match sets.and_then(|s| train::Corpus::load(&engine, s)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let model = train::final_model(&corpus, &p);
    let json = train::to_json(&model);
    for r in &model.rules {
        println!(
            "{:<26} threshold {:<5} bias {:>8.4} weights {}",
            r.rule.as_str(),
            r.threshold,
            r.bias,
            r.weights.len()
        );
    }
    println!(
        "{} messages, {} features seen, {} bytes",
        corpus.items.len(),
        corpus.vocab.len(),
        json.len()
    );
    if check {
        let on_disk = std::fs::read_to_string(&out).unwrap_or_default();
        if on_disk == json {
            println!("{out}: identical");
            return ExitCode::SUCCESS;
        }
        eprintln!("{out}: differs from a fresh training run");
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("error: {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!("wrote {out}");
    ExitCode::SUCCESS
}

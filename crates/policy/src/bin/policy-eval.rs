//! Evaluates the engine on labelled sets: `policy-eval [--pack PACK.json] [--model MODEL.json] [-v]
//! [SET.jsonl...]` (`--model` replaces the bundled learned layer, e.g. to compare two trainings). With no
//! sets it evaluates the crate's dev sets (`data/dev.jsonl`, and `data/dev2.jsonl` … `data/dev8.jsonl`
//! when present). For each set it prints per-rule counts and whether each of the targets is
//! met. `--loso` instead runs the leave-one-writer-out evaluation of the learned layer over the training
//! sets (`train::loso`; `--sets all` or `--sets A.jsonl,B.jsonl` to choose them), and `--curves` only
//! its quick part: the model-alone precision/recall curve per rule on pooled out-of-writer scores.

use std::process::ExitCode;

use hometime_policy::{Engine, Pack, eval, train};

fn main() -> ExitCode {
    let mut pack_path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/pack.json").to_owned();
    let mut verbose = false;
    let mut loso = false;
    let mut curves = false;
    let mut set_list: Option<String> = None;
    let mut model_path: Option<String> = None;
    let mut params = train::Params::shipped();
    let mut sets = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pack" => pack_path = args.next().unwrap_or_default(),
            "-v" | "--verbose" => verbose = true,
            "--loso" => loso = true,
            "--curves" => {
                loso = true;
                curves = true;
            }
            "--sets" => set_list = args.next(),
            "--model" => model_path = args.next(),
            _ => match params.apply(&a, &mut args) {
                Ok(true) => {}
                Ok(false) => sets.push(a),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            },
        }
    }
    if sets.is_empty() {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
        sets.push(format!("{data}/dev.jsonl"));
        for extra in &hometime_policy::train::ALL_DEV_SETS[1..] {
            let path = format!("{data}/{extra}");
            if std::path::Path::new(&path).exists() {
                sets.push(path);
            }
        }
    }
    let engine = match std::fs::read_to_string(&pack_path)
        .map_err(|e| e.to_string())
        .and_then(|j| Pack::from_json(&j).map_err(|e| e.to_string()))
        .and_then(|p| Engine::new(&p).map_err(|e| e.to_string()))
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: pack {pack_path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let engine = match model_path {
        None => engine,
        Some(path) => match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|j| hometime_policy::model::Model::from_json(&j).map_err(|e| e.to_string()))
        {
            Ok(m) => engine.with_model(Some(m)),
            Err(e) => {
                eprintln!("error: model {path}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    if loso {
        return loso_report(&engine, &params, set_list.as_deref(), curves);
    }
    let mut ok = true;
    for set in sets {
        let text = match std::fs::read_to_string(&set) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {set}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let report = eval::evaluate(&engine, &text);
        println!("== {set}\n{}", report.render(verbose));
        ok &= report.passes();
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Leave-one-writer-out over the dev sets: each set held out in turn, the learned layer trained on the
/// others (thresholds chosen on those others too), compared with the rules alone.
fn loso_report(
    engine: &Engine,
    params: &train::Params,
    set_list: Option<&str>,
    curves_only: bool,
) -> ExitCode {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let sets = match set_list.map(|l| train::read_sets(data, l)) {
        None => Ok(train::read_dev_sets(data)),
        Some(r) => r,
    };
    let corpus = match sets.and_then(|s| train::Corpus::load(engine, s)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if curves_only {
        let scores = train::loso_scores(&corpus, params, None);
        println!("{}", train::render_curves(&corpus, &scores));
        let t = train::choose_thresholds(&corpus, &scores, params);
        println!("thresholds: {t:?}");
        return ExitCode::SUCCESS;
    }
    match train::loso(engine, &corpus, params) {
        Ok(l) => {
            println!("{}", train::render_loso(&l.folds, &l.thresholds));
            println!("{}", train::render_curves(&corpus, &l.scores));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

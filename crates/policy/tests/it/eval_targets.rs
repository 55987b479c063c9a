//! Quality checks on the labelled sets.
//!
//! - Every dev set (`dev.jsonl`, and `dev2.jsonl` … `dev21.jsonl`) must meet the issue's
//!   targets (`eval::Report::targets`). These sets are tuned on, so this is the bar for every change.
//! - The held-out sets (`test2.jsonl`, `test3.jsonl`, and `test4a.jsonl` + `test4b.jsonl` as one; `test.jsonl`
//!   was retired into `dev6.jsonl` in round 11) are evaluated and their numbers printed
//!   (`cargo test -- --nocapture`).
//!   Where the last recorded run met an issue target, the target itself is asserted; where it did not,
//!   the test asserts a **regression floor**: the number measured in that run, rounded down to two
//!   decimals (rounded up for the false-alarm rate, where lower is better). A floor is not the target: it
//!   only stops the held-out numbers getting worse while the targets are still being worked towards. The
//!   README lists the targets that are not yet met.

use hometime_policy::{Engine, Pack, eval};

fn report(set: &str) -> Option<eval::Report> {
    // A set written in halves by two authors ("test4a.jsonl+test4b.jsonl") is evaluated as one.
    let mut text = String::new();
    for part in set.split('+') {
        let path = format!("{}/data/{part}", env!("CARGO_MANIFEST_DIR"));
        text.push_str(&std::fs::read_to_string(&path).ok()?);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    let pack = Pack::from_json(include_str!("../../data/pack.json")).expect("pack");
    let engine = Engine::new(&pack).expect("engine");
    let report = eval::evaluate(&engine, &text);
    assert!(report.errors.is_empty(), "{set}: {:?}", report.errors);
    assert!(report.messages > 0, "{set} is empty");
    Some(report)
}

fn assert_targets(set: &str) {
    let Some(report) = report(set) else {
        assert_ne!(set, "dev.jsonl", "the dev set must exist");
        return;
    };
    assert!(
        report.passes(),
        "{set} misses a target:\n{}",
        report.render(false)
    );
}

/// Like `assert_targets`, but the named targets are held to a recorded floor (a ceiling where lower is
/// better) instead of the threshold: for a set whose gaps are known and documented.
fn assert_targets_except(set: &str, gaps: &[(&str, f64)]) {
    let Some(report) = report(set) else {
        return;
    };
    let mut failures = Vec::new();
    for t in report.targets() {
        let Some(v) = t.value else { continue };
        match gaps.iter().find(|(name, _)| *name == t.name) {
            Some((_, bound)) if t.at_least && v < *bound => {
                failures.push(format!("{}: {v:.3} < floor {bound}", t.name))
            }
            Some((_, bound)) if !t.at_least && v > *bound => {
                failures.push(format!("{}: {v:.3} > ceiling {bound}", t.name))
            }
            Some(_) => {}
            None if !t.ok() => failures.push(format!("{}: {v:.3} misses {}", t.name, t.threshold)),
            None => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{set}:\n{}\n{}",
        failures.join("\n"),
        report.render(false)
    );
}

#[test]
fn dev_set_meets_targets() {
    assert_targets("dev.jsonl");
}

/// The second, independently written dev set; skipped while it does not exist.
#[test]
fn dev2_set_meets_targets() {
    assert_targets("dev2.jsonl");
}

/// The third dev set, written for the rules that were weakest on the held-out set; skipped while it does
/// not exist.
#[test]
fn dev3_set_meets_targets() {
    assert_targets("dev3.jsonl");
}

/// The fourth dev set, written fresh in dialects, text speak and voice dictation for the routing rules
/// and names that generalised worst (see `data/DEV4.md`); skipped while it does not exist.
#[test]
fn dev4_set_meets_targets() {
    assert_targets("dev4.jsonl");
}

/// The fifth dev set, written fresh by new personas (grandparents and carers, terse fathers, second-language
/// parents by first language, teenage siblings, formal letters, dictation, 7am parents, staff on tablets)
/// for absence, urgent and complaint phrasing (see `data/DEV5.md`); skipped while it does not exist.
#[test]
fn dev5_set_meets_targets() {
    assert_targets("dev5.jsonl");
}

/// The sixth dev set: the first held-out set (`test.jsonl`), retired into the dev sets in round 11 after
/// six aggregate evaluations (see `data/DEV6.md`).
/// Round 11 landed before every dev6 target was met; since round 15 every target is.
#[test]
fn dev6_set_meets_targets() {
    assert_targets("dev6.jsonl");
}

/// The seventh dev set, written in round 11 for complaints, pick-up, progress, safeguarding of every kind
/// and child-name hard negatives (see `data/DEV7.md`); skipped while it does not exist.
/// Round 11 ran out of time before every dev7 target was met (README, round 11): the gaps are held to
/// floors (ceilings for lower-is-better metrics) at the measured values; round 15 tightened them to
/// the two still missed (block precision 0.929, false alarms 3.0 %).
#[test]
fn dev7_set_meets_targets() {
    assert_targets_except(
        "dev7.jsonl",
        &[
            ("precision of block findings", 0.92),
            ("warn/block on clean messages", 0.031),
        ],
    );
}

/// The eighth dev set, written in round 12 for whole complaint categories (staff handling a complaint,
/// story-comment criticism, formal grievances, other children's behaviour blamed on the school), class-chat
/// pick-up, SEN progress and child-name hard negatives (see `data/DEV8.md`). Round 12 left four clean
/// lines warned (README, round 12); since round 15 (the learned layer's veto) every target is met.
#[test]
fn dev8_set_meets_targets() {
    assert_targets("dev8.jsonl");
}

// Round 13: five new writers (`DEV9.md` … `DEV13.md`), tuned on in round 13. Before that round they
// measured complaint 0.51-0.67, pick-up 0.69-0.84, safeguarding 0.76-0.85 and false alarms 2.7-8.1 %
// (README, round 13); since round 15 every target is met, dev10's safeguarding recall included.

#[test]
fn dev9_set_meets_targets() {
    assert_targets("dev9.jsonl");
}

#[test]
fn dev10_set_meets_targets() {
    assert_targets("dev10.jsonl");
}

#[test]
fn dev11_set_meets_targets() {
    assert_targets("dev11.jsonl");
}

#[test]
fn dev12_set_meets_targets() {
    assert_targets("dev12.jsonl");
}

#[test]
fn dev13_set_meets_targets() {
    assert_targets("dev13.jsonl");
}

// Round 14: four new writers (`DEV14.md` … `DEV17.md`). Every routing target was met after tuning; the
// false alarms (2.4-3.9 %) and dev15's safeguarding recall met theirs in round 15 (README).

#[test]
fn dev14_set_meets_targets() {
    assert_targets("dev14.jsonl");
}

#[test]
fn dev15_set_meets_targets() {
    assert_targets("dev15.jsonl");
}

#[test]
fn dev16_set_meets_targets() {
    assert_targets("dev16.jsonl");
}

#[test]
fn dev17_set_meets_targets() {
    assert_targets("dev17.jsonl");
}

/// Round 15 sets: dev18 (rural and coastal families), dev19 (SEND families and staff), dev21 (faith and
/// regional voices), tuned on by the rules, and dev20 (staff-heavy), not tuned on by the rules. All four
/// train the learned layer; with it every target is met except dev20's complaint recall (0.833, floored).
/// On the round-14 engine, before anything was tuned on them, their safeguarding recall was 0.63-0.74
/// and their false alarms 4.0-7.9 % (README, round 15).
#[test]
fn dev18_set_meets_targets() {
    assert_targets("dev18.jsonl");
}

#[test]
fn dev19_set_meets_targets() {
    assert_targets("dev19.jsonl");
}

#[test]
fn dev20_set_meets_targets() {
    assert_targets_except("dev20.jsonl", &[("complaint-to-office recall", 0.83)]);
}

#[test]
fn dev21_set_meets_targets() {
    assert_targets("dev21.jsonl");
}

/// What the held-out set must keep, per issue target (names as in `eval::Report::targets`).
enum Guard {
    /// The last recorded run met the target: assert the target.
    Target,
    /// Not yet met: a regression floor (a ceiling for the false-alarm rate) from the last recorded run.
    /// The target is in the comment beside it.
    Floor(f64),
}

/// Held-out regression guard for `test2.jsonl` (685 lines by a writer who never saw the engine or the dev
/// sets). Values are from its seventh aggregate evaluation, after round 15 (README, "Round 15"). Floors are
/// that run's numbers rounded down to two decimals, the false-alarm ceiling its rate rounded up. Update only
/// from a full aggregate run, never to make a change pass, and replace a floor with `Guard::Target` once a
/// run meets the target.
const TEST2: &[(&str, Guard)] = &[
    ("precision of block findings", Guard::Target), // 0.985 (66 of 67); target >= 0.95
    ("child-name-shared precision", Guard::Target), // 0.959; target >= 0.95
    ("child-name-shared recall", Guard::Target),    // 0.979; target >= 0.90
    ("safeguarding-to-dsl recall", Guard::Floor(0.92)), // 0.929; target >= 0.95, not yet met
    ("absence-to-office recall", Guard::Target),    // 0.974; target >= 0.85
    ("sickness-to-office recall", Guard::Target),   // 0.913; target >= 0.85
    ("pickup-change-to-office recall", Guard::Target), // 0.857; target >= 0.85
    ("dinner-enquiry-to-office recall", Guard::Target), // 0.952; target >= 0.85
    ("urgent-to-phone recall", Guard::Target),      // 0.971; target >= 0.85
    ("medication-to-nursing recall", Guard::Target), // 1.000; target >= 0.85
    // 0.743: one complaint fewer than after round 14 (0.771), disclosed in the README.
    ("complaint-to-office recall", Guard::Floor(0.74)), // target >= 0.85, not yet met
    ("progress-to-meeting recall", Guard::Target),      // 0.903; target >= 0.85
    ("warn/block on clean messages", Guard::Floor(0.026)), // 0.026 (8 of 312); target <= 0.02, not yet met
];

/// Held-out regression guard for `test3.jsonl` (791 lines, written in round 13 by an author who never
/// saw the engine, the dev sets or test2; `TEST3-SET.md`). Values are from its evaluation after round 15
/// (its third full evaluation; README, "Round 15", lists every look).
const TEST3: &[(&str, Guard)] = &[
    ("precision of block findings", Guard::Target), // 0.989 (89 of 90); target >= 0.95
    ("child-name-shared precision", Guard::Target), // 1.000; target >= 0.95
    ("child-name-shared recall", Guard::Target),    // 0.940; target >= 0.90
    ("safeguarding-to-dsl recall", Guard::Floor(0.90)), // 0.903; target >= 0.95, not yet met
    ("absence-to-office recall", Guard::Target),    // 0.922; target >= 0.85
    ("sickness-to-office recall", Guard::Target),   // 0.957; target >= 0.85
    ("pickup-change-to-office recall", Guard::Target), // 0.907; target >= 0.85
    ("dinner-enquiry-to-office recall", Guard::Target), // 0.950; target >= 0.85
    ("urgent-to-phone recall", Guard::Target),      // 0.979; target >= 0.85
    ("medication-to-nursing recall", Guard::Target), // 1.000; target >= 0.85
    ("complaint-to-office recall", Guard::Floor(0.80)), // 0.804; target >= 0.85, not yet met
    ("progress-to-meeting recall", Guard::Target),  // 0.974; target >= 0.85
    ("warn/block on clean messages", Guard::Target), // 0.017 (6 of 352); target <= 0.02
];

/// Held-out regression guard for the fourth held-out set, `test4a.jsonl` + `test4b.jsonl` (1,663 lines
/// written in round 15 by two authors who never saw the engine, the dev sets, the other half or the
/// earlier test sets; `TEST4A-SET.md`, `TEST4B-SET.md`), evaluated as one set. Values are from its first
/// evaluation, after round 15, the only look before this guard was written.
const TEST4: &[(&str, Guard)] = &[
    ("precision of block findings", Guard::Target), // 0.964 (162 of 168); target >= 0.95
    ("child-name-shared precision", Guard::Target), // 0.955; target >= 0.95
    ("child-name-shared recall", Guard::Target),    // 0.955; target >= 0.90
    ("safeguarding-to-dsl recall", Guard::Floor(0.92)), // 0.928; target >= 0.95, not yet met
    ("absence-to-office recall", Guard::Target),    // 0.960; target >= 0.85
    ("sickness-to-office recall", Guard::Target),   // 0.889; target >= 0.85
    ("pickup-change-to-office recall", Guard::Target), // 0.944; target >= 0.85
    ("dinner-enquiry-to-office recall", Guard::Target), // 0.878; target >= 0.85
    ("urgent-to-phone recall", Guard::Target),      // 0.900; target >= 0.85
    ("medication-to-nursing recall", Guard::Target), // 0.952; target >= 0.85
    ("complaint-to-office recall", Guard::Floor(0.79)), // 0.790; target >= 0.85, not yet met
    ("progress-to-meeting recall", Guard::Target),  // 0.908; target >= 0.85
    ("warn/block on clean messages", Guard::Floor(0.03)), // 0.029 (22 of 746); target <= 0.02, not yet met
];

/// A held-out set: printed, held to the targets where they were met and to the regression floors
/// elsewhere.
fn held_out_guard(set: &str, guards: &[(&str, Guard)]) {
    let report = report(set).unwrap_or_else(|| panic!("the held-out set {set} is missing"));
    println!("{set} (held out):\n{}", report.render(false));
    let targets = report.targets();
    let mut failures = Vec::new();
    for t in &targets {
        let Some((_, guard)) = guards.iter().find(|(name, _)| *name == t.name) else {
            failures.push(format!("{}: no held-out guard recorded", t.name));
            continue;
        };
        let Some(v) = t.value else { continue };
        match guard {
            Guard::Target if !t.ok() => {
                failures.push(format!(
                    "{}: {v:.3} no longer meets the issue target {}",
                    t.name, t.threshold
                ));
            }
            Guard::Floor(floor) if t.at_least && v < *floor => {
                failures.push(format!("{}: {v:.3} fell below the floor {floor}", t.name));
            }
            Guard::Floor(ceiling) if !t.at_least && v > *ceiling => {
                failures.push(format!(
                    "{}: {v:.3} rose above the ceiling {ceiling}",
                    t.name
                ));
            }
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{set}: held-out regressions:\n{}",
        failures.join("\n")
    );
}

#[test]
fn test_set_regression_guard() {
    held_out_guard("test2.jsonl", TEST2);
}

#[test]
fn test_set3_regression_guard() {
    held_out_guard("test3.jsonl", TEST3);
}

#[test]
fn test_set4_regression_guard() {
    held_out_guard("test4a.jsonl+test4b.jsonl", TEST4);
}

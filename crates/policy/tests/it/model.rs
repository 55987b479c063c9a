//! The learned layer (`model.rs`, `data/model.json`, `policy-train`): it loads, is deterministic, adds
//! findings only as the catalogue allows, and training reproduces the shipped file byte for byte.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use hometime_policy::model::{BUNDLED_JSON, Model};
use hometime_policy::{AuthorRole, Context, Draft, Engine, Pack, RuleId, Severity, applies, train};

fn engine() -> Engine {
    Engine::new(&Pack::from_json(include_str!("../../data/pack.json")).expect("pack"))
        .expect("engine")
}

fn draft(role: AuthorRole, context: Context, text: &str) -> Draft<'_> {
    Draft {
        role,
        context,
        text,
        child: Some("k05"),
        sent_at: NaiveDate::from_ymd_opt(2025, 3, 12)
            .and_then(|d| d.and_hms_opt(10, 15, 0))
            .expect("time"),
        photos: None,
        recipient_is_class_teacher: None,
    }
}

fn rules(e: &Engine, d: &Draft<'_>) -> BTreeSet<RuleId> {
    e.check(d).into_iter().map(|f| f.rule).collect()
}

/// Rules the model added to a parent's private message (present with it, absent without it).
fn added(text: &str) -> BTreeSet<RuleId> {
    let with = engine();
    let without = with.clone().with_model(None);
    let d = draft(AuthorRole::Parent, Context::PrivateMessage, text);
    let a = rules(&with, &d);
    let b = rules(&without, &d);
    a.difference(&b).copied().collect()
}

#[test]
fn bundled_model_loads_with_the_expected_rules() {
    let m = Model::from_json(BUNDLED_JSON).expect("model.json parses");
    let got: BTreeSet<RuleId> = m.rules().iter().copied().collect();
    // Round 15: every candidate rule ships with a calibrated threshold (safeguarding too), and every
    // rule but safeguarding carries the veto.
    let want: BTreeSet<RuleId> = train::CANDIDATES.into_iter().collect();
    assert_eq!(got, want);
    let file: hometime_policy::model::ModelFile =
        serde_json::from_str(BUNDLED_JSON).expect("model file");
    for r in &file.rules {
        assert_eq!(
            r.veto.is_none(),
            r.rule == RuleId::SafeguardingToDsl,
            "{:?}",
            r.rule
        );
    }
    assert!(m.features() > 100, "{} features", m.features());
    assert!(
        BUNDLED_JSON.len() <= 340 * 1024,
        "{} bytes",
        BUNDLED_JSON.len()
    );
    assert!(engine().model().is_some());
    assert!(Model::from_json("{\"version\": 2, \"rules\": []}").is_err());
    assert!(
        Model::from_json(
            "{\"version\": 1, \"rules\": [{\"rule\": \"urgent-to-phone\", \"bias\": 0, \"threshold\": 1.5, \"weights\": {}}]}"
        )
        .is_err()
    );
}

#[test]
fn checks_are_deterministic() {
    let a = engine();
    let b = engine();
    for text in [
        "my sister will be the one at the gate for him this afternoon",
        "Im really not happy with how the supply teacher spoke to my son",
    ] {
        let d = draft(AuthorRole::Parent, Context::PrivateMessage, text);
        let first = a.check(&d);
        assert_eq!(first, a.check(&d));
        assert_eq!(first, b.check(&d));
    }
}

/// Phrasings written for this test (not in any dev set): the rules miss the first, the model adds it.
#[test]
fn model_adds_a_routing_finding_the_rules_miss() {
    let text = "his granddad will be doing collection from next week";
    let e = engine();
    let d = draft(AuthorRole::Parent, Context::PrivateMessage, text);
    let f = e.check(&d);
    let pickup = f
        .iter()
        .find(|f| f.rule == RuleId::PickupChangeToOffice)
        .expect("the model adds pick-up");
    assert_eq!(pickup.severity, Severity::Warn);
    assert!(pickup.start.is_some() && pickup.guidance.contains("office"));
    assert!(pickup.action.is_some());
    assert!(!rules(&e.clone().with_model(None), &d).contains(&RuleId::PickupChangeToOffice));
}

#[test]
fn model_stays_quiet_on_everyday_messages() {
    for text in [
        "Thanks for the lovely photos from the trip, he had a brilliant time",
        "What date is the Christmas fair? Happy to help on the cake stall",
        "Loved the assembly today, the singing was gorgeous",
        "Just checking the homework is due Friday?",
        "He really enjoyed the science club, thank you",
        "Can you remind me what time the disco finishes on Friday",
    ] {
        assert!(added(text).is_empty(), "{text}: {:?}", added(text));
    }
    // Someone else collecting today is a pick-up change, whether the rules or the model say so.
    let text = "my sister will be the one at the gate for him this afternoon";
    let d = draft(AuthorRole::Parent, Context::PrivateMessage, text);
    assert!(rules(&engine(), &d).contains(&RuleId::PickupChangeToOffice));
}

/// The model cannot make a rule fire where the catalogue says it does not apply, nor for staff, and a
/// pack that switches the rule off switches the model's finding off too.
#[test]
fn model_respects_roles_contexts_and_toggles() {
    let text = "his granddad will be doing collection from next week";
    let e = engine();
    for role in [AuthorRole::Teacher, AuthorRole::Staff, AuthorRole::Pupil] {
        for ctx in [
            Context::PrivateMessage,
            Context::ClassChat,
            Context::ClassStory,
            Context::BehaviourComment,
        ] {
            let got = rules(&e, &draft(role, ctx, text));
            assert!(
                !got.contains(&RuleId::PickupChangeToOffice),
                "{role:?} {ctx:?}"
            );
        }
    }
    let got = rules(
        &e,
        &draft(AuthorRole::Parent, Context::BehaviourComment, text),
    );
    assert!(!got.contains(&RuleId::PickupChangeToOffice));
    let off = crate::engine_with(
        serde_json::json!({"rules": {"pickup-change-to-office": {"enabled": false}}}),
        serde_json::json!({}),
    );
    let got = rules(
        &off,
        &draft(AuthorRole::Parent, Context::PrivateMessage, text),
    );
    assert!(!got.contains(&RuleId::PickupChangeToOffice));
}

/// Over every dev line: whatever the model adds is a shipped model rule, at most `warn`, on a parent's
/// message (or safeguarding on anyone's) in a context where the rule applies.
#[test]
fn model_additions_on_dev_sets_follow_the_catalogue() {
    let e = engine();
    let bare = e.clone().with_model(None);
    let model_rules: BTreeSet<RuleId> = e.model().expect("model").rules().iter().copied().collect();
    let mut added_total = 0;
    for (_, text) in train::read_dev_sets(concat!(env!("CARGO_MANIFEST_DIR"), "/data")) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let (input, with) = hometime_policy::jsonl::check_line(&e, line).expect("line");
            let (_, without) = hometime_policy::jsonl::check_line(&bare, line).expect("line");
            let before: BTreeSet<RuleId> = without.iter().map(|f| f.rule).collect();
            for f in with.iter().filter(|f| !before.contains(&f.rule)) {
                added_total += 1;
                assert!(model_rules.contains(&f.rule), "{:?}", f.rule);
                assert!(f.severity <= Severity::Warn);
                assert!(
                    input.role == AuthorRole::Parent || f.rule == RuleId::SafeguardingToDsl,
                    "{:?} {:?}",
                    input.role,
                    f.rule
                );
                assert!(applies(f.rule, input.role, input.context));
            }
        }
    }
    assert!(added_total > 0, "the model adds something on the dev sets");
}

/// Retraining on the dev sets gives the shipped `model.json` byte for byte.
#[test]
fn training_is_reproducible() {
    let corpus = train::Corpus::load(
        &engine(),
        train::read_dev_sets(concat!(env!("CARGO_MANIFEST_DIR"), "/data")),
    )
    .expect("dev sets");
    let json = train::to_json(&train::final_model(&corpus, &train::Params::shipped()));
    assert!(
        json == BUNDLED_JSON,
        "retraining changed model.json: run policy-train"
    );
}

/// A hand-made weights file with one pick-up row: no weights, a bias that makes every draft very
/// unlikely, and the given extra fields (`,"veto":0.05`).
fn pickup_model(extra: &str) -> Model {
    Model::from_json(&format!(
        "{{\"version\":1,\"rules\":[{{\"rule\":\"pickup-change-to-office\",\"bias\":-20,\"threshold\":0.5{extra},\"weights\":{{}}}}]}}"
    ))
    .expect("model")
}

/// The veto (round 15) withdraws the rules' own pick-up warning on a parent's message when the model
/// finds it very unlikely; without a veto the finding stays; a pack that raises the rule to `block`
/// keeps it, and so does a school's own extra term.
#[test]
fn the_veto_withdraws_a_parents_routing_warning_only() {
    let text = "Her grandma is picking her up today instead of me";
    let d = draft(AuthorRole::Parent, Context::PrivateMessage, text);
    let e = engine();
    let pickup = RuleId::PickupChangeToOffice;
    assert!(rules(&e.clone().with_model(None), &d).contains(&pickup));
    let vetoing = e.clone().with_model(Some(pickup_model(",\"veto\":0.05")));
    assert!(!rules(&vetoing, &d).contains(&pickup), "withdrawn");
    let plain = e.clone().with_model(Some(pickup_model("")));
    assert!(rules(&plain, &d).contains(&pickup), "no veto, kept");

    let blocking = crate::engine_with(
        serde_json::json!({"rules": {"pickup-change-to-office": {"severity": "block"}}}),
        serde_json::json!({}),
    )
    .with_model(Some(pickup_model(",\"veto\":0.05")));
    assert!(
        rules(&blocking, &d).contains(&pickup),
        "a block is never withdrawn"
    );

    let school_term = crate::engine_with(
        serde_json::json!({"extra_terms": {"pickup-change-to-office": ["walking bus"]}}),
        serde_json::json!({}),
    )
    .with_model(Some(pickup_model(",\"veto\":0.05")));
    let d2 = draft(
        AuthorRole::Parent,
        Context::PrivateMessage,
        "she is on the walking bus tomorrow",
    );
    assert!(
        rules(&school_term, &d2).contains(&pickup),
        "the school's own term"
    );

    assert!(
        Model::from_json(
            "{\"version\":1,\"rules\":[{\"rule\":\"pickup-change-to-office\",\"bias\":0,\"threshold\":0.5,\"veto\":1.5,\"weights\":{}}]}"
        )
        .is_err());
}

/// Even a weights file that asks for it cannot withdraw a safeguarding prompt.
#[test]
fn the_veto_never_withdraws_safeguarding() {
    let text = "she told me her uncle hits her when mum is out";
    let d = draft(AuthorRole::Parent, Context::PrivateMessage, text);
    let e = engine();
    assert!(rules(&e.clone().with_model(None), &d).contains(&RuleId::SafeguardingToDsl));
    let m = Model::from_json(
        "{\"version\":1,\"rules\":[{\"rule\":\"safeguarding-to-dsl\",\"bias\":-20,\"threshold\":0.5,\"veto\":0.5,\"weights\":{}}]}",
    )
    .expect("model");
    assert!(rules(&e.with_model(Some(m)), &d).contains(&RuleId::SafeguardingToDsl));
}

/// Rows of the rule tables where the learned layer (round 15, trained on twenty-one writers) overrules
/// the rules: the veto withdraws a repeated-grievance complaint, and the model adds a reading to four
/// must-not-fire twins (an apology, a lost jumper "not a big deal", fetching conkers, a snatched ruler).
/// The rules' own reading is kept here; these are counted among the model's costs in the README
/// (round 15), and the dev-set false-alarm targets bound them.
#[test]
fn rows_the_learned_layer_overrules_keep_the_rules_reading() {
    let bare = engine().with_model(None);
    let complaint = draft(
        AuthorRole::Parent,
        Context::PrivateMessage,
        "The reading folder has come back unmarked AGAIN",
    );
    assert!(rules(&bare, &complaint).contains(&RuleId::ComplaintToOffice));
    for (role, context, text, rule) in [
        (
            AuthorRole::Parent,
            Context::PrivateMessage,
            "She said she hurt mummy's feelings and said sorry",
            RuleId::SafeguardingToDsl,
        ),
        (
            AuthorRole::Parent,
            Context::PrivateMessage,
            "His jumper has gone missing twice now, not a big deal, is it in lost property?",
            RuleId::ComplaintToOffice,
        ),
        (
            AuthorRole::Parent,
            Context::PrivateMessage,
            "his nanna goes fetching conkers with him in the park",
            RuleId::PickupChangeToOffice,
        ),
        (
            AuthorRole::Teacher,
            Context::BehaviourComment,
            "Snatched a ruler from his partner and threw it, apologised after time out",
            RuleId::SafeguardingToDsl,
        ),
    ] {
        assert!(
            !rules(&bare, &draft(role, context, text)).contains(&rule),
            "{rule:?}: {text}"
        );
    }
}

/// Since round 15 the safeguarding model reads staff, teachers' and pupils' drafts too; the routing
/// models still read parents' only. A hand-made file whose rows always fire shows which.
#[test]
fn the_safeguarding_model_reads_every_role_and_routing_models_parents_only() {
    let always = Model::from_json(
        "{\"version\":1,\"rules\":[\
         {\"rule\":\"safeguarding-to-dsl\",\"bias\":20,\"threshold\":0.5,\"weights\":{}},\
         {\"rule\":\"complaint-to-office\",\"bias\":20,\"threshold\":0.5,\"weights\":{}}]}",
    )
    .expect("model");
    let e = engine().with_model(Some(always));
    let text = "Thanks for a lovely week";
    let teacher = e.check(&draft(AuthorRole::Teacher, Context::PrivateMessage, text));
    let sg = teacher
        .iter()
        .find(|f| f.rule == RuleId::SafeguardingToDsl)
        .expect("the safeguarding model reads a teacher's draft");
    assert_eq!(sg.severity, Severity::Warn, "the model never blocks");
    assert!(!teacher.iter().any(|f| f.rule == RuleId::ComplaintToOffice));
    let parent = rules(
        &e,
        &draft(AuthorRole::Parent, Context::PrivateMessage, text),
    );
    assert!(
        parent.contains(&RuleId::SafeguardingToDsl) && parent.contains(&RuleId::ComplaintToOffice)
    );
}

//! Runs the built `hometime-policy` binary over JSON lines, including a malformed line and a bad pack.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(pack: &str, input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hometime-policy"))
        .args(["check", "--pack", pack])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // With a bad pack the checker exits before reading stdin, so the write may hit a closed pipe;
    // that is expected, and the exit status and stderr below are what the tests look at.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn checks_lines_in_order_and_reports_malformed_ones() {
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/data/pack.json");
    let input = [
        r#"{"id": "a", "role": "parent", "context": "class_chat", "text": "Did Niamh leave her coat?", "child": null, "sent_at": "2025-03-12T10:00:00"}"#,
        r#"{"id": "b", "role": "parent", "context": "private_message", "text": "thanks!", "child": "k01", "sent_at": "2025-03-15T10:00:00", "extra": 1}"#,
        r#"{"id": "c", "role": "parent", "context": "nowhere", "text": "x", "child": null, "sent_at": "2025-03-12T10:00:00"}"#,
        "not json at all",
        r#"{"id": 7, "role": "teacher", "context": "class_story", "text": "hi", "child": null, "sent_at": "yesterday"}"#,
        r#"{"id": "d", "role": "parent", "context": "class_chat", "text": "lovely photos", "child": null, "sent_at": "2025-03-12T10:00:00"}"#,
    ]
    .join("\n");
    let (code, stdout, stderr) = run(pack, &input);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["id"], "a");
    let f = &lines[0]["findings"][0];
    assert_eq!(
        (
            f["rule"].as_str(),
            f["severity"].as_str(),
            f["start"].as_u64(),
            f["end"].as_u64()
        ),
        (Some("child-name-shared"), Some("block"), Some(4), Some(9))
    );
    assert!(
        f["guidance"]
            .as_str()
            .is_some_and(|g| g.starts_with("Everyone in the class can see this."))
    );
    assert_eq!(lines[1]["findings"][0]["rule"], "out-of-hours");
    assert!(lines[1]["findings"][0]["start"].is_null());
    assert_eq!(lines[2]["id"], "c");
    assert!(lines[2]["error"].is_string());
    assert!(lines[3]["id"].is_null() && lines[3]["error"].is_string());
    assert_eq!(lines[4]["id"], 7);
    assert!(
        lines[4]["error"]
            .as_str()
            .is_some_and(|e| e.contains("sent_at"))
    );
    assert_eq!(lines[5]["findings"], serde_json::json!([]));
}

#[test]
fn invalid_pack_fails_with_a_clear_message() {
    let dir = std::env::temp_dir().join(format!("hometime-policy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let cases: &[(&str, &str)] = &[
        ("{\"school\": 1}", "invalid pack"),
        (
            "{\"school\": {\"office_phone\": \"1\", \"office_email\": \"a@b.c\", \"working_hours\": {\"days\": [\"Mon\"], \"start\": \"8am\", \"end\": \"17:00\"}}}",
            "invalid time `8am`",
        ),
    ];
    for (i, (json, want)) in cases.iter().enumerate() {
        let path = dir.join(format!("pack{i}.json"));
        std::fs::write(&path, json).expect("write pack");
        let (code, stdout, stderr) = run(path.to_str().expect("utf-8 path"), "{}\n");
        assert_ne!(code, 0);
        assert!(stdout.is_empty());
        assert!(stderr.contains(want), "{stderr}");
    }
    let (code, _, stderr) = run("/nonexistent/pack.json", "");
    assert_ne!(code, 0);
    assert!(stderr.contains("cannot read pack"));
    let _ = std::fs::remove_dir_all(&dir);
}

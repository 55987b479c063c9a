//! Criterion benchmark: one `Engine::check` on realistic drafts of about 100, 1,000 and 5,000 characters.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use hometime_policy::{AuthorRole, Context, Draft, Engine, Pack};

/// A realistic paragraph mixing names, routing intents and innocent chatter.
const PARAGRAPH: &str = "Hi Mr Daly, just to let you know Bella won't be in tomorrow morning, she has a dentist appointment at 9 so her nan is picking her up at 11. She was sick in the night but seems fine now. Can she switch to packed lunch next week? Thanks so much for the lovely photos of the trip, Mason's mum says hi! ";

fn text_of(len: usize) -> String {
    PARAGRAPH.chars().cycle().take(len).collect()
}

fn bench(c: &mut Criterion) {
    let pack = Pack::from_json(include_str!("../data/pack.json")).expect("pack");
    let engine = Engine::new(&pack).expect("engine");
    let sent_at = NaiveDate::from_ymd_opt(2025, 3, 12)
        .and_then(|d| d.and_hms_opt(10, 15, 0))
        .expect("date");
    for len in [100, 1_000, 5_000] {
        let text = text_of(len);
        let draft = Draft {
            role: AuthorRole::Parent,
            context: Context::ClassChat,
            text: &text,
            child: None,
            sent_at,
            photos: None,
            recipient_is_class_teacher: None,
        };
        c.bench_function(&format!("check {len} chars"), |b| {
            b.iter(|| black_box(engine.check(black_box(&draft))))
        });
    }
    c.bench_function("Engine::new", |b| {
        b.iter(|| black_box(Engine::new(black_box(&pack))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

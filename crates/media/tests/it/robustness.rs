//! No input makes `process` panic: every truncation and many bit flips of valid files of each format.
//!
//! `process` catches a decoder panic and reports `Corrupt`, so a plain "it returned" test would hide one.
//! A panic hook counts panics on this test's own threads, and the tests assert the count is zero.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hometime_media::fixtures::{self, decode_rgb};
use hometime_media::{Limits, MediaError, process};

static PANICS: OnceLock<Mutex<HashMap<String, usize>>> = OnceLock::new();

fn panics_on_this_thread() -> usize {
    let name = std::thread::current().name().unwrap_or_default().to_owned();
    PANICS
        .get()
        .and_then(|p| p.lock().ok()?.get(&name).copied())
        .unwrap_or(0)
}

fn count_panics() {
    let mut first = false;
    PANICS.get_or_init(|| {
        first = true;
        Mutex::new(HashMap::new())
    });
    if first {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let name = std::thread::current().name().unwrap_or_default().to_owned();
            if let Some(map) = PANICS.get()
                && let Ok(mut map) = map.lock()
            {
                *map.entry(name).or_default() += 1;
            }
            previous(info);
        }));
    }
}

/// Runs `process` and checks the answer is sane: an error, or an output that decodes at its stated size.
fn check(bytes: &[u8], what: &str) {
    let limits = Limits::default();
    match process(bytes, &limits) {
        Ok(out) => {
            assert_eq!(
                decode_rgb(&out.display).dimensions(),
                (out.width, out.height),
                "{what}"
            );
            assert_eq!(
                decode_rgb(&out.thumb).dimensions(),
                (out.thumb_width, out.thumb_height),
                "{what}"
            );
        }
        Err(MediaError::NotAnImage | MediaError::Corrupt | MediaError::TooManyPixels { .. }) => {}
        Err(other) => panic!("{what}: unexpected {other:?}"),
    }
}

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("jpeg", fixtures::jpeg_with_metadata(40, 24, 6)),
        ("png", fixtures::png_with_text(40, 24)),
        ("webp", fixtures::webp(40, 24)),
    ]
}

#[test]
fn every_truncation_is_handled() {
    count_panics();
    for (name, bytes) in samples() {
        for cut in 0..bytes.len() {
            let result = process(&bytes[..cut], &Limits::default());
            assert!(
                result.is_err(),
                "{name} cut at {cut} of {} was accepted",
                bytes.len()
            );
        }
    }
    assert_eq!(
        panics_on_this_thread(),
        0,
        "a decoder panicked (caught by process)"
    );
}

#[test]
fn bit_flips_are_handled() {
    count_panics();
    for (name, bytes) in samples() {
        // Every bit of the first 512 bytes (headers and metadata), then a spread over the rest.
        let mut positions: Vec<usize> = (0..bytes.len().min(512) * 8).collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..1500 {
            // xorshift: a fixed, repeatable sequence.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            positions.push((state % (bytes.len() as u64 * 8)) as usize);
        }
        for bit in positions {
            let mut flipped = bytes.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            check(&flipped, &format!("{name} with bit {bit} flipped"));
        }
    }
    assert_eq!(
        panics_on_this_thread(),
        0,
        "a decoder panicked (caught by process)"
    );
}

#[test]
fn arbitrary_bytes_after_each_magic_are_handled() {
    count_panics();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let magics: [&[u8]; 3] = [
        b"\xff\xd8\xff",
        b"\x89PNG\r\n\x1a\n",
        b"RIFF\x00\x10\x00\x00WEBP",
    ];
    for magic in magics {
        for length in [0usize, 1, 7, 30, 100, 1000] {
            for _ in 0..40 {
                let mut bytes = magic.to_vec();
                for _ in 0..length {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    bytes.push(state as u8);
                }
                check(&bytes, "random bytes after a magic");
            }
        }
    }
    assert_eq!(
        panics_on_this_thread(),
        0,
        "a decoder panicked (caught by process)"
    );
}

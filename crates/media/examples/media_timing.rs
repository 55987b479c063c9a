//! Times `process` on a 12-megapixel photo and `watermark` on its 1600 px display copy, and writes the
//! results to a folder for a person to look at.
//!
//! `cargo run --release -p hometime-media --features fixtures --example media_timing [OUT_DIR]`

use std::time::{Duration, Instant};

use hometime_media::{Limits, fixtures, process, watermark};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

/// Writes the JPEG, and a PNG copy of its pixels for viewers that only show PNG.
fn write(dir: &str, name: &str, jpeg: &[u8]) {
    std::fs::write(format!("{dir}/{name}.jpg"), jpeg).expect("write the JPEG");
    image::load_from_memory(jpeg)
        .expect("our own output decodes")
        .save(format!("{dir}/{name}.png"))
        .expect("write the PNG");
}

fn main() {
    let out_dir = std::env::args().nth(1);
    let photo = fixtures::jpeg_with_metadata(4032, 3024, 6);
    println!(
        "input: 4032 × 3024 JPEG with EXIF, GPS, XMP and a comment, {} KiB",
        photo.len() / 1024
    );

    let (took, processed) = best_of(5, || {
        process(&photo, &Limits::default()).expect("a good photo")
    });
    println!(
        "process: {:.1} ms (best of 5) -> display {} × {} ({} KiB), thumb {} × {} ({} KiB)",
        took.as_secs_f64() * 1000.0,
        processed.width,
        processed.height,
        processed.display.len() / 1024,
        processed.thumb_width,
        processed.thumb_height,
        processed.thumb.len() / 1024,
    );

    // Camera photos are full of fine detail, which costs the decoder more than the smooth fixture does:
    // a textured picture of the same size, encoded at quality 92 (several MiB, like a phone's).
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let textured = image::RgbImage::from_fn(4032, 3024, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state % 64) as u8;
        image::Rgb([
            (x / 16) as u8 ^ noise,
            (y / 12) as u8 ^ noise,
            ((x + y) / 28) as u8 ^ noise,
        ])
    });
    let mut detailed = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut detailed, 92)
        .encode_image(&textured)
        .expect("encode");
    let (took, _) = best_of(5, || {
        process(&detailed, &Limits::default()).expect("a good photo")
    });
    println!(
        "process (textured 4032 × 3024, {} KiB): {:.1} ms (best of 5)",
        detailed.len() / 1024,
        took.as_secs_f64() * 1000.0
    );

    let label = "Seen by Jane Parent 2026-03-14";
    let (took, marked) = best_of(5, || {
        watermark(&processed.display, label).expect("a good display copy")
    });
    println!(
        "watermark: {:.1} ms (best of 5) on {} × {} -> {} KiB",
        took.as_secs_f64() * 1000.0,
        processed.width,
        processed.height,
        marked.len() / 1024
    );

    if let Some(dir) = out_dir {
        std::fs::create_dir_all(&dir).expect("output folder");
        write(&dir, "display", &processed.display);
        write(&dir, "thumb", &processed.thumb);
        write(&dir, "marked", &marked);
        // A picture with dark, light and coloured areas, to judge the mark by eye.
        let gradient = image::RgbImage::from_fn(1600, 1200, |x, y| {
            let light = (x * 255 / 1599) as u8;
            let band = (y * 4 / 1200) as u8;
            match band {
                0 => image::Rgb([light, light, light]),
                1 => image::Rgb([light, light / 2, 40]),
                2 => image::Rgb([30, light, light / 3]),
                _ => image::Rgb([light / 4, light / 2, light]),
            }
        });
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
            .encode_image(&gradient)
            .expect("encode");
        write(
            &dir,
            "gradient-marked",
            &watermark(&plain, label).expect("mark"),
        );
        println!("wrote display, thumb, marked and gradient-marked (.jpg and .png) to {dir}");
    }
}

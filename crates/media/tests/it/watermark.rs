//! `watermark`: same size, no metadata, visible on dark and light photos, faint everywhere, over the
//! whole picture, different per viewer, and refusing what is not a JPEG.

use hometime_media::fixtures::{decode_rgb, metadata_markers};
use hometime_media::{Limits, MediaError, fixtures, process, watermark};
use image::{Rgb, RgbImage};

fn jpeg_of(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
        .encode_image(image)
        .unwrap();
    out
}

/// Per-channel differences between the marked and the unmarked decode of the same JPEG.
fn differences(plain: &[u8], marked: &[u8]) -> Vec<i32> {
    let (a, b) = (decode_rgb(plain), decode_rgb(marked));
    assert_eq!(a.dimensions(), b.dimensions());
    a.as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(&x, &y)| i32::from(y) - i32::from(x))
        .collect()
}

fn share(values: &[i32], test: impl Fn(i32) -> bool) -> f64 {
    values.iter().filter(|&&v| test(v)).count() as f64 / values.len() as f64
}

#[test]
fn keeps_the_size_and_adds_no_metadata() {
    let display = process(
        &fixtures::jpeg_with_metadata(1200, 900, 6),
        &Limits::default(),
    )
    .unwrap();
    let marked = watermark(&display.display, "Seen by Jane Parent").unwrap();
    let image = decode_rgb(&marked);
    assert_eq!(image.dimensions(), (display.width, display.height));
    assert_eq!(metadata_markers(&marked), Vec::<&str>::new());
}

#[test]
fn shows_light_on_dark_photos_and_dark_edges_on_light_ones() {
    let dark = jpeg_of(&RgbImage::from_pixel(800, 600, Rgb([20, 20, 20])));
    let lifted = differences(&dark, &watermark(&dark, "Viewer 42").unwrap());
    assert!(
        share(&lifted, |d| d >= 12) > 0.01,
        "the light letters show on a dark photo"
    );

    let light = jpeg_of(&RgbImage::from_pixel(800, 600, Rgb([240, 240, 240])));
    let darkened = differences(&light, &watermark(&light, "Viewer 42").unwrap());
    assert!(
        share(&darkened, |d| d <= -12) > 0.01,
        "the dark edges show on a light photo"
    );
}

#[test]
fn is_faint_and_leaves_most_of_the_photo_alone() {
    let grey = jpeg_of(&RgbImage::from_pixel(1600, 1200, Rgb([128, 128, 128])));
    let diff = differences(
        &grey,
        &watermark(&grey, "Seen by Jane Parent 2026-03-14").unwrap(),
    );
    let touched = share(&diff, |d| d.abs() >= 4);
    assert!(touched > 0.03, "visible: {touched:.3} of channels changed");
    assert!(
        touched < 0.35,
        "not a veil over the photo: {touched:.3} of channels changed"
    );
    let strongest = diff.iter().map(|d| d.abs()).max().unwrap();
    assert!(
        strongest <= 40,
        "faint: no channel moves more than 40 levels, got {strongest}"
    );
    let mean = diff.iter().map(|d| f64::from(d.abs())).sum::<f64>() / diff.len() as f64;
    assert!(mean < 4.0, "on average the photo barely changes: {mean:.2}");
}

#[test]
fn covers_the_whole_picture() {
    let (w, h) = (1000u32, 800u32);
    let dark = jpeg_of(&RgbImage::from_pixel(w, h, Rgb([30, 30, 30])));
    let marked = decode_rgb(&watermark(&dark, "A").unwrap());
    let plain = decode_rgb(&dark);
    // Every cell of a 4 × 4 grid holds part of a mark, even for a one-letter label.
    for row in 0..4 {
        for column in 0..4 {
            let changed = (column * w / 4..(column + 1) * w / 4)
                .flat_map(|x| (row * h / 4..(row + 1) * h / 4).map(move |y| (x, y)))
                .filter(|&(x, y)| {
                    marked.get_pixel(x, y).0[0].abs_diff(plain.get_pixel(x, y).0[0]) >= 8
                })
                .count();
            assert!(
                changed > 50,
                "cell ({column}, {row}) has {changed} marked pixels"
            );
        }
    }
}

#[test]
fn differs_per_viewer_and_repeats_exactly_for_the_same_viewer() {
    let photo = jpeg_of(&RgbImage::from_fn(640, 480, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }));
    let jane = watermark(&photo, "Seen by Jane").unwrap();
    let john = watermark(&photo, "Seen by John").unwrap();
    assert_ne!(jane, john);
    assert_eq!(jane, watermark(&photo, "Seen by Jane").unwrap());
    assert_eq!(
        jane,
        watermark(&photo, "seen  by jane ").unwrap(),
        "labels are folded to the font"
    );
}

#[test]
fn any_label_draws_something() {
    let photo = jpeg_of(&RgbImage::from_pixel(320, 240, Rgb([20, 20, 20])));
    for label in [
        "",
        "   ",
        "王小明 🙂",
        "Zoë O’Brien-Łukasz",
        &"x".repeat(10_000),
        "\u{0}\u{7f}\u{202e}",
    ] {
        let marked = watermark(&photo, label).unwrap_or_else(|e| panic!("{label:?}: {e}"));
        let diff = differences(&photo, &marked);
        assert!(share(&diff, |d| d >= 12) > 0.001, "{label:?} left no mark");
    }
}

#[test]
fn works_on_tiny_and_very_long_pictures() {
    for (w, h) in [(1, 1), (3, 2), (1600, 8), (8, 1600)] {
        let photo = jpeg_of(&RgbImage::from_pixel(w, h, Rgb([50, 60, 70])));
        let marked = watermark(&photo, "Seen by Jane").unwrap();
        assert_eq!(decode_rgb(&marked).dimensions(), (w, h));
    }
}

#[test]
fn refuses_what_is_not_a_whole_jpeg() {
    assert_eq!(
        watermark(&fixtures::png_with_text(16, 16), "x"),
        Err(MediaError::NotAnImage)
    );
    assert_eq!(watermark(b"GIF89a", "x"), Err(MediaError::NotAnImage));
    let photo = fixtures::jpeg_with_metadata(64, 64, 1);
    assert_eq!(
        watermark(&photo[..photo.len() / 2], "x"),
        Err(MediaError::Corrupt)
    );
    let mut bomb = photo.clone();
    let sof = bomb.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bomb[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    assert!(matches!(
        watermark(&bomb, "x"),
        Err(MediaError::TooManyPixels { .. })
    ));
}

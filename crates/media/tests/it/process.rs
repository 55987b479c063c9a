//! `process`: metadata gone (read from the output bytes), orientation applied, transparency on white,
//! sizes capped, and every refusal in the order the brief gives.

use hometime_media::fixtures::{self, GREEN, GREY, RED, decode_rgb, metadata_markers};
use hometime_media::{Limits, MediaError, Processed, process, sniff};

fn ok(bytes: &[u8]) -> Processed {
    process(bytes, &Limits::default()).expect("the fixture is a good photo")
}

/// Whether `actual` is within JPEG's error of `expected`.
fn near(actual: [u8; 3], expected: [u8; 3]) -> bool {
    actual
        .iter()
        .zip(expected)
        .all(|(&a, e)| a.abs_diff(e) <= 40)
}

fn pixel(image: &image::RgbImage, x: u32, y: u32) -> [u8; 3] {
    image.get_pixel(x, y).0
}

#[test]
fn fixtures_carry_metadata_and_the_outputs_carry_none() {
    let cases = [
        (
            "jpeg",
            fixtures::jpeg_with_metadata(640, 480, 6),
            &["exif", "gps", "xmp", "comment"][..],
        ),
        (
            "png",
            fixtures::png_with_text(640, 480),
            &["exif", "gps", "text"][..],
        ),
        (
            "webp",
            fixtures::webp(640, 480),
            &["exif", "gps", "xmp"][..],
        ),
    ];
    for (name, input, expected) in cases {
        assert_eq!(
            metadata_markers(&input),
            expected,
            "{name} fixture before processing"
        );
        let out = ok(&input);
        assert_eq!(
            metadata_markers(&out.display),
            Vec::<&str>::new(),
            "{name} display copy"
        );
        assert_eq!(
            metadata_markers(&out.thumb),
            Vec::<&str>::new(),
            "{name} thumbnail"
        );
        // Belt and braces: no trace of the camera's words anywhere in the output bytes.
        for bytes in [&out.display, &out.thumb] {
            for needle in [
                fixtures::CAMERA_MAKE.as_bytes(),
                fixtures::COMMENT.as_bytes(),
                b"Exif",
                b"adobe",
            ] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{name}: found {needle:?}"
                );
            }
        }
    }
}

#[test]
fn the_scanner_names_icc_iptc_and_other_app_segments() {
    // A JPEG with an ICC profile, IPTC block and a maker APP segment spliced in after SOI.
    let plain = ok(&fixtures::jpeg_with_metadata(16, 16, 1)).display;
    let mut bytes = vec![0xFF, 0xD8];
    for (marker, payload) in [
        (0xE2, &b"ICC_PROFILE\0\x01\x01fake"[..]),
        (0xED, b"Photoshop 3.0\0"),
        (0xE5, b"MAKERNOTE"),
    ] {
        bytes.extend_from_slice(&[0xFF, marker]);
        bytes.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        bytes.extend_from_slice(payload);
    }
    bytes.extend_from_slice(&plain[2..]);
    assert_eq!(metadata_markers(&bytes), ["icc", "iptc", "app"]);
    assert_eq!(metadata_markers(&ok(&bytes).display), Vec::<&str>::new());
}

#[test]
fn outputs_are_baseline_jpeg_with_only_the_segments_a_decoder_needs() {
    let out = ok(&fixtures::jpeg_with_metadata(2000, 1000, 1));
    for bytes in [&out.display, &out.thumb] {
        assert_eq!(sniff(bytes), Some(hometime_media::ImageKind::Jpeg));
        // Walk the markers before the scan: JFIF header, tables, a baseline frame (SOF0), the scan.
        let mut at = 2;
        let mut markers = Vec::new();
        while at + 4 <= bytes.len() {
            assert_eq!(bytes[at], 0xFF);
            let marker = bytes[at + 1];
            markers.push(marker);
            if marker == 0xDA {
                break;
            }
            at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        }
        assert!(markers.contains(&0xC0), "baseline frame in {markers:x?}");
        assert!(
            markers
                .iter()
                .all(|m| matches!(m, 0xE0 | 0xDB | 0xC0 | 0xC4 | 0xDA)),
            "only JFIF, DQT, SOF0, DHT and SOS before the scan: {markers:x?}"
        );
        assert!(bytes.ends_with(&[0xFF, 0xD9]));
    }
}

#[test]
fn sizes_are_capped_on_the_long_side_and_small_photos_are_not_enlarged() {
    for (input, display, thumb) in [
        ((4032, 3024), (1600, 1200), (480, 360)),
        ((3024, 4032), (1200, 1600), (360, 480)),
        ((1000, 1000), (1000, 1000), (480, 480)),
        ((300, 200), (300, 200), (300, 200)),
        ((3000, 10), (1600, 5), (480, 2)),
        ((1, 1), (1, 1), (1, 1)),
    ] {
        let out = ok(&fixtures::jpeg_with_metadata(input.0, input.1, 1));
        assert_eq!((out.width, out.height), display, "display of {input:?}");
        assert_eq!(
            (out.thumb_width, out.thumb_height),
            thumb,
            "thumb of {input:?}"
        );
        assert_eq!(
            decode_rgb(&out.display).dimensions(),
            display,
            "decoded display of {input:?}"
        );
        assert_eq!(
            decode_rgb(&out.thumb).dimensions(),
            thumb,
            "decoded thumb of {input:?}"
        );
    }
}

/// For each EXIF orientation, where the stored top-left (red) and top-right (green) squares must land,
/// and whether width and height swap.
#[test]
fn every_exif_orientation_is_applied() {
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Corner {
        TopLeft,
        TopRight,
        BottomLeft,
        BottomRight,
    }
    use Corner::*;
    let (w, h) = (160, 96);
    for (orientation, red, green, swapped) in [
        (1, TopLeft, TopRight, false),
        (2, TopRight, TopLeft, false),
        (3, BottomRight, BottomLeft, false),
        (4, BottomLeft, BottomRight, false),
        (5, TopLeft, BottomLeft, true),
        (6, TopRight, BottomRight, true),
        (7, BottomRight, TopRight, true),
        (8, BottomLeft, TopLeft, true),
    ] {
        let out = ok(&fixtures::jpeg_with_metadata(w, h, orientation));
        let expected = if swapped { (h, w) } else { (w, h) };
        assert_eq!(
            (out.width, out.height),
            expected,
            "orientation {orientation}"
        );
        let image = decode_rgb(&out.display);
        assert_eq!(image.dimensions(), expected);
        let (iw, ih) = image.dimensions();
        let at = |corner: Corner| {
            let inset = 4;
            match corner {
                TopLeft => pixel(&image, inset, inset),
                TopRight => pixel(&image, iw - 1 - inset, inset),
                BottomLeft => pixel(&image, inset, ih - 1 - inset),
                BottomRight => pixel(&image, iw - 1 - inset, ih - 1 - inset),
            }
        };
        for corner in [TopLeft, TopRight, BottomLeft, BottomRight] {
            let expected = if corner == red {
                RED
            } else if corner == green {
                GREEN
            } else {
                GREY
            };
            assert!(
                near(at(corner), expected),
                "orientation {orientation}: {corner:?} is {:?}",
                at(corner)
            );
        }
        // The thumbnail is upright too.
        let thumb = decode_rgb(&out.thumb);
        assert_eq!(thumb.dimensions(), (out.thumb_width, out.thumb_height));
    }
}

#[test]
fn an_invalid_orientation_value_leaves_the_photo_as_stored() {
    for orientation in [0, 9, 0xFFFF] {
        let out = ok(&fixtures::jpeg_with_metadata(40, 20, orientation));
        assert_eq!(
            (out.width, out.height),
            (40, 20),
            "orientation {orientation}"
        );
        assert!(near(pixel(&decode_rgb(&out.display), 2, 2), RED));
    }
}

#[test]
fn transparency_is_flattened_on_white() {
    for (name, bytes) in [
        ("png", fixtures::png_with_text(64, 64)),
        ("webp", fixtures::webp(64, 64)),
    ] {
        let image = decode_rgb(&ok(&bytes).display);
        assert!(near(pixel(&image, 2, 2), RED), "{name} top-left");
        assert!(near(pixel(&image, 61, 2), GREEN), "{name} top-right");
        assert!(near(pixel(&image, 32, 24), GREY), "{name} opaque middle");
        assert!(
            near(pixel(&image, 32, 60), [255, 255, 255]),
            "{name} transparent bottom"
        );
    }
}

#[test]
fn grey_and_sixteen_bit_images_are_accepted() {
    let mut grey = Vec::new();
    image::DynamicImage::ImageLuma8(image::GrayImage::from_pixel(30, 20, image::Luma([90])))
        .write_to(
            &mut std::io::Cursor::new(&mut grey),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let out = ok(&grey);
    assert!(near(pixel(&decode_rgb(&out.display), 5, 5), [90, 90, 90]));

    let mut deep = Vec::new();
    let rgba16 = image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(
        30,
        20,
        image::Rgba([65535, 0, 0, 32768]),
    );
    image::DynamicImage::ImageRgba16(rgba16)
        .write_to(
            &mut std::io::Cursor::new(&mut deep),
            image::ImageFormat::Png,
        )
        .unwrap();
    let out = ok(&deep);
    // Half-transparent red on white is pink.
    assert!(near(
        pixel(&decode_rgb(&out.display), 5, 5),
        [255, 127, 127]
    ));
}

#[test]
fn too_many_bytes_is_refused_before_anything_else() {
    let limits = Limits {
        max_bytes: 100,
        ..Limits::default()
    };
    // Even bytes that are not an image at all: the size check comes first.
    assert_eq!(
        process(&[b'x'; 101], &limits),
        Err(MediaError::TooManyBytes { max: 100 })
    );
    assert_eq!(process(&[b'x'; 100], &limits), Err(MediaError::NotAnImage));
    let photo = fixtures::jpeg_with_metadata(64, 64, 1);
    let just_enough = Limits {
        max_bytes: photo.len(),
        ..Limits::default()
    };
    assert!(process(&photo, &just_enough).is_ok());
    let one_short = Limits {
        max_bytes: photo.len() - 1,
        ..Limits::default()
    };
    assert_eq!(
        process(&photo, &one_short),
        Err(MediaError::TooManyBytes {
            max: photo.len() - 1
        })
    );
}

#[test]
fn other_types_are_not_images() {
    for (name, bytes) in crate::sniff::OTHER_TYPES {
        assert_eq!(
            process(bytes, &Limits::default()),
            Err(MediaError::NotAnImage),
            "{name}"
        );
    }
}

#[test]
fn pixel_limits_are_checked_on_the_header() {
    let photo = fixtures::jpeg_with_metadata(1200, 1000, 1);
    let limits = Limits {
        max_pixels: 1_000_000,
        ..Limits::default()
    };
    assert_eq!(
        process(&photo, &limits),
        Err(MediaError::TooManyPixels {
            width: 1200,
            height: 1000,
            max: 1_000_000
        })
    );
    let limits = Limits {
        max_pixels: 1_200_000,
        ..Limits::default()
    };
    assert!(process(&photo, &limits).is_ok());
    // A long thin strip has few pixels but too long a side.
    let strip = fixtures::png_with_text(2001, 2);
    let limits = Limits {
        max_side: 2000,
        ..Limits::default()
    };
    assert_eq!(
        process(&strip, &limits),
        Err(MediaError::TooManyPixels {
            width: 2001,
            height: 2,
            max: 40_000_000
        })
    );
    let limits = Limits {
        max_side: 2001,
        ..Limits::default()
    };
    assert!(process(&strip, &limits).is_ok());
}

/// A file that is small on disk but whose header claims an enormous picture. Each body is cut short, so
/// the answer would be `Corrupt` if any pixel were decoded: `TooManyPixels` proves the refusal comes from
/// the header alone.
#[test]
fn decompression_bombs_are_refused_from_the_header() {
    // PNG: take a real PNG and rewrite IHDR's width and height (and its CRC).
    let png = fixtures::png_claiming(100_000, 100_000);
    let expected = MediaError::TooManyPixels {
        width: 100_000,
        height: 100_000,
        max: 40_000_000,
    };
    assert_eq!(process(&png, &Limits::default()), Err(expected));

    // JPEG: rewrite the frame header's height and width to 65,535 × 65,535.
    let mut jpeg = fixtures::jpeg_with_metadata(8, 8, 1);
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame");
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    let expected = MediaError::TooManyPixels {
        width: 65_535,
        height: 65_535,
        max: 40_000_000,
    };
    assert_eq!(process(&jpeg, &Limits::default()), Err(expected));

    // JPEG under the pixel count but over the side limit: 12,001 × 1.
    let mut jpeg = fixtures::jpeg_with_metadata(8, 8, 1);
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0x00, 0x01, 0x2E, 0xE1]);
    let expected = MediaError::TooManyPixels {
        width: 12_001,
        height: 1,
        max: 40_000_000,
    };
    assert_eq!(process(&jpeg, &Limits::default()), Err(expected));

    // WebP: a lossless bitstream whose header claims 16,383 × 16,383, then zeros. (The format allows
    // 16,384, but image-webp 0.2.4 masks that to 0 and calls it corrupt; 16,383 is the largest it reads.)
    let mut vp8l = vec![0x2F, 0xFE, 0xBF, 0xFF, 0x0F];
    vp8l.extend([0; 64]);
    let mut webp = b"RIFF".to_vec();
    webp.extend_from_slice(&(4 + 8 + vp8l.len() as u32 + 1).to_le_bytes());
    webp.extend_from_slice(b"WEBPVP8L");
    webp.extend_from_slice(&(vp8l.len() as u32).to_le_bytes());
    webp.extend(vp8l);
    webp.push(0); // chunks are padded to an even length
    let expected = MediaError::TooManyPixels {
        width: 16_383,
        height: 16_383,
        max: 40_000_000,
    };
    assert_eq!(process(&webp, &Limits::default()), Err(expected));

    // WebP in the extended format: a VP8X canvas of 16,384 × 16,384 over an 8 × 8 bitstream. The decoder
    // either refuses the mismatch while reading the header or reports the canvas; never decodes.
    let mut webp = fixtures::webp(8, 8);
    webp[24..30].copy_from_slice(&[0xFF, 0x3F, 0x00, 0xFF, 0x3F, 0x00]);
    let result = process(&webp, &Limits::default());
    assert!(
        matches!(
            result,
            Err(MediaError::TooManyPixels { .. } | MediaError::Corrupt)
        ),
        "a WebP canvas that disagrees with its bitstream: {result:?}"
    );
}

#[test]
fn cut_off_and_garbled_photos_are_corrupt() {
    for (name, bytes) in [
        ("jpeg", fixtures::jpeg_with_metadata(64, 48, 1)),
        ("png", fixtures::png_with_text(64, 48)),
        ("webp", fixtures::webp(64, 48)),
    ] {
        let half = &bytes[..bytes.len() / 2];
        assert_eq!(
            process(half, &Limits::default()),
            Err(MediaError::Corrupt),
            "{name} cut in half"
        );
        let mut garbled = bytes[..16].to_vec();
        garbled.extend(std::iter::repeat_n(0x5A, 400));
        assert_eq!(
            process(&garbled, &Limits::default()),
            Err(MediaError::Corrupt),
            "{name} garbled"
        );
    }
}

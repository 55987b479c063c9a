//! `sniff` decides by magic bytes, never by name.

use hometime_media::{ImageKind, fixtures, sniff};

#[test]
fn accepts_the_three_formats_by_content() {
    assert_eq!(
        sniff(&fixtures::jpeg_with_metadata(8, 8, 1)),
        Some(ImageKind::Jpeg)
    );
    assert_eq!(sniff(&fixtures::png_with_text(8, 8)), Some(ImageKind::Png));
    assert_eq!(sniff(&fixtures::webp(8, 8)), Some(ImageKind::WebP));
}

/// Starts of real files of other types; none of them is a photo Hometime takes.
pub const OTHER_TYPES: &[(&str, &[u8])] = &[
    ("empty", b""),
    ("gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"),
    ("bmp", b"BM:\x00\x00\x00\x00\x00\x00\x006\x00\x00\x00(\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x01\x00\x18\x00"),
    ("tiff little-endian", b"II*\x00\x08\x00\x00\x00\x00\x00"),
    ("tiff big-endian", b"MM\x00*\x00\x00\x00\x08\x00\x00"),
    ("heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
    ("avif", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"),
    ("svg", b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"),
    ("svg without prolog", b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ("text", b"Dear parents, the trip is on Friday."),
    ("html", b"<!doctype html><img src=x onerror=alert(1)>"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
    ("riff but wave audio", b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00"),
    ("jpeg magic cut short", b"\xff\xd8"),
    ("png magic cut short", b"\x89PNG\r\n"),
    ("riff cut short", b"RIFF\x00\x00\x00\x00WEB"),
];

#[test]
fn refuses_everything_else() {
    for (name, bytes) in OTHER_TYPES {
        assert_eq!(sniff(bytes), None, "{name}");
    }
}

#[test]
fn a_renamed_file_is_judged_by_its_bytes() {
    // A GIF saved as "photo.jpg" is still a GIF: the name never reaches this crate.
    assert_eq!(sniff(OTHER_TYPES[1].1), None);
    // And a PNG called "photo.jpg" is a PNG.
    assert_eq!(sniff(&fixtures::png_with_text(4, 4)), Some(ImageKind::Png));
}

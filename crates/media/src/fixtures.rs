//! Test images that carry the metadata Hometime must strip, built by hand, and a scanner that names the
//! metadata in any JPEG, PNG or WebP. For this crate's tests and the server's integration tests (the
//! `fixtures` feature); nothing here runs in production.
//!
//! Every fixture has the same picture so tests can check where things land after orientation: a mid-grey
//! background, a red square in the stored top-left corner and a green square in the stored top-right
//! corner (each a quarter of the shorter side). PNG and WebP fixtures are transparent in the bottom half,
//! which must come out white.

use std::io::Cursor;

use image::{ExtendedColorType, ImageEncoder, Rgba, RgbaImage};

use crate::jpeg::{self, Segment};

/// The red of the stored top-left square.
pub const RED: [u8; 3] = [220, 30, 30];
/// The green of the stored top-right square.
pub const GREEN: [u8; 3] = [30, 200, 60];
/// The background.
pub const GREY: [u8; 3] = [128, 128, 128];

/// The camera make written into every fixture's EXIF.
pub const CAMERA_MAKE: &str = "Hometime Test Camera Co";
/// The comment written into the JPEG fixture's COM segment and the PNG fixture's tEXt chunk.
pub const COMMENT: &str = "Sports day, Example Primary, Year 2";

/// The fixture picture: grey, red top-left square, green top-right square; `transparent_bottom` clears
/// the bottom half.
pub fn picture(width: u32, height: u32, transparent_bottom: bool) -> RgbaImage {
    let square = (width.min(height) / 4).max(1);
    RgbaImage::from_fn(width, height, |x, y| {
        let [r, g, b] = if y < square && x < square {
            RED
        } else if y < square && x >= width - square {
            GREEN
        } else {
            GREY
        };
        let alpha = if transparent_bottom && y >= height / 2 && y >= square {
            0
        } else {
            255
        };
        Rgba([r, g, b, alpha])
    })
}

/// A JPEG as a phone writes it: an APP1 Exif segment (Make, Model, DateTime, Orientation and a GPS IFD
/// with latitude and longitude), an APP1 XMP packet and a COM comment, then the picture.
///
/// Panics if a side is 0 or over 65,535 (a JPEG cannot hold it).
pub fn jpeg_with_metadata(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(picture(width, height, false)).into_rgb8();
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 92)
        .encode_image(&rgb)
        .expect("fixture sides fit a JPEG");

    let mut out = vec![0xFF, 0xD8];
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff(Endian::Little, orientation));
    push_segment(&mut out, 0xE1, &exif);
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(XMP.as_bytes());
    push_segment(&mut out, 0xE1, &xmp);
    push_segment(&mut out, 0xFE, COMMENT.as_bytes());
    // Everything the encoder wrote after SOI except its JFIF header: cameras write Exif instead.
    let (segments, _) = jpeg::segments(&plain);
    let first_kept = segments
        .iter()
        .find(|s| s.marker != 0xE0)
        .expect("encoder output has segments");
    let start = offset_of(&plain, first_kept) - 4;
    out.extend_from_slice(&plain[start..]);
    out
}

/// A PNG whose bottom half is transparent, with a tEXt comment and an eXIf chunk (camera and GPS).
///
/// Panics if a side is 0.
pub fn png_with_text(width: u32, height: u32) -> Vec<u8> {
    let picture = picture(width, height, true);
    let mut plain = Vec::new();
    image::codecs::png::PngEncoder::new(&mut plain)
        .write_image(picture.as_raw(), width, height, ExtendedColorType::Rgba8)
        .expect("fixture sides fit a PNG");

    // Signature and IHDR (8 + 4 + 4 + 13 + 4 bytes) come first; ancillary chunks go after IHDR.
    let after_ihdr = 8 + 25;
    let mut out = plain[..after_ihdr].to_vec();
    let mut text = b"Comment\0".to_vec();
    text.extend_from_slice(COMMENT.as_bytes());
    push_png_chunk(&mut out, b"tEXt", &text);
    push_png_chunk(&mut out, b"eXIf", &tiff(Endian::Big, 1));
    out.extend_from_slice(&plain[after_ihdr..]);
    out
}

/// A real PNG (see [`png_with_text`]) whose header claims `width` × `height` pixels, with IHDR's CRC
/// rewritten to match: what a decompression bomb looks like before any pixel is decoded. Its body is
/// still the small picture's, so decoding any pixel would fail as corrupt.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = png_with_text(8, 8);
    // IHDR's data (width, height, ...) starts after the signature (8), length (4) and name (4).
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

/// A lossless WebP in the extended format whose bottom half is transparent, with EXIF (camera and GPS)
/// and XMP chunks.
///
/// Panics if a side is 0 or over 16,384.
pub fn webp(width: u32, height: u32) -> Vec<u8> {
    let picture = picture(width, height, true);
    let mut simple = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut simple)
        .encode(picture.as_raw(), width, height, ExtendedColorType::Rgba8)
        .expect("fixture sides fit a WebP");
    let vp8l = webp_chunks(&simple)
        .into_iter()
        .find(|(name, _)| name == b"VP8L")
        .map(|(_, data)| data.to_vec())
        .expect("the lossless encoder writes a VP8L chunk");

    let mut vp8x = vec![0x10 | 0x08 | 0x04, 0, 0, 0]; // alpha, EXIF, XMP
    vp8x.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    vp8x.extend_from_slice(&(height - 1).to_le_bytes()[..3]);

    let mut body = b"WEBP".to_vec();
    push_riff_chunk(&mut body, b"VP8X", &vp8x);
    push_riff_chunk(&mut body, b"VP8L", &vp8l);
    push_riff_chunk(&mut body, b"EXIF", &tiff(Endian::Big, 1));
    push_riff_chunk(&mut body, b"XMP ", XMP.as_bytes());
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

/// The kinds of metadata found in a JPEG's segments, a PNG's chunks or a WebP's chunks, each named once
/// in a fixed order: "exif", "gps", "xmp", "comment", "icc", "text", "iptc", and "app" for any other
/// application segment (maker notes, JFIF thumbnails). A JFIF header is not metadata.
pub fn metadata_markers(bytes: &[u8]) -> Vec<&'static str> {
    let mut found = Vec::new();
    match crate::sniff(bytes) {
        Some(crate::ImageKind::Jpeg) => {
            for Segment { marker, payload } in jpeg::segments(bytes).0 {
                match marker {
                    0xE0 if payload.starts_with(b"JFIF\0") => {}
                    0xE1 if payload.starts_with(b"Exif\0\0") => {
                        exif_markers(&payload[6..], &mut found)
                    }
                    0xE1 if payload.starts_with(b"http://ns.adobe.com/") => found.push("xmp"),
                    0xE2 if payload.starts_with(b"ICC_PROFILE\0") => found.push("icc"),
                    0xED => found.push("iptc"),
                    0xFE => found.push("comment"),
                    0xE0..=0xEF => found.push("app"),
                    _ => {}
                }
            }
        }
        Some(crate::ImageKind::Png) => {
            for (name, data) in png_chunks(bytes) {
                match &name {
                    b"tEXt" | b"zTXt" | b"iTXt" => {
                        found.push("text");
                        if data.starts_with(b"XML:com.adobe.xmp\0") {
                            found.push("xmp");
                        }
                    }
                    b"eXIf" => exif_markers(data, &mut found),
                    b"iCCP" => found.push("icc"),
                    _ => {}
                }
            }
        }
        Some(crate::ImageKind::WebP) => {
            for (name, data) in webp_chunks(bytes) {
                match &name {
                    b"EXIF" => exif_markers(data, &mut found),
                    b"XMP " => found.push("xmp"),
                    b"ICCP" => found.push("icc"),
                    _ => {}
                }
            }
        }
        None => {}
    }
    const ORDER: [&str; 8] = [
        "exif", "gps", "xmp", "comment", "icc", "text", "iptc", "app",
    ];
    ORDER
        .into_iter()
        .filter(|name| found.contains(name))
        .collect()
}

const XMP: &str = concat!(
    r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>"#,
    r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">"#,
    r#"<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Test Teacher"/>"#,
    r#"</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
);

#[derive(Clone, Copy)]
enum Endian {
    Little,
    Big,
}

/// A TIFF structure as found in an Exif block: IFD0 with Make, Model, Orientation, DateTime and a
/// pointer to a GPS IFD that holds latitude and longitude (51°30'26" N, 0°7'39" W).
fn tiff(endian: Endian, orientation: u16) -> Vec<u8> {
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    const BYTE: u16 = 1;

    let u16b = |v: u16| match endian {
        Endian::Little => v.to_le_bytes(),
        Endian::Big => v.to_be_bytes(),
    };
    let u32b = |v: u32| match endian {
        Endian::Little => v.to_le_bytes(),
        Endian::Big => v.to_be_bytes(),
    };
    let rationals = |values: [(u32, u32); 3]| -> Vec<u8> {
        values
            .iter()
            .flat_map(|&(n, d)| u32b(n).into_iter().chain(u32b(d)))
            .collect()
    };
    let ascii = |text: &str| -> Vec<u8> { text.bytes().chain([0]).collect() };

    // (tag, type, count, value bytes); values over four bytes go in a data area after the IFD.
    let ifd0: Vec<(u16, u16, u32, Vec<u8>)> = vec![
        (0x010F, ASCII, 0, ascii(CAMERA_MAKE)),
        (0x0110, ASCII, 0, ascii("Model T-1000")),
        (0x0112, SHORT, 1, u16b(orientation).to_vec()),
        (0x0132, ASCII, 0, ascii("2026:03:14 10:15:00")),
        (0x8825, LONG, 1, Vec::new()), // the GPS IFD's offset, filled in below
    ];
    let gps: Vec<(u16, u16, u32, Vec<u8>)> = vec![
        (0x0000, BYTE, 4, vec![2, 3, 0, 0]),
        (0x0001, ASCII, 0, ascii("N")),
        (
            0x0002,
            RATIONAL,
            3,
            rationals([(51, 1), (30, 1), (2600, 100)]),
        ),
        (0x0003, ASCII, 0, ascii("W")),
        (
            0x0004,
            RATIONAL,
            3,
            rationals([(0, 1), (7, 1), (3900, 100)]),
        ),
    ];

    let ifd_len = |entries: usize| 2 + 12 * entries + 4;
    let data_len = |entries: &[(u16, u16, u32, Vec<u8>)]| -> usize {
        entries
            .iter()
            .map(|e| {
                if e.3.len() > 4 {
                    e.3.len().next_multiple_of(2)
                } else {
                    0
                }
            })
            .sum()
    };
    let ifd0_at = 8;
    let ifd0_data_at = ifd0_at + ifd_len(ifd0.len());
    let gps_at = ifd0_data_at + data_len(&ifd0);
    let gps_data_at = gps_at + ifd_len(gps.len());

    let mut out = match endian {
        Endian::Little => b"II\x2A\x00".to_vec(),
        Endian::Big => b"MM\x00\x2A".to_vec(),
    };
    out.extend_from_slice(&u32b(ifd0_at as u32));
    let write_ifd = |out: &mut Vec<u8>, entries: Vec<(u16, u16, u32, Vec<u8>)>, data_at: usize| {
        let mut data = Vec::new();
        out.extend_from_slice(&u16b(entries.len() as u16));
        for (tag, kind, count, mut value) in entries {
            if tag == 0x8825 {
                value = u32b(gps_at as u32).to_vec();
            }
            let count = if kind == ASCII {
                value.len() as u32
            } else {
                count
            };
            out.extend_from_slice(&u16b(tag));
            out.extend_from_slice(&u16b(kind));
            out.extend_from_slice(&u32b(count));
            if value.len() <= 4 {
                value.resize(4, 0);
                out.extend_from_slice(&value);
            } else {
                out.extend_from_slice(&u32b((data_at + data.len()) as u32));
                data.extend_from_slice(&value);
                if data.len() % 2 == 1 {
                    data.push(0);
                }
            }
        }
        out.extend_from_slice(&u32b(0)); // no next IFD
        out.extend(data);
    };
    write_ifd(&mut out, ifd0, ifd0_data_at);
    debug_assert_eq!(out.len(), gps_at);
    write_ifd(&mut out, gps, gps_data_at);
    out
}

/// Adds "exif" for any Exif block, and "gps" when its IFD0 points to a GPS IFD.
fn exif_markers(block: &[u8], found: &mut Vec<&'static str>) {
    found.push("exif");
    let tiff = block.strip_prefix(b"Exif\0\0").unwrap_or(block);
    let read16 = |at: usize, big: bool| {
        tiff.get(at..at + 2).map(|b| {
            if big {
                u16::from_be_bytes([b[0], b[1]])
            } else {
                u16::from_le_bytes([b[0], b[1]])
            }
        })
    };
    let read32 = |at: usize, big: bool| {
        tiff.get(at..at + 4).map(|b| {
            let b = [b[0], b[1], b[2], b[3]];
            if big {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        })
    };
    let big = match tiff.get(0..2) {
        Some(b"MM") => true,
        Some(b"II") => false,
        _ => return,
    };
    let Some(ifd) = read32(4, big).map(|v| v as usize) else {
        return;
    };
    let Some(count) = read16(ifd, big) else {
        return;
    };
    for index in 0..usize::from(count) {
        if read16(ifd + 2 + 12 * index, big) == Some(0x8825) {
            found.push("gps");
        }
    }
}

fn push_segment(out: &mut Vec<u8>, marker: u8, payload: &[u8]) {
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
}

/// The offset of a segment's payload within `bytes` (the segment borrows from it).
fn offset_of(bytes: &[u8], segment: &Segment<'_>) -> usize {
    segment.payload.as_ptr() as usize - bytes.as_ptr() as usize
}

fn push_png_chunk(out: &mut Vec<u8>, name: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(name);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn png_chunks(bytes: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let mut chunks = Vec::new();
    let mut at = 8;
    while let Some(header) = bytes.get(at..at + 8) {
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let name = [header[4], header[5], header[6], header[7]];
        let Some(data) = bytes.get(at + 8..).and_then(|rest| rest.get(..length)) else {
            break;
        };
        chunks.push((name, data));
        at += 12 + length;
    }
    chunks
}

fn push_riff_chunk(out: &mut Vec<u8>, name: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

fn webp_chunks(bytes: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let mut chunks = Vec::new();
    let mut at = 12;
    while let Some(header) = bytes.get(at..at + 8) {
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let name = [header[0], header[1], header[2], header[3]];
        let Some(data) = bytes.get(at + 8..).and_then(|rest| rest.get(..length)) else {
            break;
        };
        chunks.push((name, data));
        at += 8 + length + length % 2;
    }
    chunks
}

/// CRC-32 (ISO-HDLC) as PNG chunks use it, bit by bit: fixtures are small.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Decodes any JPEG, PNG or WebP to RGB for assertions (no limits: fixtures and outputs are small).
pub fn decode_rgb(bytes: &[u8]) -> image::RgbImage {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .expect("reading from memory")
        .decode()
        .expect("a decodable image")
        .into_rgb8()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_png_specification() {
        // The CRC of the IEND chunk's name, as every PNG ends with it.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }
}

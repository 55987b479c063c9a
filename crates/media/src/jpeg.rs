//! A bounds-checked walk over a JPEG's marker segments: enough to tell a whole file from a cut-off one,
//! and (for the fixtures) to find the segments that carry metadata.

/// One marker segment: the marker byte (the `xx` of `FF xx`) and its payload without the length field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment<'a> {
    pub marker: u8,
    pub payload: &'a [u8],
}

pub(crate) const SOS: u8 = 0xDA;
pub(crate) const EOI: u8 = 0xD9;

/// The segments of `bytes` in order, from the one after SOI up to and including EOI, and whether EOI was
/// reached. Entropy-coded data after each SOS is skipped. Stops at the first thing that is not a
/// well-formed segment.
pub(crate) fn segments(bytes: &[u8]) -> (Vec<Segment<'_>>, bool) {
    let mut found = Vec::new();
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return (found, false);
    }
    let mut at = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        if bytes.get(at) != Some(&0xFF) {
            return (found, false);
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&marker) = bytes.get(at) else {
            return (found, false);
        };
        at += 1;
        match marker {
            EOI => {
                found.push(Segment {
                    marker,
                    payload: &[],
                });
                return (found, true);
            }
            // Standalone markers without a length.
            0x01 | 0xD0..=0xD7 => found.push(Segment {
                marker,
                payload: &[],
            }),
            // A zero after 0xFF is stuffing, never a marker; here it means garbage.
            0x00 => return (found, false),
            _ => {
                let Some(length) = bytes
                    .get(at..at + 2)
                    .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
                else {
                    return (found, false);
                };
                let Some(payload) = length
                    .checked_sub(2)
                    .and_then(|n| bytes.get(at + 2..at + 2 + n))
                else {
                    return (found, false);
                };
                found.push(Segment { marker, payload });
                at += length;
                if marker == SOS {
                    match skip_entropy_coded(bytes, at) {
                        Some(next) => at = next,
                        None => return (found, false),
                    }
                }
            }
        }
    }
}

/// The offset of the first marker after entropy-coded data starting at `at`, skipping stuffed zeros and
/// restart markers; `None` if the data runs out first.
fn skip_entropy_coded(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let offset = bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
        at += offset;
        // Skip fill bytes to the marker byte itself.
        let mut next = at + 1;
        while bytes.get(next) == Some(&0xFF) {
            next += 1;
        }
        match *bytes.get(next)? {
            0x00 | 0xD0..=0xD7 => at = next + 1,
            _ => return Some(at),
        }
    }
}

/// Whether `bytes` is a JPEG whose segments run, well formed, all the way to the end-of-image marker.
pub(crate) fn is_complete(bytes: &[u8]) -> bool {
    segments(bytes).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_jpeg() -> Vec<u8> {
        let image = image::RgbImage::from_pixel(16, 16, image::Rgb([200, 40, 40]));
        crate::encode_jpeg(&image, 80).unwrap()
    }

    #[test]
    fn a_whole_jpeg_reaches_its_end_and_every_cut_does_not() {
        let bytes = tiny_jpeg();
        let (found, complete) = segments(&bytes);
        assert!(complete);
        assert_eq!(
            found.first().map(|s| s.marker),
            Some(0xE0),
            "JFIF header first"
        );
        assert!(found.iter().any(|s| s.marker == SOS));
        for cut in 0..bytes.len() {
            assert!(
                !is_complete(&bytes[..cut]),
                "cut at {cut} of {}",
                bytes.len()
            );
        }
    }

    #[test]
    fn garbage_is_not_a_jpeg() {
        for bytes in [
            &b""[..],
            b"\xFF\xD8",
            b"\xFF\xD8\xFF",
            b"\xFF\xD8\xFF\xE0\x00",
            b"\xFF\xD8\x00\x00",
            b"GIF89a",
        ] {
            assert!(!is_complete(bytes), "{bytes:?}");
        }
    }
}

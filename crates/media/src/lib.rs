//! Hometime's photo pipeline: check an upload by content, refuse bombs, orient it, strip its metadata by
//! re-encoding it from pixels, and mark the copy each viewer sees.
//!
//! The crate is pure: no I/O, no async, no clock. The server calls [`process`] and [`watermark`] inside
//! `spawn_blocking`, because decoding a 12-megapixel photo takes tens of milliseconds of CPU.
//!
//! Every decision is made from the bytes, never from a file name or a declared type:
//!
//! 1. more than [`Limits::max_bytes`] is refused before anything is read;
//! 2. the magic bytes must say JPEG, PNG or WebP ([`sniff`]);
//! 3. the header's width and height are checked against [`Limits::max_pixels`] and [`Limits::max_side`]
//!    before a single pixel is decoded, so a small file that claims to be huge costs nothing;
//! 4. the decoder runs with `image::Limits` as a second guard;
//! 5. the EXIF orientation is applied, transparency is flattened on white, and the pixels are encoded
//!    again as baseline JPEG. Nothing from the original file but its pixels survives: no EXIF, GPS, XMP,
//!    ICC profile, comment or text chunk.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, RgbImage, RgbaImage,
};

mod font;
mod jpeg;
mod watermark;

#[cfg(feature = "fixtures")]
pub mod fixtures;

pub use watermark::watermark;

/// The longest side of the display copy, in pixels: sharp on a tablet, small enough for a phone's data.
pub const DISPLAY_MAX_SIDE: u32 = 1600;
/// The longest side of the thumbnail, in pixels: a feed tile at twice its CSS size.
pub const THUMB_MAX_SIDE: u32 = 480;
/// JPEG quality of the display copy.
pub const DISPLAY_QUALITY: u8 = 82;
/// JPEG quality of the thumbnail.
pub const THUMB_QUALITY: u8 = 75;

/// What an upload may cost. The defaults match `hometime_api::MAX_PHOTO_BYTES` and `MAX_PHOTO_PIXELS`
/// (this crate does not depend on the wire types, so the numbers are repeated here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_bytes: usize,
    /// The most pixels (width × height) a header may announce.
    pub max_pixels: u64,
    /// The longest side a header may announce, in pixels.
    pub max_side: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 15 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_side: 12_000,
        }
    }
}

/// The image formats Hometime accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Jpeg,
    Png,
    WebP,
}

impl ImageKind {
    /// The media type of this format.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::WebP => "image/webp",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::WebP => ImageFormat::WebP,
        }
    }
}

/// The format of `bytes`, by their magic bytes alone. Anything but JPEG, PNG and WebP is `None`: GIF,
/// BMP, TIFF, HEIC, SVG, PDF, text, and any of those renamed to `.jpg`.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(PNG) {
        Some(ImageKind::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::WebP)
    } else {
        None
    }
}

/// A photo ready to store: a display copy and a thumbnail, both baseline JPEG without metadata, both
/// upright.
#[derive(Clone, PartialEq, Eq)]
pub struct Processed {
    pub display: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb: Vec<u8>,
    pub thumb_width: u32,
    pub thumb_height: u32,
}

impl std::fmt::Debug for Processed {
    // The bytes are a photo of children: a debug print shows only sizes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Processed")
            .field("display_bytes", &self.display.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("thumb_bytes", &self.thumb.len())
            .field("thumb_width", &self.thumb_width)
            .field("thumb_height", &self.thumb_height)
            .finish()
    }
}

/// Why a photo was refused. `Display` gives words a parent or teacher understands; the server maps each
/// variant to a 4xx error code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    #[error("This file isn't a photo Hometime can use. Please choose a JPEG, PNG or WebP picture.")]
    NotAnImage,
    #[error(
        "This photo seems to be damaged or incomplete, so Hometime can't open it. Please save it again or choose another."
    )]
    Corrupt,
    #[error("This photo is too large. Please choose one smaller than {}.", megabytes(*max))]
    TooManyBytes { max: usize },
    #[error(
        "This picture is too big for Hometime ({width} × {height} pixels). Please choose a smaller picture, at most {} megapixels and not extremely long or tall.",
        megapixels(*max)
    )]
    TooManyPixels { width: u32, height: u32, max: u64 },
}

fn megabytes(bytes: usize) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 1.0 {
        format!("{} MB", trim(mib))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn megapixels(pixels: u64) -> String {
    trim(pixels as f64 / 1_000_000.0)
}

fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

/// Check, orient, strip and shrink an upload. See the crate documentation for the order of the checks.
///
/// Never panics: a decoder panic (a bug in a dependency) is caught and reported as [`MediaError::Corrupt`].
pub fn process(bytes: &[u8], limits: &Limits) -> Result<Processed, MediaError> {
    if bytes.len() > limits.max_bytes {
        return Err(MediaError::TooManyBytes {
            max: limits.max_bytes,
        });
    }
    let kind = sniff(bytes).ok_or(MediaError::NotAnImage)?;
    catch_unwind(AssertUnwindSafe(|| process_kind(bytes, kind, limits)))
        .unwrap_or(Err(MediaError::Corrupt))
}

fn process_kind(bytes: &[u8], kind: ImageKind, limits: &Limits) -> Result<Processed, MediaError> {
    let (image, orientation) = decode(bytes, kind, limits)?;
    // Scaling first and turning the small copy is the same picture (the long side does not depend on
    // the turn) and spares a copy of the full-size pixels for every portrait phone photo.
    let mut display = DynamicImage::ImageRgb8(shrink(image, DISPLAY_MAX_SIDE));
    display.apply_orientation(orientation);
    let display = display.into_rgb8();
    let thumb = shrink_rgb(&display, THUMB_MAX_SIDE);
    Ok(Processed {
        width: display.width(),
        height: display.height(),
        display: encode_jpeg(&display, DISPLAY_QUALITY)?,
        thumb_width: thumb.width(),
        thumb_height: thumb.height(),
        thumb: encode_jpeg(&thumb, THUMB_QUALITY)?,
    })
}

/// Decode `bytes` (already sniffed as `kind`) into pixels as stored, with the orientation that makes
/// them upright, checking the header's dimensions
/// before any pixel is decoded.
pub(crate) fn decode(
    bytes: &[u8],
    kind: ImageKind,
    limits: &Limits,
) -> Result<(DynamicImage, Orientation), MediaError> {
    // zune-jpeg (through `image`) is lenient and fills a cut-off scan with grey; a JPEG must reach its
    // end-of-image marker to count as whole.
    // The PNG and WebP decoders stop reading after the image data, so a file cut in a trailing chunk
    // would pass too: each format must be whole by its own framing.
    let complete = match kind {
        ImageKind::Jpeg => jpeg::is_complete(bytes),
        ImageKind::Png => png_is_complete(bytes),
        ImageKind::WebP => webp_is_complete(bytes),
    };
    if !complete {
        return Err(MediaError::Corrupt);
    }
    // The worst case that passes the pixel check is 16-bit RGBA: 8 bytes a pixel, plus room for the
    // decoder's own buffers (PNG's inflate window and chunk data, JPEG's coefficients).
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_alloc = Some(limits.max_pixels.saturating_mul(8).saturating_add(64 << 20));

    // Width and height limits are left off while the decoder is made, so the header is read and the
    // refusal can name the dimensions; they are set before decoding.
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.limits(decoder_limits.clone());
    let mut decoder = reader.into_decoder().map_err(header_error)?;

    let (width, height) = decoder.dimensions();
    let too_many = MediaError::TooManyPixels {
        width,
        height,
        max: limits.max_pixels,
    };
    if u64::from(width) * u64::from(height) > limits.max_pixels
        || width > limits.max_side
        || height > limits.max_side
    {
        return Err(too_many);
    }
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt);
    }

    decoder_limits.max_image_width = Some(limits.max_side);
    decoder_limits.max_image_height = Some(limits.max_side);
    // `DynamicImage::from_decoder` allocates the output without consulting the limits, so reserve it here.
    decoder_limits
        .reserve(decoder.total_bytes())
        .map_err(|_| too_many.clone())?;
    decoder
        .set_limits(decoder_limits)
        .map_err(|_| too_many.clone())?;

    // A broken or missing EXIF block is not a reason to refuse a photo: it just stays as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|error| match error {
        ImageError::Limits(_) => too_many,
        other => pixel_error(other),
    })?;
    Ok((image, orientation))
}

/// Whether a PNG's chunks, walked by their lengths, reach a whole IEND chunk.
fn png_is_complete(bytes: &[u8]) -> bool {
    let mut at: usize = 8;
    while let Some(header) = bytes.get(at..at.saturating_add(8)) {
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let Some(end) = at.checked_add(12).and_then(|n| n.checked_add(length)) else {
            return false;
        };
        if end > bytes.len() {
            return false;
        }
        if &header[4..8] == b"IEND" {
            return true;
        }
        at = end;
    }
    false
}

/// Whether a WebP holds all the bytes its RIFF header announces.
fn webp_is_complete(bytes: &[u8]) -> bool {
    bytes.get(4..8).is_some_and(|size| {
        let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
        size.checked_add(8)
            .is_some_and(|whole| whole <= bytes.len())
    })
}

/// An error while reading the header: the magic bytes matched, so the rest is damaged (or a variant of
/// the format that the decoder does not support).
fn header_error(error: ImageError) -> MediaError {
    match error {
        ImageError::Unsupported(_) => MediaError::NotAnImage,
        _ => MediaError::Corrupt,
    }
}

fn pixel_error(error: ImageError) -> MediaError {
    match error {
        ImageError::Unsupported(_) => MediaError::NotAnImage,
        _ => MediaError::Corrupt,
    }
}

/// Flatten transparency on white and scale so the longest side is at most `max_side` (never up).
fn shrink(image: DynamicImage, max_side: u32) -> RgbImage {
    let rgb = if image.color().has_alpha() {
        flatten_on_white(&image.into_rgba8())
    } else {
        image.into_rgb8()
    };
    shrink_rgb_owned(rgb, max_side)
}

fn shrink_rgb(image: &RgbImage, max_side: u32) -> RgbImage {
    let (width, height) = fit(image.width(), image.height(), max_side);
    if (width, height) == image.dimensions() {
        return image.clone();
    }
    image::imageops::resize(image, width, height, FilterType::Triangle)
}

fn shrink_rgb_owned(image: RgbImage, max_side: u32) -> RgbImage {
    let (width, height) = fit(image.width(), image.height(), max_side);
    if (width, height) == image.dimensions() {
        return image;
    }
    image::imageops::resize(&image, width, height, FilterType::Triangle)
}

/// The size that fits `width × height` within `max_side` on the long side, keeping the aspect ratio and
/// at least one pixel on each side.
pub(crate) fn fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(max_side).clamp(1, max_side)
    };
    (scale(width), scale(height))
}

fn flatten_on_white(image: &RgbaImage) -> RgbImage {
    let mut out = RgbImage::new(image.width(), image.height());
    for (dst, src) in out.pixels_mut().zip(image.pixels()) {
        let alpha = u32::from(src.0[3]);
        for channel in 0..3 {
            let value = u32::from(src.0[channel]) * alpha + 255 * (255 - alpha);
            dst.0[channel] = ((value + 127) / 255) as u8;
        }
    }
    out
}

/// Encode as baseline JPEG. `image`'s encoder writes a JFIF header and nothing else unless an ICC
/// profile or EXIF block is handed to it, and this crate never does.
pub(crate) fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 8);
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(|_| MediaError::Corrupt)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_the_aspect_ratio_and_never_grows() {
        for (input, max, expected) in [
            ((4032, 3024), 1600, (1600, 1200)),
            ((3024, 4032), 1600, (1200, 1600)),
            ((800, 600), 1600, (800, 600)),
            ((1600, 1600), 1600, (1600, 1600)),
            ((12_000, 1), 480, (480, 1)),
            ((1, 12_000), 480, (1, 480)),
        ] {
            assert_eq!(fit(input.0, input.1, max), expected, "{input:?} into {max}");
        }
    }

    #[test]
    fn error_messages_speak_plainly() {
        assert_eq!(
            MediaError::TooManyBytes {
                max: 15 * 1024 * 1024
            }
            .to_string(),
            "This photo is too large. Please choose one smaller than 15 MB."
        );
        let pixels = MediaError::TooManyPixels {
            width: 20_000,
            height: 20_000,
            max: 40_000_000,
        }
        .to_string();
        assert!(pixels.contains("20000 × 20000 pixels"), "{pixels}");
        assert!(pixels.contains("at most 40 megapixels"), "{pixels}");
        assert!(
            MediaError::NotAnImage
                .to_string()
                .contains("JPEG, PNG or WebP")
        );
    }
}

//! The per-viewer watermark: the viewer's label, tiled diagonally over the whole photo, faint enough not
//! to spoil it and visible enough that a screenshot shared elsewhere says whose copy it was.
//!
//! Each letter is light (white at 13 %) with a thin dark edge (black at 12 %), so the mark shows on a
//! snowy playground and a dark hall alike. The text is rendered from a 5 × 7 bitmap font into a small
//! coverage mask once, then every pixel of the photo samples that mask (bilinear, so the scaled and
//! rotated letters stay smooth) through a rotation and a staggered tiling.

use image::RgbImage;

use crate::font;
use crate::{ImageKind, Limits, MediaError, decode, encode_jpeg, sniff};

/// Opacity of the light letters.
const LIGHT: f32 = 0.13;
/// Opacity of the dark edge around them.
const EDGE: f32 = 0.12;
/// The angle of the text, rising to the right.
const ANGLE_DEGREES: f32 = 30.0;
/// The most characters of a label that are drawn; a longer one is cut (the mark repeats anyway).
const MAX_LABEL: usize = 40;
/// JPEG quality of the marked copy: a little above the display copy's, as it is a second generation.
const QUALITY: u8 = 85;

/// Mark a JPEG (normally a display copy from [`crate::process`]) with `label`, repeated diagonally over
/// the whole picture. Returns a JPEG of the same dimensions as displayed, without metadata (a JPEG with an
/// EXIF orientation, which a display copy never has, is turned upright first).
///
/// The label is folded to the built-in font (capitals, digits, a little punctuation); an empty label
/// draws "HOMETIME". The same photo and label always give the same bytes.
pub fn watermark(jpeg: &[u8], label: &str) -> Result<Vec<u8>, MediaError> {
    if sniff(jpeg) != Some(ImageKind::Jpeg) {
        return Err(MediaError::NotAnImage);
    }
    let limits = Limits::default();
    if jpeg.len() > limits.max_bytes {
        return Err(MediaError::TooManyBytes {
            max: limits.max_bytes,
        });
    }
    std::panic::catch_unwind(|| {
        // A display copy has no orientation to apply; any other JPEG is marked as a viewer would see it.
        let (mut image, orientation) = decode(jpeg, ImageKind::Jpeg, &limits)?;
        image.apply_orientation(orientation);
        let mut image = image.into_rgb8();
        let mut text: String = font::fold(label).chars().take(MAX_LABEL).collect();
        if text.trim().is_empty() {
            text = "HOMETIME".to_owned();
        }
        stamp(&mut image, &Mask::new(&text));
        encode_jpeg(&image, QUALITY)
    })
    .unwrap_or(Err(MediaError::Corrupt))
}

/// Coverage of the rendered label at font resolution, with a one-pixel margin for the edge.
struct Mask {
    width: usize,
    height: usize,
    light: Vec<f32>,
    edge: Vec<f32>,
}

impl Mask {
    fn new(text: &str) -> Self {
        let columns = text.chars().count() * (font::WIDTH + 1) - 1;
        let (width, height) = (columns + 2, font::HEIGHT + 2);
        let mut ink = vec![false; width * height];
        for (index, c) in text.chars().enumerate() {
            let Some(rows) = font::glyph(c) else { continue };
            for (row, bits) in rows.iter().enumerate() {
                for column in 0..font::WIDTH {
                    if bits & (1 << (font::WIDTH - 1 - column)) != 0 {
                        ink[(row + 1) * width + 1 + index * (font::WIDTH + 1) + column] = true;
                    }
                }
            }
        }
        // The edge is every pixel next to ink (eight neighbours) that is not ink itself.
        let mut edge = vec![0.0; width * height];
        for y in 0..height {
            for x in 0..width {
                if ink[y * width + x] {
                    continue;
                }
                let near_ink = (y.saturating_sub(1)..=(y + 1).min(height - 1)).any(|ny| {
                    (x.saturating_sub(1)..=(x + 1).min(width - 1)).any(|nx| ink[ny * width + nx])
                });
                if near_ink {
                    edge[y * width + x] = 1.0;
                }
            }
        }
        let light = ink.iter().map(|&on| if on { 1.0 } else { 0.0 }).collect();
        Self {
            width,
            height,
            light,
            edge,
        }
    }

    /// Bilinear sample of both layers at a point in mask pixels (pixel centres at half-integers).
    fn sample(&self, x: f32, y: f32) -> (f32, f32) {
        let (x, y) = (x - 0.5, y - 0.5);
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let mut light = 0.0;
        let mut edge = 0.0;
        for (dy, wy) in [(0, 1.0 - fy), (1, fy)] {
            for (dx, wx) in [(0, 1.0 - fx), (1, fx)] {
                let (px, py) = (x0 as i64 + dx, y0 as i64 + dy);
                if px < 0 || py < 0 || px >= self.width as i64 || py >= self.height as i64 {
                    continue;
                }
                let at = py as usize * self.width + px as usize;
                light += self.light[at] * wx * wy;
                edge += self.edge[at] * wx * wy;
            }
        }
        (light, edge)
    }
}

/// Draw `mask` over `image`, rotated and tiled on a staggered grid.
fn stamp(image: &mut RgbImage, mask: &Mask) {
    let (width, height) = image.dimensions();
    // One font pixel is about 1/250 of the shorter side: letters about 3 % of it tall.
    let scale = (width.min(height) as f32 / 250.0).max(1.0);
    let text_width = mask.width as f32 * scale;
    let text_height = mask.height as f32 * scale;
    let pitch_x = text_width * 1.6;
    let pitch_y = text_height * 4.0;
    let (sin, cos) = ANGLE_DEGREES.to_radians().sin_cos();

    for (x, y, pixel) in image.enumerate_pixels_mut() {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        // Coordinates along the text (u) and across it (v); text rises to the right.
        let u = fx * cos - fy * sin;
        let v = fx * sin + fy * cos;
        let row = (v / pitch_y).floor();
        let across = v - row * pitch_y;
        if across >= text_height {
            continue;
        }
        // Each row is shifted by half a tile so the marks sit on a staggered grid.
        let along = (u + row * pitch_x * 0.5).rem_euclid(pitch_x);
        if along >= text_width {
            continue;
        }
        let (light, edge) = mask.sample(along / scale, across / scale);
        if light <= 0.0 && edge <= 0.0 {
            continue;
        }
        for channel in &mut pixel.0 {
            let value = f32::from(*channel);
            let lifted = value + (255.0 - value) * LIGHT * light;
            *channel = (lifted * (1.0 - EDGE * edge)).round().clamp(0.0, 255.0) as u8;
        }
    }
}

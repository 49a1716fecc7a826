//! Cover artwork: read, checked and measured once, at load time.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use image::ImageFormat as Decoded;
use serde_spanned::Spanned;

use super::files::{SourceFile, inside};
use crate::diag::Diagnostic;
use crate::doc::{Image, ImageFormat};

/// The most pixels an image may have: an A4 page at 600 dpi (34.8
/// megapixels) fits, with room to spare. Decoded as RGBA that is 144 MB,
/// and the PDF writer holds a decoded copy too.
const MAX_PIXELS: u64 = 36_000_000;

/// Memory the decoder may allocate: the largest image allowed, in RGBA, and
/// its working buffers.
const MAX_DECODE_BYTES: u64 = 192 * 1024 * 1024;

/// Bytes of an image file: far more than any compressed image within
/// [`MAX_PIXELS`] needs, so a bigger file is a mistake (or not an image).
const MAX_FILE_BYTES: u64 = 64_000_000;

const SCALE_DOWN: &str = "a full A4 page at 300 dpi is 2480 × 3508 pixels: export the image at \
                          that size or smaller";

/// Reads the image at `relative` (from `file`, the theme) inside `data_dir`.
/// The bytes are kept unchanged so JPEG is embedded without re-compression;
/// decoding them here catches corrupt files before layout starts.
pub fn read(
    data_dir: &Path,
    file: &SourceFile,
    relative: &Spanned<String>,
    alt: String,
) -> Result<Image, Diagnostic> {
    let path = inside(data_dir, relative.get_ref()).map_err(|why| {
        file.error(
            relative,
            format!("cover image must be inside the data folder: {why}"),
        )
        .with_hint("write a path relative to the data folder, e.g. \"art/cover.png\"")
    })?;
    let cannot_read = |error: std::io::Error| {
        file.error(
            relative,
            format!(
                "cannot read cover image \"{}\": {error}",
                relative.get_ref()
            ),
        )
    };
    let size = std::fs::metadata(&path).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(file
            .error(
                relative,
                format!(
                    "cover image \"{}\" is a {} MB file, more than the {} MB Folio reads",
                    relative.get_ref(),
                    size / 1_000_000,
                    MAX_FILE_BYTES / 1_000_000
                ),
            )
            .with_hint(SCALE_DOWN));
    }
    let bytes = std::fs::read(&path).map_err(cannot_read)?;
    let format = match image::guess_format(&bytes) {
        Ok(Decoded::Png) => ImageFormat::Png,
        Ok(Decoded::Jpeg) => ImageFormat::Jpeg,
        _ => {
            return Err(file
                .error(
                    relative,
                    format!(
                        "unsupported cover image format in \"{}\"",
                        relative.get_ref()
                    ),
                )
                .with_hint("use a PNG or JPEG file"));
        }
    };
    let decoded_format = match format {
        ImageFormat::Png => Decoded::Png,
        ImageFormat::Jpeg => Decoded::Jpeg,
    };
    let corrupt = |error: image::ImageError| {
        file.error(
            relative,
            format!("corrupt cover image \"{}\": {error}", relative.get_ref()),
        )
    };
    let reader = || {
        let mut reader = image::ImageReader::with_format(Cursor::new(&bytes), decoded_format);
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        reader
    };
    // The header first: a small file can declare an image that would take
    // gigabytes to decode (the PDF writer decodes it again, too).
    let (width, height) = reader().into_dimensions().map_err(corrupt)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(file
            .error(
                relative,
                format!(
                    "cover image \"{}\" is {width} × {height} pixels, more than the {} \
                     megapixels Folio reads",
                    relative.get_ref(),
                    MAX_PIXELS / 1_000_000
                ),
            )
            .with_hint(SCALE_DOWN));
    }
    // Then every pixel, within a memory limit, so that a truncated or
    // corrupt file is reported here and not halfway through writing a PDF.
    reader().decode().map_err(corrupt)?;
    Ok(Image {
        data: Arc::new(bytes),
        format,
        width,
        height,
        alt,
    })
}

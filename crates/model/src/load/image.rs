//! Cover artwork: read, checked and measured once, at load time.

use std::path::Path;
use std::sync::Arc;

use image::ImageFormat as Decoded;
use serde_spanned::Spanned;

use super::files::{SourceFile, inside};
use crate::diag::Diagnostic;
use crate::doc::{Image, ImageFormat};

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
    let bytes = std::fs::read(&path).map_err(|error| {
        file.error(
            relative,
            format!(
                "cannot read cover image \"{}\": {error}",
                relative.get_ref()
            ),
        )
    })?;
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
    let decoded = image::load_from_memory_with_format(&bytes, decoded_format).map_err(|error| {
        file.error(
            relative,
            format!("corrupt cover image \"{}\": {error}", relative.get_ref()),
        )
    })?;
    Ok(Image {
        data: Arc::new(bytes),
        format,
        width: decoded.width(),
        height: decoded.height(),
        alt,
    })
}

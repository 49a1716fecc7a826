//! Page images: the PDF Folio wrote, rendered by hayro.
//!
//! Rendering the written file rather than drawing layout's frames a second
//! way (with tiny-skia, say) means the proof is the file that will be
//! published: its embedded subset fonts, its colours, the print edition's
//! bleed and marks. A second renderer of frames would have to be kept in
//! step with the PDF writer, and would hide the writer's own mistakes.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::RgbaImage;
use rayon::prelude::*;

use super::ProofError;
use super::words::{Word, words};

/// Points per inch: PDF sizes are in points, image sizes from dots per inch.
pub const POINTS_PER_INCH: f32 = 72.0;

/// A PDF read for proofing: its page images and its words.
pub struct Rendered {
    /// One image per page, on white, at the resolution asked for.
    pub pages: Vec<RgbaImage>,
    /// Every word of the text layer, with its page and box in points,
    /// but the artifacts' of a tagged PDF.
    pub words: Vec<Word>,
    /// Whether the PDF marks its artifacts (a screen edition does, a print
    /// one does not), so that `words` are the text alone.
    pub tagged: bool,
    /// Pixels per point of the images.
    pub scale: f32,
}

/// Renders every page of `pdf` at `dpi` and reads its words.
///
/// Pages are rendered in parallel, a run of them per core, each run with
/// its own parse of the file and its own caches (hayro's caches are not
/// shared between threads); the images are the same whatever the split.
/// A file hayro cannot read is an error, never a panic, even an old PDF
/// from somewhere else.
pub fn render_pdf(pdf: &[u8], dpi: f32) -> Result<Rendered, ProofError> {
    let scale = dpi / POINTS_PER_INCH;
    let unreadable = || ProofError::new("not a PDF this proof can read");
    let guarded = |work: &dyn Fn() -> Option<Vec<RgbaImage>>| {
        catch_unwind(AssertUnwindSafe(work))
            .ok()
            .flatten()
            .ok_or_else(unreadable)
    };
    let data = std::sync::Arc::new(pdf.to_vec());
    let parsed = Pdf::new(data.clone()).map_err(|_| unreadable())?;
    let count = parsed.pages().len();
    let (words, tagged) =
        catch_unwind(AssertUnwindSafe(|| words(&parsed))).map_err(|_| unreadable())?;
    let per_run = count.div_ceil(rayon::current_num_threads()).max(1);
    let starts: Vec<usize> = (0..count).step_by(per_run).collect();
    let runs: Vec<Vec<RgbaImage>> = starts
        .par_iter()
        .map(|&start| {
            guarded(&|| {
                let pdf = Pdf::new(data.clone()).ok()?;
                let pages = pdf.pages();
                let cache = RenderCache::new();
                let settings = InterpreterSettings::default();
                let pixmap = PixmapSettings {
                    x_scale: scale,
                    y_scale: scale,
                    bg_color: WHITE,
                };
                (start..(start + per_run).min(count))
                    .map(|index| {
                        let pixmap = render(
                            pages.get(index)?,
                            &cache,
                            &settings,
                            &RenderSettings::default(),
                            &pixmap,
                        );
                        let (width, height) = (pixmap.width().into(), pixmap.height().into());
                        // Opaque on white: premultiplied and straight alpha
                        // are the same bytes.
                        RgbaImage::from_raw(width, height, pixmap.data_as_u8_slice().to_vec())
                    })
                    .collect()
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Rendered {
        pages: runs.into_iter().flatten().collect(),
        words,
        tagged,
        scale,
    })
}

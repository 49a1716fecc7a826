//! Proofs for reviewers: page images of an edition, a contact sheet of all
//! its pages, a diff sheet against an earlier version, and sheets of its
//! pages beside another language's.
//!
//! Everything is drawn from the PDF Folio writes (rendered by hayro, see
//! `raster.rs`), so a proof shows the very file that will be published.
//! This module computes images and reports; writing them is the caller's.

mod compare;
mod furniture;
mod label;
mod pairing;
mod raster;
mod sheet;
mod words;

use std::fmt;

use folio_layout::frame::LaidOut;
use folio_model::theme::PageGeometry;
use image::RgbaImage;

pub use compare::{Change, Comparison, PageComparison};

use crate::diagnostics::general;
use crate::{Diagnostic, Diagnostics, Edition, Folio, Severity};
use raster::{POINTS_PER_INCH, Rendered, render_pdf};
use sheet::{Group, Look, Sheet, Tile};

/// The resolution of page images unless asked otherwise: sharp enough to
/// read body text on a screen, small enough to mail 16 pages.
pub const DEFAULT_DPI: u32 = 100;

/// Thumbnail heights, in pixels, of the three kinds of sheet.
const CONTACT_THUMB: u32 = 320;
const DIFF_THUMB: u32 = 400;
const BESIDE_THUMB: u32 = 620;

/// A PDF that could not be proofed (an `--against` file that is not a PDF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofError(String);

impl ProofError {
    fn new(message: &str) -> ProofError {
        ProofError(message.to_owned())
    }
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProofError {}

/// An edition built and rendered for review.
pub struct Proof {
    edition: Edition,
    rendered: Rendered,
    laid_out: LaidOut,
    /// The theme's page, whose margins hold the running head and footer.
    page: PageGeometry,
    rtl: bool,
    warnings: Vec<Diagnostic>,
}

impl Folio {
    /// Builds `edition` and renders its pages at `dpi` dots per inch.
    pub fn proof(&self, edition: &Edition, dpi: u32) -> Result<Proof, Diagnostics> {
        let (rendered, laid_out) = self.render_laid_out(edition)?;
        let pages = render_pdf(&rendered.pdf, dpi as f32).map_err(|err| {
            Diagnostics(vec![general(
                Severity::Error,
                format!("{edition}: could not render the PDF for a proof: {err}"),
                None,
            )])
        })?;
        Ok(Proof {
            edition: edition.clone(),
            rendered: pages,
            rtl: folio_layout::is_rtl(&edition.lang),
            laid_out,
            page: self.project.theme().page,
            warnings: rendered.warnings,
        })
    }
}

impl Proof {
    /// The edition proofed.
    pub fn edition(&self) -> &Edition {
        &self.edition
    }

    /// Problems that did not stop the edition from being built, as
    /// [`Folio::render`] returns them.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// One image per page of the PDF.
    pub fn pages(&self) -> &[RgbaImage] {
        &self.rendered.pages
    }

    /// All pages as thumbnails, spread by spread as the booklet is read
    /// (right to left for a right-to-left language), numbered.
    pub fn contact_sheet(&self) -> RgbaImage {
        let pages = self.pages();
        let groups = pairing::spreads(pages.len())
            .into_iter()
            .map(|spread| Group {
                tiles: spread
                    .into_iter()
                    .map(|page| plain(&pages[page], page_label(page)))
                    .collect(),
                gap: 0,
            })
            .collect();
        let width = pages.first().map_or(0, |p| thumb_width(p, CONTACT_THUMB));
        sheet::compose(&Sheet {
            title: format!("{} · {} pages · contact sheet", self.edition, pages.len()),
            thumb_height: CONTACT_THUMB,
            // Two spreads a row (and the gap between them).
            max_width: 4 * width + 40,
            groups,
            rtl: self.rtl,
        })
    }

    /// Compares this edition with an earlier PDF of it (`old`), rendered at
    /// the same resolution.
    pub fn against(&self, old: &[u8]) -> Result<Against<'_>, ProofError> {
        let old = render_pdf(old, self.rendered.scale * POINTS_PER_INCH)?;
        let furniture = match self.pages().first() {
            Some(page) => {
                let scale = f64::from(self.rendered.scale);
                let size = (
                    f64::from(page.width()) / scale,
                    f64::from(page.height()) / scale,
                );
                furniture::furniture(&self.laid_out, &self.page, size)
            }
            None => vec![],
        };
        let comparison = compare::compare(&old, &self.rendered, &furniture);
        Ok(Against {
            proof: self,
            old,
            comparison,
        })
    }

    /// For each page of this edition, the pages of `other` (another
    /// language's edition of the same country) that hold the same content.
    pub fn pairs(&self, other: &Proof) -> Vec<Vec<usize>> {
        let mut pairs = pairing::pair_pages(&self.laid_out, &other.laid_out);
        // A print edition's blank pages after the content hold nothing.
        pairs.resize(self.pages().len(), vec![]);
        pairs
    }

    /// One sheet per spread of this edition: its pages, then the pages of
    /// `other` that hold the same content.
    pub fn beside(&self, other: &Proof) -> Vec<RgbaImage> {
        let pairs = self.pairs(other);
        pairing::spreads(self.pages().len())
            .into_iter()
            .map(|spread| {
                let mut theirs: Vec<usize> =
                    spread.iter().flat_map(|&p| pairs[p].clone()).collect();
                theirs.sort_unstable();
                theirs.dedup();
                let mut groups = vec![self.group(&spread)];
                if !theirs.is_empty() {
                    groups.push(other.group(&theirs));
                }
                let width = thumb_width(&self.pages()[spread[0]], BESIDE_THUMB);
                sheet::compose(&Sheet {
                    title: format!(
                        "{} {} beside {}",
                        self.edition,
                        pages_label(&spread),
                        other.edition
                    ),
                    thumb_height: BESIDE_THUMB,
                    max_width: 6 * width,
                    groups,
                    rtl: self.rtl,
                })
            })
            .collect()
    }

    /// `pages` side by side, as a spread, each labelled with its language.
    fn group(&self, pages: &[usize]) -> Group<'_> {
        let tiles = pages
            .iter()
            .map(|&page| {
                let label = format!("{} · {}", self.edition.lang, page + 1);
                plain(&self.pages()[page], label)
            })
            .collect();
        Group { tiles, gap: 0 }
    }
}

/// An edition compared with an earlier PDF of it.
pub struct Against<'a> {
    proof: &'a Proof,
    old: Rendered,
    comparison: Comparison,
}

impl Against<'_> {
    /// Page by page.
    pub fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    /// One line per page or run of pages alike: "page 7: text changed in
    /// 3 places", "pages 8–16: moved down by one line".
    pub fn summary(&self) -> Vec<String> {
        compare::summary(&self.comparison)
    }

    /// Each changed page beside its old version, what changed outlined;
    /// the other pages greyed.
    pub fn sheet(&self, old_name: &str) -> RgbaImage {
        let proof = self.proof;
        let scale = f64::from(proof.rendered.scale);
        let groups = proof
            .pages()
            .iter()
            .zip(&self.comparison.pages)
            .enumerate()
            .map(|(index, (page, compared))| {
                let what = compare::describe(compared.change);
                let marks = |rects: &[hayro::kurbo::Rect]| {
                    rects
                        .iter()
                        .map(|r| r.scale_from_origin(scale))
                        .collect::<Vec<_>>()
                };
                let changed = compare::is_change(compared.change);
                let old = compared
                    .old_page
                    .and_then(|p| Some((p, self.old.pages.get(p)?)));
                let tiles = match old {
                    Some((old_index, old_page)) if changed => vec![
                        Tile {
                            page: old_page,
                            label: format!("was {}", old_index + 1),
                            marks: marks(&compared.old_marks),
                            look: Look::Plain,
                        },
                        Tile {
                            page,
                            label: format!("{} · {what}", index + 1),
                            marks: marks(&compared.marks),
                            look: Look::Changed,
                        },
                    ],
                    _ => vec![Tile {
                        page,
                        label: format!("{} · {what}", index + 1),
                        marks: marks(&compared.marks),
                        look: if changed { Look::Changed } else { Look::Greyed },
                    }],
                };
                Group { tiles, gap: 12 }
            })
            .collect();
        let width = proof
            .pages()
            .first()
            .map_or(0, |p| thumb_width(p, DIFF_THUMB));
        sheet::compose(&Sheet {
            title: format!("{} against {old_name}", proof.edition),
            thumb_height: DIFF_THUMB,
            max_width: 6 * width + 60,
            groups,
            rtl: proof.rtl,
        })
    }
}

/// The PNG file of `image`.
pub fn png(image: &RgbaImage) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png)?;
    Ok(bytes.into_inner())
}

fn plain(page: &RgbaImage, label: String) -> Tile<'_> {
    Tile {
        page,
        label,
        marks: vec![],
        look: Look::Plain,
    }
}

/// A page's number as a reader of the PDF sees it, from 1.
fn page_label(index: usize) -> String {
    (index + 1).to_string()
}

/// "page 1" or "pages 4–5".
fn pages_label(pages: &[usize]) -> String {
    match pages {
        [one] => format!("page {}", one + 1),
        [first, .., last] => format!("pages {}–{}", first + 1, last + 1),
        [] => String::new(),
    }
}

fn thumb_width(page: &RgbaImage, height: u32) -> u32 {
    (u64::from(page.width()) * u64::from(height) / u64::from(page.height().max(1))) as u32
}

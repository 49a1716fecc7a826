//! The screen profile: sRGB, tagged, conforming to PDF/UA-1 (accessible)
//! and PDF/A-2a (archivable, accessible level).
//!
//! krilla's validators for both standards are on, so a problem they can
//! detect (no language, a figure without alternative text, an untagged
//! link) fails the build with a message instead of shipping. What no
//! validator can check, that the tags say what the content is and come in
//! reading order, follows from layout's roles ([`crate::tags`]).

use std::ops::Range;

use folio_layout::fonts::FontBook;
use folio_layout::frame::{Item, ItemKind, LaidOut, Point, Role, TextRun};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::geom::Rect;
use krilla::page::PageSettings;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag};
use krilla::{Document, SerializeSettings};

use crate::color::Space;
use crate::draw::{self, Resources};
use crate::error::location_of;
use crate::tags::Tagger;
use crate::{ErrorKind, PdfError, Timestamp, links, metadata, object_streams, outline};

/// `doc` as a tagged PDF/UA-1 and PDF/A-2a file.
pub(crate) fn write(
    doc: &LaidOut,
    book: &FontBook,
    created: Timestamp,
) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::new(ErrorKind::Krilla(format!("{e:?}"))))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    let mut resources = Resources::new(book, Space::Srgb);
    let mut tagger = Tagger::new(&doc.alt_texts);
    for index in 0..doc.pages.len() {
        write_page(&mut document, doc, index, &mut resources, &mut tagger)?;
    }
    let pages = doc.pages.len();
    document.set_outline(outline::outline(&doc.outline, pages, Point::default())?);
    document.set_metadata(metadata::metadata(&doc.meta, created));
    document.set_tag_tree(tagger.finish(&doc.meta.lang));
    let pdf = document.finish()?;
    object_streams::pack(&pdf).map_err(|e| PdfError::new(ErrorKind::ObjectStreams(e)))
}

/// Adds page `index` of `doc` to `document`: its content in reading order,
/// each piece tagged, then its links.
fn write_page(
    document: &mut Document,
    doc: &LaidOut,
    index: usize,
    resources: &mut Resources,
    tagger: &mut Tagger,
) -> Result<(), PdfError> {
    let page = &doc.pages[index];
    let settings = PageSettings::from_wh(page.size.width, page.size.height)
        .ok_or_else(|| PdfError::new(ErrorKind::PageSize { page: index }))?
        .with_page_label(metadata::page_label(&page.label));
    let mut pdf_page = document.start_page_with(settings);
    let location = location_of(index);
    // Links are numbered in page order; an empty one has no area.
    let areas: Vec<Option<Rect>> = page
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Link { size, .. } => Some(Rect::from_xywh(
                item.pos.x,
                item.pos.y,
                size.width,
                size.height,
            )),
            _ => None,
        })
        .collect();

    // Annotations go on the page, which the surface borrows while drawing.
    let mut annotations = Vec::new();
    let mut surface = pdf_page.surface();
    surface.set_location(location);
    for item in &page.items {
        let (pos, res) = (item.pos, &mut *resources);
        match &item.kind {
            ItemKind::Link { size, target } => {
                let link = links::Link {
                    page,
                    index,
                    pos,
                    size: *size,
                    target,
                };
                annotations.push(link.annotation(doc.pages.len())?);
            }
            ItemKind::Text(run) if item.role != Role::Artifact => {
                for (glyphs, link) in segments(pos, run, &areas) {
                    let lang = (run.lang != doc.meta.lang).then_some(run.lang.as_str());
                    let span = ContentTag::Span(SpanTag::empty().with_lang(lang));
                    let id = surface.start_tagged(span);
                    let drawn = draw::text(&mut surface, pos, run, glyphs.clone(), index, res);
                    surface.end_tagged();
                    drawn?;
                    let link = link.map(|number| (index, number));
                    tagger.content(item.role, id, glyph_text(run, glyphs), link);
                }
            }
            _ => {
                let symbol;
                let tag = match item.role {
                    Role::Artifact => ContentTag::Artifact(artifact(item)),
                    Role::Symbol(c) => {
                        symbol = c.to_string();
                        ContentTag::Span(SpanTag::empty().with_actual_text(Some(&symbol)))
                    }
                    _ => ContentTag::Other,
                };
                let id = surface.start_tagged(tag);
                let drawn = draw::item(&mut surface, item, page.size, 0.0, index, res);
                surface.end_tagged();
                drawn?;
                tagger.content(item.role, id, "", None);
            }
        }
    }
    surface.reset_location();
    surface.finish();
    for (number, annotation) in annotations.into_iter().enumerate() {
        if let Some(annotation) = annotation {
            let id = pdf_page.add_tagged_annotation(annotation.with_location(Some(location)));
            tagger.annotation((index, number), id);
        }
    }
    Ok(())
}

/// What kind of furniture an artifact is: text (running headers and
/// footers, repeated table headers) is pagination, a shape that runs off
/// the page a background, any other shape (rules, tints, bands) layout.
fn artifact(item: &Item) -> Artifact {
    match &item.kind {
        ItemKind::Text(_) => Artifact::with_kind(ArtifactType::PaginationOther),
        ItemKind::Rect {
            size, bleed: true, ..
        } => match Rect::from_xywh(item.pos.x, item.pos.y, size.width, size.height) {
            bbox @ Some(_) => Artifact::new(ArtifactType::Background, bbox),
            // krilla panics on a background without a bounding box, and an
            // empty rectangle has none: it paints nothing anyway.
            None => Artifact::with_kind(ArtifactType::Layout),
        },
        _ => Artifact::with_kind(ArtifactType::Layout),
    }
}

/// The run's glyphs split where a link area (of `areas`, by number) starts
/// or ends: the glyphs whose middle lies in an area across and whose
/// baseline lies in it down belong to that link.
fn segments(
    pos: Point,
    run: &TextRun,
    areas: &[Option<Rect>],
) -> Vec<(Range<usize>, Option<usize>)> {
    let mut segments: Vec<(Range<usize>, Option<usize>)> = Vec::new();
    let mut x = pos.x;
    for (i, glyph) in run.glyphs.iter().enumerate() {
        let middle = x + glyph.x_offset + glyph.x_advance / 2.0;
        x += glyph.x_advance;
        let link = areas.iter().position(|area| {
            area.is_some_and(|area| {
                (area.left()..=area.right()).contains(&middle)
                    && (area.top()..=area.bottom()).contains(&pos.y)
            })
        });
        match segments.last_mut() {
            Some((glyphs, current)) if *current == link => glyphs.end = i + 1,
            _ => segments.push((i..i + 1, link)),
        }
    }
    segments
}

/// The source text of the glyphs `glyphs` of `run`.
fn glyph_text(run: &TextRun, glyphs: Range<usize>) -> &str {
    let glyphs = &run.glyphs[glyphs];
    let start = glyphs.iter().map(|g| g.range.start).min().unwrap_or(0);
    let end = glyphs.iter().map(|g| g.range.end).max().unwrap_or(0);
    run.text.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use folio_layout::fonts::FontId;
    use folio_layout::frame::Glyph;
    use folio_model::theme::Color;

    use super::*;

    fn run(text: &str) -> TextRun {
        TextRun {
            font: FontId(0),
            size: 10.0,
            fill: Color::BLACK,
            text: text.into(),
            glyphs: (0..text.len())
                .map(|i| Glyph {
                    id: 1,
                    x_advance: 5.0,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    range: i..i + 1,
                })
                .collect(),
            lang: "en".into(),
        }
    }

    #[test]
    fn runs_split_at_link_edges() {
        // "see page 3" at x 10, with a link over "page 3" (x 30..60).
        let text = run("see page 3");
        let link = Rect::from_xywh(30.0, 10.0, 30.0, 12.0).unwrap();
        let pieces = segments(Point::new(10.0, 20.0), &text, &[None, Some(link)]);
        assert_eq!(pieces, [(0..4, None), (4..10, Some(1))]);
        assert_eq!(glyph_text(&text, 4..10), "page 3");
    }

    #[test]
    fn a_link_on_another_line_takes_nothing() {
        let link = Rect::from_xywh(0.0, 100.0, 300.0, 12.0).unwrap();
        let pieces = segments(Point::new(10.0, 20.0), &run("words"), &[Some(link)]);
        assert_eq!(pieces, [(0..5, None)]);
    }
}

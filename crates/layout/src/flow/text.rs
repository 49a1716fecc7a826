//! Headings, paragraphs, lists and notes: blocks made of lines of text.

use folio_model::doc::{
    Heading, Inline, List, ListMarker, Note, Origin, Paragraph, ParagraphStyle,
};
use folio_model::theme::ColorName;

use super::Area;
use super::chunk::{Chunk, keep_lines_together};
use crate::context::Ctx;
use crate::frame::{Item, ItemKind, ListPart, Point, Problem, Role};
use crate::inline::{Align, ParSpec, layout_paragraph};
use crate::style::{Family, TextStyle};

/// Lays out `inlines`, the text of the content string `origin` (`None`
/// for generated text), and makes one chunk per line at `area`. Each chunk
/// carries the origin, and a line wider than `area` is reported with it.
pub fn line_chunks(
    ctx: &Ctx,
    inlines: &[Inline],
    spec: ParSpec,
    area: Area,
    origin: Option<&Origin>,
) -> Vec<Chunk> {
    let spec = ParSpec {
        measure: area.width,
        ..spec
    };
    let mut chunks = ctx.lines.lines(ctx, inlines, &spec, area, || {
        layout_paragraph(ctx, inlines, &spec)
            .into_iter()
            .map(|line| Chunk::from_line(line, area.x))
            .collect()
    });
    for chunk in &mut chunks {
        chunk.origin = origin.cloned();
        if let Some(text) = chunk.overfull.take() {
            ctx.warn(overfull(text, area.width, origin));
        }
    }
    chunks
}

/// The warning for a line of `text` wider than `measure`: a word that no
/// break opportunity splits, or (rarely) several words the breaker could
/// not part.
fn overfull(text: String, measure: f32, origin: Option<&Origin>) -> Problem {
    let (message, hint) = if text.contains(char::is_whitespace) {
        (
            format!("a line is wider than its measure ({measure:.0} pt): “{text}”"),
            "shorten the text, or give it a wider column",
        )
    } else {
        (
            format!(
                "a word is wider than its line ({measure:.0} pt) and cannot be broken: “{}”",
                shortened(&text)
            ),
            "a word breaks only where hyphenation allows: shorten it, or mark where it may \
             break with a zero-width space (\\u200B in a TOML string)",
        )
    };
    Problem {
        message,
        hint: Some(hint),
        origin: origin.cloned(),
        part: Some(text),
    }
}

/// The first 40 characters of `text`, and an ellipsis if there are more.
fn shortened(text: &str) -> String {
    const LENGTH: usize = 40;
    match text.char_indices().nth(LENGTH) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

pub fn heading_chunks(ctx: &Ctx, heading: &Heading, area: Area) -> Vec<Chunk> {
    let scale = &ctx.theme.type_scale;
    let (size, space_before, color) = match heading.level {
        1 => (scale.h1_size, scale.body_leading * 2.0, ColorName::Accent),
        2 => (scale.h2_size, scale.body_leading * 1.6, ColorName::Accent),
        _ => (scale.h3_size, scale.body_leading * 1.0, ColorName::Ink),
    };
    let style = TextStyle::new(Family::Heading, size, color).bold();
    let mut inlines = Vec::with_capacity(heading.text.len() + 1);
    if let Some(number) = &heading.number {
        inlines.push(Inline::Text(format!("{number} ")));
    }
    inlines.extend(heading.text.iter().cloned());
    let role = Role::Heading(heading.level, ctx.block());
    let spec = ParSpec::ragged(style, size * 1.25, area.width, role);
    let mut chunks = line_chunks(ctx, &inlines, spec, area, heading.origin.as_ref());
    if chunks.is_empty() {
        return chunks;
    }
    if heading.level == 1 {
        // A rule under section titles, as the campaign's booklets have.
        let last = chunks.last_mut().expect("not empty");
        let y = last.height + size * 0.35;
        last.items.push(Item {
            pos: Point::new(area.x, y),
            kind: ItemKind::Line {
                to: Point::new(area.x + area.width, y),
                width: 1.2,
                color: ctx.theme.color(ColorName::Accent),
            },
            role: Role::Artifact,
        });
        last.height = y + scale.body_leading * 0.6;
    }
    chunks.iter_mut().for_each(|c| c.keep_with_next = true);
    chunks[0].space_before = space_before;
    chunks[0].new_page = heading.new_page;
    chunks[0].anchors.push((heading.anchor.clone(), 0.0));
    if heading.in_toc || heading.level == 1 {
        chunks[0].outline = Some((heading.level, super::plain_text(&inlines).trim().to_owned()));
    }
    chunks
}

pub fn paragraph_chunks(ctx: &Ctx, paragraph: &Paragraph, area: Area) -> Vec<Chunk> {
    let scale = &ctx.theme.type_scale;
    let body = TextStyle::new(Family::Body, scale.body_size, ColorName::Ink);
    let gap = scale.body_leading * scale.paragraph_gap;
    let block = ctx.block();
    let role = Role::Paragraph(block);
    let (spec, area, space_before) = match paragraph.style {
        ParagraphStyle::Body => (body_spec(body, scale.body_leading, role), area, gap),
        ParagraphStyle::Lead => {
            let style = TextStyle::new(Family::Heading, scale.lead_size, ColorName::Accent).bold();
            (
                ParSpec::ragged(style, scale.lead_size * 1.3, area.width, role),
                area,
                gap,
            )
        }
        ParagraphStyle::Quote => {
            let indent = scale.body_size * 2.0;
            let inner = Area {
                x: area.x + indent,
                width: area.width - 2.0 * indent,
            };
            (
                body_spec(body.italic(), scale.body_leading, role),
                inner,
                gap,
            )
        }
        ParagraphStyle::Attribution => {
            let spec = ParSpec {
                align: Align::End,
                ..ParSpec::ragged(body, scale.body_leading, area.width, role)
            };
            (spec, area, gap * 0.5)
        }
        ParagraphStyle::Label => {
            let style = TextStyle::new(Family::Body, scale.small_size, ColorName::Ink).bold();
            (
                ParSpec::ragged(style, scale.small_size * 1.35, area.width, role),
                area,
                gap * 0.5,
            )
        }
        ParagraphStyle::Small => {
            let style = TextStyle::new(Family::Body, scale.small_size, ColorName::Ink);
            (
                ParSpec::ragged(style, scale.small_size * 1.35, area.width, role),
                area,
                gap * 0.5,
            )
        }
        ParagraphStyle::Caption => {
            let style =
                TextStyle::new(Family::Heading, scale.table_size + 0.5, ColorName::Accent).bold();
            (
                ParSpec::ragged(
                    style,
                    (scale.table_size + 0.5) * 1.3,
                    area.width,
                    Role::Caption(block),
                ),
                area,
                gap,
            )
        }
    };
    let mut chunks = line_chunks(ctx, &paragraph.text, spec, area, paragraph.origin.as_ref());
    if let Some(first) = chunks.first_mut() {
        first.space_before = space_before;
    }
    if matches!(
        paragraph.style,
        ParagraphStyle::Caption | ParagraphStyle::Label
    ) {
        chunks.iter_mut().for_each(|c| c.keep_with_next = true);
    } else {
        keep_lines_together(&mut chunks);
    }
    chunks
}

fn body_spec(style: TextStyle, leading: f32, role: Role) -> ParSpec {
    ParSpec {
        style,
        leading,
        measure: 0.0,
        justify: true,
        hyphenate: true,
        align: Align::Start,
        indent: 0.0,
        role,
    }
}

/// A list: each item's marker hangs in an indent beside its text.
pub fn list_chunks(ctx: &Ctx, list: &List, area: Area) -> Vec<Chunk> {
    let scale = &ctx.theme.type_scale;
    let (size, leading) = if list.small {
        (scale.small_size, scale.small_size * 1.35)
    } else {
        (scale.body_size, scale.body_leading)
    };
    let style = TextStyle::new(Family::Body, size, ColorName::Ink);
    let indent = size
        * if list.marker == ListMarker::Labelled {
            2.4
        } else {
            1.4
        };
    let text_area = area.part(indent, area.width - indent, ctx.rtl());
    let marker_x = area.part(0.0, indent, ctx.rtl()).x;
    let mut chunks = Vec::new();
    let block = ctx.block();
    for (index, item) in list.items.iter().enumerate() {
        let part = |marker| {
            Role::ListItem(ListPart {
                list: block,
                item: index as u32,
                marker,
            })
        };
        let spec = if list.small {
            ParSpec::ragged(style, leading, 0.0, part(false))
        } else {
            body_spec(style, leading, part(false))
        };
        let mut lines = line_chunks(ctx, &item.text, spec, text_area, item.origin.as_ref());
        if lines.is_empty() {
            continue;
        }
        let marker = match (&item.label, list.marker) {
            (Some(label), _) => label.clone(),
            (None, ListMarker::Bullet) => "•".to_owned(),
            (None, ListMarker::Labelled) => String::new(),
        };
        let marker_spec = ParSpec::ragged(style, leading, indent, part(true));
        if let Some(marker_line) = layout_paragraph(ctx, &[Inline::Text(marker)], &marker_spec)
            .into_iter()
            .next()
        {
            let first = &mut lines[0];
            first.items.splice(
                0..0,
                marker_line
                    .items
                    .into_iter()
                    .map(|i| i.shifted(marker_x, 0.0)),
            );
        }
        lines[0].space_before = leading * 0.3;
        if let Some(anchor) = &item.anchor {
            lines[0].anchors.push((anchor.clone(), 0.0));
        }
        keep_lines_together(&mut lines);
        chunks.extend(lines);
    }
    if let Some(first) = chunks.first_mut() {
        first.space_before = scale.body_leading * scale.paragraph_gap;
    }
    chunks
}

/// The title line(s) of a shaded box.
pub fn box_title_chunks(
    ctx: &Ctx,
    title: &[Inline],
    origin: Option<&Origin>,
    area: Area,
    color: ColorName,
) -> Vec<Chunk> {
    let size = ctx.theme.type_scale.h3_size;
    let style = TextStyle::new(Family::Heading, size, color).bold();
    let mut chunks = line_chunks(
        ctx,
        title,
        ParSpec::ragged(style, size * 1.3, 0.0, Role::Heading(3, ctx.block())),
        area,
        origin,
    );
    chunks.iter_mut().for_each(|c| c.keep_with_next = true);
    if let Some(last) = chunks.last_mut() {
        last.height += size * 0.4;
    }
    chunks
}

/// A note's body with its marker hanging before it: used for footnotes at
/// the page foot and for the endnotes section.
pub fn note_body(ctx: &Ctx, note: &Note, area: Area, size: f32) -> Vec<Chunk> {
    let leading = size * 1.3;
    let style = TextStyle::new(Family::Body, size, ColorName::Ink);
    let indent = size * 2.0;
    let role = match note.kind {
        folio_model::doc::NoteKind::Footnote => Role::Footnote(ctx.block()),
        _ => Role::Endnote(ctx.block()),
    };
    let text_area = area.part(indent, area.width - indent, ctx.rtl());
    let mut lines = line_chunks(
        ctx,
        &note.text,
        ParSpec::ragged(style, leading, 0.0, role),
        text_area,
        note.origin.as_ref(),
    );
    if lines.is_empty() {
        return lines;
    }
    let marker_width = indent - size * 0.6;
    let marker_x = area.part(0.0, marker_width, ctx.rtl()).x;
    let marker_spec = ParSpec {
        align: Align::End,
        ..ParSpec::ragged(style, leading, marker_width, role)
    };
    if let Some(marker) = layout_paragraph(ctx, &[Inline::Text(note.marker.clone())], &marker_spec)
        .into_iter()
        .next()
    {
        lines[0].items.splice(
            0..0,
            marker.items.into_iter().map(|i| i.shifted(marker_x, 0.0)),
        );
    }
    lines[0].anchors.push((note.anchor.clone(), 0.0));
    keep_lines_together(&mut lines);
    lines
}

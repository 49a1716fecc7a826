//! The endnotes section: every endnote, its number hanging before it, in
//! one column or, when the theme asks (or copyfitting needs the room), in
//! two.
//!
//! Pagination knows one column only, so two columns are made here: the
//! notes are set on the half measure and dealt into page-high column
//! pairs, each pair one unbreakable chunk — the left column filled before
//! the right, a note never split between columns, and the last pair
//! balanced so that both columns end level. The first pair's height is
//! what the page the section starts on has left below the heading.

use folio_model::doc::NoteKind;

use super::chunk::Chunk;
use super::{Area, note_body};
use crate::context::Ctx;

/// Section 7's chunks. `above` are the chunks flowed so far, from which
/// the room left on the current page is found.
pub fn endnote_chunks(ctx: &Ctx, area: Area, above: &[Chunk]) -> Vec<Chunk> {
    let style = ctx.theme.endnotes;
    if style.columns < 2 {
        return notes(ctx, area).into_iter().flatten().collect();
    }
    let gutter = ctx.theme.type_scale.body_leading;
    let width = (area.width - gutter) / 2.0;
    let rtl = ctx.rtl();
    let first = area.part(0.0, width, rtl);
    let second = area.part(width + gutter, width, rtl);
    let notes: Vec<Chunk> = notes(ctx, Area { x: 0.0, width })
        .into_iter()
        .map(stacked)
        .collect();
    let page = body_height(ctx);
    let space = notes.first().map_or(0.0, |n| n.space_before);
    let mut room = page - used_on_page(above, page) - space;
    let mut out = Vec::new();
    let mut rest = &notes[..];
    while !rest.is_empty() {
        let (left, taken) = deal(rest, room);
        let mut pair = Chunk {
            space_before: rest[0].space_before,
            ..Chunk::default()
        };
        column(&mut pair, &rest[..left], first.x);
        column(&mut pair, &rest[left..taken], second.x);
        out.push(pair);
        rest = &rest[taken..];
        // A page's first chunk has no space above it.
        room = page;
    }
    out
}

/// Each endnote's lines, in number order.
fn notes(ctx: &Ctx, area: Area) -> Vec<Vec<Chunk>> {
    let size = ctx.theme.endnotes.size;
    ctx.doc
        .notes
        .iter()
        .filter(|note| note.kind == NoteKind::Endnote)
        .map(|note| {
            let mut chunks = note_body(ctx, note, area, size);
            if let Some(first) = chunks.first_mut() {
                first.space_before = size * 0.45;
            }
            chunks
        })
        .collect()
}

/// One note's lines as one chunk: a note is never split between columns.
fn stacked(lines: Vec<Chunk>) -> Chunk {
    let mut note = Chunk {
        space_before: lines.first().map_or(0.0, |l| l.space_before),
        ..Chunk::default()
    };
    for line in lines {
        note.stack(line, 0.0);
    }
    note
}

/// How many of `notes` go in one page's left column of height `room`,
/// and how many its column pair takes. Each column takes at least one
/// note, so dealing always moves on. When all the notes left fit the pair,
/// the split is the one that ends the columns most nearly level, the left
/// one never shorter.
fn deal(notes: &[Chunk], room: f32) -> (usize, usize) {
    let left = fill(notes, room);
    let taken = left + fill(&notes[left..], room);
    if taken < notes.len() {
        return (left, taken);
    }
    let balanced = (1..=notes.len())
        .filter(|&k| column_height(&notes[..k]) >= column_height(&notes[k..]))
        .min_by(|&a, &b| column_height(&notes[..a]).total_cmp(&column_height(&notes[..b])))
        .unwrap_or(left);
    (balanced, taken)
}

/// How many of `notes`, at least one, fill a column of height `room`.
fn fill(notes: &[Chunk], room: f32) -> usize {
    let mut count = 0;
    while count < notes.len() && (count == 0 || column_height(&notes[..=count]) <= room) {
        count += 1;
    }
    count
}

/// The height of `notes` stacked in a column, whose first note has no
/// space above it.
fn column_height(notes: &[Chunk]) -> f32 {
    notes
        .iter()
        .enumerate()
        .map(|(i, n)| n.height + if i == 0 { 0.0 } else { n.space_before })
        .sum()
}

/// Adds `notes` to `pair` as a column at `x`, growing it to the column's
/// height.
fn column(pair: &mut Chunk, notes: &[Chunk], x: f32) {
    let mut y = 0.0;
    for (i, note) in notes.iter().enumerate() {
        if i > 0 {
            y += note.space_before;
        }
        let height = note.height;
        pair.absorb(note.clone(), x, y);
        y += height;
    }
    pair.height = pair.height.max(y);
}

/// The height of a page's text area.
fn body_height(ctx: &Ctx) -> f32 {
    let page = &ctx.theme.page;
    page.height - page.margin_top - page.margin_bottom
}

/// How much of the current page the chunks flowed so far fill: those
/// since the last one that starts a page, as pagination would stack them
/// (a page's worth at a time, without the space above a page's first).
fn used_on_page(above: &[Chunk], page: f32) -> f32 {
    let start = above.iter().rposition(|c| c.new_page).unwrap_or(0);
    let mut used: Option<f32> = None;
    for chunk in &above[start..] {
        used = Some(match used {
            Some(used) if used + chunk.space_before + chunk.height <= page => {
                used + chunk.space_before + chunk.height
            }
            _ => chunk.height,
        });
    }
    used.unwrap_or(0.0)
}

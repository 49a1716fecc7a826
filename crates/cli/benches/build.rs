//! How long building booklets takes, in process.
//!
//! - `usa`: the usa edition end to end (open the data folder, compose, lay
//!   out, write the PDF), and each stage on its own: `load` (read and check
//!   the data folder), `compose`, `layout`, `pdf`.
//! - `all`: every country in the data folder plus 41 more copies of the usa
//!   edition (a campaign-sized run of about 42 booklets), rendered in
//!   parallel with rayon as `folio build --all` does.
//!
//! Run with `cargo bench -p folio --bench build`. Samples are few (10) so a
//! run stays short on a small machine; compare runs, not single numbers.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use folio::{Edition, Folio};
use folio_layout::fonts::FontBook;
use folio_layout::layout_document;
use folio_model::Project;
use folio_pdf::{PdfOptions, write_pdf};
use rayon::prelude::*;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn usa(c: &mut Criterion) {
    let data = data_dir();
    let book = FontBook::bundled();
    let project = Project::load(&data).expect("data folder loads");
    let document = project.compose("usa").expect("usa composes");
    let laid_out = layout_document(&document, project.theme(), book);
    let options = PdfOptions::default();

    let mut group = c.benchmark_group("usa");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            let folio = Folio::open(&data).expect("opens");
            folio.render(&Edition::new("usa")).expect("renders").pdf
        })
    });
    group.bench_function("load", |b| {
        b.iter(|| Project::load(black_box(&data)).expect("loads"))
    });
    group.bench_function("compose", |b| {
        b.iter(|| project.compose(black_box("usa")).expect("composes"))
    });
    group.bench_function("layout", |b| {
        b.iter(|| layout_document(black_box(&document), project.theme(), book))
    });
    group.bench_function("pdf", |b| {
        b.iter(|| write_pdf(black_box(&laid_out), book, &options).expect("writes"))
    });
    group.finish();
}

fn all(c: &mut Criterion) {
    let folio = Folio::open(&data_dir()).expect("data folder loads");
    let mut editions = folio.editions();
    editions.extend(std::iter::repeat_n(Edition::new("usa"), 41));

    let mut group = c.benchmark_group("all");
    // Seconds per iteration: flat sampling (one iteration per sample) is
    // what criterion recommends for benchmarks this long.
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .sampling_mode(SamplingMode::Flat);
    group.bench_function(format!("{}_editions_parallel", editions.len()), |b| {
        b.iter(|| {
            editions
                .par_iter()
                .map(|edition| folio.render(edition).expect("renders").pdf.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, usa, all);
criterion_main!(benches);

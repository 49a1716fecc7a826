//! How long building booklets takes, in process (criterion).
//!
//! - `usa`: the USA edition end to end (`end_to_end`: open the data folder,
//!   compose, lay out, write the PDF, as `folio build usa` does minus
//!   process start-up and the file write), and each stage on its own:
//!   `load` (read and check the data folder), `compose`, `layout` (words
//!   already shaped, as for every edition but a thread's first),
//!   `layout_first` (on a new thread: every word shaped), `pdf` (the cover
//!   image already encoded, as for every edition but the first).
//! - `all`: 42 editions, one per country of the dataset, each made from the
//!   USA content under another country's name (`synthetic_data`, written
//!   to `target/tmp/synthetic-42/data`, never into `data/`), built as
//!   `folio build --all` builds them: in parallel with rayon, each written
//!   atomically into an out folder.
//!
//! Run with `cargo bench -p folio --bench build`; BENCHMARKS.md has the
//! figures and the commands for whole-process timings.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{copy_dir, data_dir};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use folio::{Edition, Folio};
use folio_layout::fonts::{FontBook, FontSources};
use folio_layout::layout_document;
use folio_model::Project;
use folio_pdf::{PdfOptions, write_pdf};
use rayon::prelude::*;

/// The `folio` binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn usa(c: &mut Criterion) {
    let data = data_dir();
    let project = Project::load(&data).expect("data folder loads");
    let book = FontBook::for_theme(project.theme(), &FontSources::default());
    let document = project.compose("usa", "en").expect("usa composes");
    let laid_out = layout_document(&document, project.theme(), book);
    let options = PdfOptions::default();

    let mut group = c.benchmark_group("usa");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            let folio = Folio::open(black_box(&data)).expect("opens");
            folio.render(&Edition::new("usa")).expect("renders").pdf
        })
    });
    group.bench_function("load", |b| {
        b.iter(|| Project::load(black_box(&data)).expect("loads"))
    });
    group.bench_function("compose", |b| {
        b.iter(|| project.compose(black_box("usa"), "en").expect("composes"))
    });
    // Shaped words are kept per thread from one document to the next, so
    // this is the layout of every edition but the first on a thread...
    group.bench_function("layout", |b| {
        b.iter(|| layout_document(black_box(&document), project.theme(), book))
    });
    // ...and this the first: on a new thread, nothing is shaped yet.
    group.bench_function("layout_first", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                scope
                    .spawn(|| layout_document(black_box(&document), project.theme(), book))
                    .join()
                    .expect("lays out")
            })
        })
    });
    group.bench_function("pdf", |b| {
        b.iter(|| write_pdf(black_box(&laid_out), book, &options).expect("writes"))
    });
    group.finish();
}

/// A data folder with one country file per country of the dataset (42),
/// each a copy of the USA's under the other country's name, so that every
/// edition has its own figures (category, share, rank) and its own words.
fn synthetic_data() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synthetic-42");
    let data = root.join("data");
    let _ = fs::remove_dir_all(&root);
    copy_dir(&data_dir(), &data);
    let usa = fs::read_to_string(data.join("countries/usa.toml")).expect("usa.toml");
    let dataset = fs::read_to_string(data.join("dataset.toml")).expect("dataset.toml");
    let names = dataset
        .lines()
        .filter_map(|line| line.trim().strip_prefix("{ name = \""))
        .filter_map(|rest| rest.split('"').next());
    for name in names.filter(|&name| name != "USA") {
        let id: String = name
            .chars()
            .map(|c| match c {
                'a'..='z' | '0'..='9' => c,
                'A'..='Z' => c.to_ascii_lowercase(),
                _ => '-',
            })
            .collect();
        let text = usa
            .replacen("name = \"USA\"", &format!("name = \"{name}\""), 1)
            .replacen(
                "name-in-text = \"the USA\"",
                &format!("name-in-text = \"{name}\""),
                1,
            );
        fs::write(data.join(format!("countries/{id}.toml")), text).expect("country file");
    }
    data
}

fn all(c: &mut Criterion) {
    let data = synthetic_data();
    let folio = Folio::open(&data).expect("the synthetic data folder loads");
    let editions = folio.editions();
    assert_eq!(editions.len(), 42, "{editions:?}");
    let out = data.with_file_name("out");
    fs::create_dir_all(&out).expect("out folder");

    let mut group = c.benchmark_group("all");
    // Seconds per iteration: flat sampling (one iteration per sample) is
    // what criterion recommends for benchmarks this long.
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .sampling_mode(SamplingMode::Flat);
    group.bench_function("42_editions_parallel", |b| {
        b.iter(|| {
            editions.par_iter().for_each(|edition| {
                let rendered = folio.render(edition).expect("renders");
                folio::write_atomically(&out.join(edition.file_name()), &rendered.pdf)
                    .expect("writes");
            })
        })
    });
    group.finish();
}

criterion_group!(benches, usa, all);
criterion_main!(benches);

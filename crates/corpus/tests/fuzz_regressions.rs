//! Inputs the fuzz targets (fuzz/, scripts/fuzz.sh) found breaking a property, kept as
//! tests so that the bug stays fixed; and the in-memory loader the `data_files` target
//! drives. Each test names the target that found its input.

mod common;
use common::data_dir;
use corpus::{load_dir, DataSet};

/// Every file of the data folder, as (name relative to it, bytes).
fn data_files() -> Vec<(String, Vec<u8>)> {
    let dir = data_dir();
    let mut files = Vec::new();
    for name in [
        "articles.rec",
        "gazetteer.rec",
        "events.rec",
        "measures.rec",
    ] {
        files.push((name.to_string(), std::fs::read(dir.join(name)).unwrap()));
    }
    for e in std::fs::read_dir(dir.join("raw")).unwrap() {
        let e = e.unwrap();
        let name = format!("raw/{}", e.file_name().to_string_lossy());
        files.push((name, std::fs::read(e.path()).unwrap()));
    }
    files
}

#[test]
fn from_files_reads_what_load_dir_reads() {
    let on_disk = load_dir(&data_dir()).unwrap();
    let mut files = data_files();
    files.reverse(); // the order given does not matter: raw files come out sorted
    files.push(("README.md".into(), b"not data".to_vec()));
    files.push(("raw/notes.md".into(), b"not an article".to_vec()));
    files.push(("raw/sub/x.txt".into(), b"not in raw/ itself".to_vec()));
    assert_eq!(DataSet::from_files(files).unwrap(), on_disk);
    // A name given twice keeps its last contents.
    let ds = DataSet::from_files([
        ("raw/a.txt", b"first".to_vec()),
        ("raw/a.txt", b"second".to_vec()),
    ])
    .unwrap();
    assert_eq!(ds.raw.len(), 1);
    assert_eq!(ds.raw[0].text, "second");
    assert_eq!(
        DataSet::from_files(Vec::<(String, Vec<u8>)>::new()).unwrap(),
        DataSet::default()
    );
}

#[test]
fn from_files_names_file_and_line_of_bad_utf8() {
    let errs = DataSet::from_files([
        ("raw/x.txt", b"ok line\nbad \xff byte\n".to_vec()),
        ("events.rec", b"@event a\n\n\ntitle: \xc3(\n".to_vec()),
        ("gazetteer.rec", b"@entity lima\n".to_vec()),
    ])
    .unwrap_err();
    let errs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errs,
        [
            "events.rec:4: cannot read: not valid UTF-8",
            "raw/x.txt:2: cannot read: not valid UTF-8"
        ]
    );
}

//! Compile `data/` into the binary corpus the app embeds. Any data error stops the build
//! with `file:line: message`, and no corpus is written.

use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("data");
    println!("cargo:rerun-if-changed=data");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.bin");
    let built = corpus::load_dir(&data).and_then(|ds| corpus::compile(&ds));
    match built {
        Ok(b) => {
            std::fs::write(&out, corpus::encode(&b.corpus)).expect("write corpus.bin");
        }
        Err(errs) => {
            let _ = std::fs::remove_file(&out);
            for e in &errs {
                // Paths relative to the data folder, made relative to the workspace.
                println!("cargo:warning=data/{e}");
            }
            panic!("{} error(s) in data/; see the warnings above or run `cargo run -p corpus -- check`", errs.len());
        }
    }
}

//! Placeholder entry point until the app issue: decodes the embedded corpus and prints a
//! summary, which proves the build-time pipeline end to end.

static CORPUS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

fn main() {
    match corpus::decode(CORPUS) {
        Ok(c) => println!(
            "Peru Crisis Explorer: {} articles, {} entities, {} events, {} measures",
            c.articles.len(),
            c.entities.len(),
            c.events.len(),
            c.measures.len()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

//! Entry point: mount the explorer on the page.
fn main() {
    peru_crisis_explorer::start();
}

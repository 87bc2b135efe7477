//! Reports people hand to auditors and boards, as PDF: typeset by Typst from templates in
//! `templates/` over the figures the other domains' service functions give (`engine`).
pub mod audit_pack;
pub mod engine;
pub mod portfolio;
pub mod supplier;

/// A name as a file name's stem: letters and digits, words joined by dashes.
pub fn file_stem(name: &str) -> String {
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.is_empty() { "report".to_owned() } else { words.join("-").chars().take(60).collect() }
}

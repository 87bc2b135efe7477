//! Crosswalks as data: `questionnaires/crosswalks/*.csv`, one per foreign questionnaire family,
//! mapping the family's ids to ISO/IEC 27001:2022 Annex A controls. Each file says in its header
//! where the mapping comes from and under which licence; an empty controls cell is a deliberate
//! "not mapped", and an id absent from the file is not mapped either: nothing is guessed.
use crate::catalogue::Catalogues;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The shipped crosswalk files, by file name.
const SHIPPED: [(&str, &str); 5] = [
    ("caiq-v4.csv", include_str!("../../crosswalks/caiq-v4.csv")),
    ("caiq-v3.0.1.csv", include_str!("../../crosswalks/caiq-v3.0.1.csv")),
    ("hecvat-3.csv", include_str!("../../crosswalks/hecvat-3.csv")),
    ("hecvat-4.csv", include_str!("../../crosswalks/hecvat-4.csv")),
    ("iso27002-2013-to-2022.csv", include_str!("../../crosswalks/iso27002-2013-to-2022.csv")),
];

/// Whether a file maps question ids one by one, or control ids that the questions under them
/// (`IAM-02.1` under `IAM-02`) share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Question,
    Control,
}

/// One crosswalk file, parsed and checked.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Crosswalk {
    pub file: String,
    /// The family the ids belong to, e.g. `caiq-v4`.
    pub family: String,
    pub granularity: Granularity,
    pub source: String,
    pub licence: String,
    /// Id (in [`key`] form) -> Annex A control ids; an empty list is a deliberate "not mapped".
    #[serde(skip)]
    entries: BTreeMap<String, Vec<String>>,
}

/// How ids are compared: without spaces, in upper case.
pub fn key(id: &str) -> String {
    id.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

impl Crosswalk {
    /// The controls a foreign id maps to: `Some(empty)` when the file leaves it unmapped on
    /// purpose, `None` when the file does not know the id. A question id takes its control's
    /// row in a control-level file (`IAM-02.1` -> `IAM-02`).
    pub fn lookup(&self, id: &str) -> Option<&[String]> {
        let id = key(id);
        if let Some(found) = self.entries.get(&id) {
            return Some(found);
        }
        match self.granularity {
            Granularity::Control => {
                let (control, _) = id.rsplit_once('.')?;
                self.entries.get(control).map(Vec::as_slice)
            }
            Granularity::Question => None,
        }
    }

    /// Whether the file lists the id (mapped or deliberately not).
    pub fn knows(&self, id: &str) -> bool {
        self.lookup(id).is_some()
    }

    /// Every id the file lists.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Parses a crosswalk file; every problem names the file and line. `targets` are the
    /// control ids the right-hand side may use (Annex A 2022 for every shipped file).
    pub fn parse(file: &str, text: &str, is_target: impl Fn(&str) -> bool) -> Result<Crosswalk, String> {
        let mut header: BTreeMap<&str, String> = BTreeMap::new();
        let mut last_key = "";
        let mut entries = BTreeMap::new();
        let mut columns_seen = false;
        for (index, line) in text.lines().enumerate() {
            let at = format!("{file} line {}", index + 1);
            if let Some(comment) = line.strip_prefix('#') {
                // `# key: value`, continued on lines indented by two spaces.
                if let Some(more) = comment.strip_prefix("   ").filter(|_| !last_key.is_empty()) {
                    if let Some(value) = header.get_mut(last_key) {
                        value.push(' ');
                        value.push_str(more.trim());
                    }
                } else if let Some((name, value)) = comment.trim().split_once(": ") {
                    last_key = match name {
                        "family" => "family",
                        "granularity" => "granularity",
                        "source" => "source",
                        "licence" => "licence",
                        _ => "",
                    };
                    if !last_key.is_empty() {
                        header.insert(last_key, value.trim().to_owned());
                    }
                } else {
                    last_key = "";
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            if !columns_seen {
                if line.trim() != "id,controls,note" {
                    return Err(format!("{at}: the column header must be id,controls,note"));
                }
                columns_seen = true;
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            let [id, controls, _note] = fields[..] else {
                return Err(format!("{at}: expected 3 fields (id,controls,note), found {}", fields.len()));
            };
            let id = key(id);
            if id.is_empty() {
                return Err(format!("{at}: the id is empty"));
            }
            let controls: Vec<String> = controls.split_whitespace().map(str::to_owned).collect();
            if let Some(unknown) = controls.iter().find(|c| !is_target(c)) {
                return Err(format!("{at}: {id} maps to {unknown}, which is no ISO/IEC 27001:2022 Annex A control"));
            }
            if entries.insert(id.clone(), controls).is_some() {
                return Err(format!("{at}: {id} is listed twice"));
            }
        }
        let mut take = |name: &str| {
            header.remove(name).filter(|v| !v.is_empty()).ok_or_else(|| format!("{file}: the header has no {name}"))
        };
        let family = take("family")?;
        let source = take("source")?;
        let licence = take("licence")?;
        let granularity = match take("granularity")?.split_whitespace().next() {
            Some("question") => Granularity::Question,
            Some("control") => Granularity::Control,
            other => return Err(format!("{file}: granularity must be question or control, not {other:?}")),
        };
        if entries.is_empty() {
            return Err(format!("{file}: no mapping rows"));
        }
        Ok(Crosswalk { file: file.to_owned(), family, granularity, source, licence, entries })
    }
}

/// The shipped crosswalks, parsed once; a broken file is a build defect that the tests catch.
pub fn crosswalks() -> &'static [Crosswalk] {
    static PARSED: OnceLock<Vec<Crosswalk>> = OnceLock::new();
    PARSED.get_or_init(|| {
        let catalogues = crate::catalogues();
        SHIPPED.iter().filter_map(|(file, text)| parse_shipped(file, text, catalogues).ok()).collect()
    })
}

pub(crate) fn parse_shipped(file: &str, text: &str, catalogues: &Catalogues) -> Result<Crosswalk, String> {
    Crosswalk::parse(file, text, |id| catalogues.control(id).is_some())
}

/// The shipped crosswalk of a family (`caiq-v4`, `hecvat-3`, `iso27002-2013`).
pub fn crosswalk(family: &str) -> Option<&'static Crosswalk> {
    crosswalks().iter().find(|c| c.family == family)
}

/// The ISO/IEC 27001:2022 controls an ISO/IEC 27002:2013 control (`9.2.3`, `A.9.2.3`) went
/// into; a 2013 category (`9.2`) stands for every control under it.
pub fn controls_of_2013(id: &str) -> Vec<String> {
    let Some(table) = crosswalk("iso27002-2013") else { return Vec::new() };
    let id = key(id);
    let id = id.trim_start_matches("A.");
    if let Some(found) = table.lookup(id) {
        return found.to_vec();
    }
    let prefix = format!("{id}.");
    let mut controls: Vec<String> = Vec::new();
    for (from, to) in table.entries.iter().filter(|(from, _)| from.starts_with(&prefix)) {
        // Only whole sub-ids: `9.2` covers `9.2.1`, not `9.21.1`.
        if from[prefix.len()..].chars().all(|c| c.is_ascii_digit()) {
            controls.extend(to.iter().cloned());
        }
    }
    controls.sort_by_key(|c| crate::catalogue::control_order(c));
    controls.dedup();
    controls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_crosswalk_parses_against_the_catalogue() {
        let catalogues = crate::catalogues();
        for (file, text) in SHIPPED {
            let parsed = parse_shipped(file, text, catalogues).unwrap_or_else(|e| panic!("{e}"));
            assert!(parsed.source.len() > 40, "{file}: the source says where the mapping comes from");
            assert!(parsed.licence.len() > 10, "{file}: the licence is named");
        }
        assert_eq!(crosswalks().len(), SHIPPED.len());
        // Every control of each CCM version, every question of each HECVAT version.
        let sizes: Vec<(&str, usize)> = crosswalks().iter().map(|c| (c.family.as_str(), c.len())).collect();
        assert_eq!(
            sizes,
            [("caiq-v4", 197), ("caiq-v3", 133), ("hecvat-3", 254), ("hecvat-4", 332), ("iso27002-2013", 114)]
        );
    }

    #[test]
    fn the_2013_table_has_every_2013_control_once_and_reaches_all_2022_controls_but_the_new_ones() {
        let table = crosswalk("iso27002-2013").unwrap();
        assert_eq!(table.len(), 114);
        let reached: std::collections::BTreeSet<&str> = table.entries.values().flatten().map(String::as_str).collect();
        // The 11 controls new in 2022 have no 2013 predecessor.
        let new_in_2022 = ["5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"];
        for control in crate::catalogues().iso_controls() {
            assert_eq!(
                reached.contains(control.id.as_str()),
                !new_in_2022.contains(&control.id.as_str()),
                "2022 control {}",
                control.id
            );
        }
        assert_eq!(controls_of_2013("A.9.2.3"), ["8.2"]);
        assert_eq!(controls_of_2013("18.2.3"), ["5.36", "8.8"]);
        assert_eq!(controls_of_2013("10.1"), ["8.24"]);
        assert_eq!(controls_of_2013("9.2"), ["5.16", "5.17", "5.18", "8.2"]);
        assert!(controls_of_2013("19.1.1").is_empty());
    }

    #[test]
    fn control_level_files_answer_for_the_questions_under_a_control() {
        let caiq = crosswalk("caiq-v4").unwrap();
        assert_eq!(caiq.granularity, Granularity::Control);
        assert_eq!(caiq.lookup("IAM-02.1"), caiq.lookup("IAM-02"));
        assert!(caiq.lookup("IAM-02").is_some_and(|c| !c.is_empty()));
        assert!(caiq.lookup("XYZ-01.1").is_none());
    }

    #[test]
    fn broken_files_are_refused_with_the_line() {
        let ok = |id: &str| id == "5.1";
        let header = "# family: x\n# granularity: question\n# source: somewhere public\n# licence: CC0\n";
        let refused = |text: &str| Crosswalk::parse("x.csv", text, ok).unwrap_err();
        assert!(refused(&format!("{header}id,controls,note\nA-01,9.9,\n")).contains("x.csv line 6: A-01 maps to 9.9"));
        assert!(refused(&format!("{header}id,controls,note\nA-01,5.1,\nA-01,,\n")).contains("listed twice"));
        assert!(refused(&format!("{header}id;controls\n")).contains("column header"));
        assert!(refused("id,controls,note\nA-01,5.1,\n").contains("no family"));
        let parsed =
            Crosswalk::parse("x.csv", &format!("{header}id,controls,note\nA-01,5.1,\nB-01,,unmapped\n"), ok).unwrap();
        assert_eq!(parsed.lookup("a-01"), Some(&["5.1".to_owned()][..]));
        assert_eq!(parsed.lookup("B-01"), Some(&[][..]));
        assert_eq!(parsed.lookup("C-01"), None);
    }
}

//! TEMPORARY rough recogniser until the tagger lands: capitalised runs.
use super::{Entity, EntityKind};

pub fn extract(text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let clean = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
        };
        let w = clean(words[i]);
        if w.chars().next().is_some_and(|c| c.is_uppercase()) && w.len() > 1 {
            let mut j = i + 1;
            while j < words.len()
                && clean(words[j])
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase())
                && !words[j - 1].ends_with(['.', ',', '"'])
            {
                j += 1;
            }
            let name: Vec<String> =
                words[i..j].iter().map(|w| clean(w)).collect();
            let name = name.join(" ");
            let kind = match name.as_str() {
                "Kuala Lumpur" | "Geneva" | "London" | "Malaysia"
                | "China" => EntityKind::Place,
                _ if j - i >= 2 => EntityKind::Person,
                _ => {
                    i = j;
                    continue;
                }
            };
            if let Some(e) = out.iter_mut().find(|e| e.name == name) {
                e.count += 1;
            } else {
                let path = if kind == EntityKind::Place {
                    vec!["Asia".to_string(), name.clone()]
                } else {
                    vec![]
                };
                out.push(Entity {
                    kind,
                    name: name.clone(),
                    path,
                    surfaces: vec![name],
                    count: 1,
                });
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

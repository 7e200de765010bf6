//! States that no longer exist: West and East Germany, the Soviet Union,
//! Yugoslavia, Czechoslovakia (the `former` rows of the table).
//!
//! A former state is a country of the gazetteer, under its continent, so
//! "in Europe" finds a story about the Soviet Union. Its `former` field
//! gives the years it existed and its members: the present countries
//! ("Russia") or admin areas ("Bavaria") whose places lay inside it.
//!
//! # Rule
//!
//! - In an article published while a former state existed, a place
//!   inside it is filed under it ([`path_in_year`]): the former state
//!   takes the place of the present country when it lay wholly inside
//!   that country (`Europe/West Germany/North Rhine-Westphalia/Bonn` in
//!   1987), and stands above the present country when it split into
//!   several (`Europe/Soviet Union/Russia/Moscow`, and `Russia` itself
//!   is `Europe/Soviet Union/Russia`). "Germany" named in 1987 keeps its
//!   own path: West Germany was only a part of it.
//! - A search for a present country or a place in it also looks under
//!   the former states it was part of ([`earlier_paths`]): "in Germany"
//!   finds the 1987 story datelined Bonn and the one that names West
//!   Germany, "in Russia" the 1987 story from Moscow (not one that names
//!   only the Soviet Union, which may be about Kiev).
//!
//! Years are whole: a 1990 story counts Leipzig for East Germany.
//! The former states' table is read from the head of the embedded table
//! (continents, countries, admin areas and former states come before
//! the cities), without parsing the gazetteer, so searches stay cheap.

use std::sync::OnceLock;

use super::TABLE;

/// A former state with its members, by name.
#[derive(Debug, PartialEq)]
pub(super) struct Former {
    /// Its name: "Soviet Union".
    pub name: &'static str,
    /// The name of its continent: "Europe".
    pub continent: &'static str,
    /// The first and last year it existed.
    pub first: i32,
    pub last: i32,
    /// Members: (present country, admin area or `None` for all of it).
    pub members: Vec<(&'static str, Option<&'static str>)>,
    /// True when all its members lie in one present country (West
    /// Germany): it then stands in that country's place in a path.
    pub within_one: bool,
}

/// The former states of the embedded table.
pub(super) fn former_states() -> &'static [Former] {
    static FORMER: OnceLock<Vec<Former>> = OnceLock::new();
    FORMER.get_or_init(|| match read(TABLE) {
        Some(former) => former,
        // The table is part of the source tree and covered by tests.
        None => panic!("data/places.tsv: a malformed former state"),
    })
}

/// The former states of a table, or `None` when one is malformed.
fn read(table: &'static str) -> Option<Vec<Former>> {
    // Rows before the first city: (kind, name, parent, code, former).
    let mut head: Vec<[&'static str; 5]> = Vec::new();
    let rows =
        table.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#'));
    for line in rows {
        let fields: Vec<&'static str> = line.split('\t').collect();
        let kind = fields[0];
        if kind == "city" || kind == "demonym" {
            break;
        }
        head.push([
            kind,
            fields.get(1)?,
            fields.get(2)?,
            fields.get(6)?,
            fields.get(10).copied().unwrap_or(""),
        ]);
    }
    let name_of = |row: &str| -> Option<&'static str> {
        Some(head.get(row.parse::<usize>().ok()?)?[1])
    };
    let mut found = Vec::new();
    for row in head.iter().filter(|r| !r[4].is_empty()) {
        let (years, members) = row[4].split_once(':')?;
        let (first, last) = years.split_once('-')?;
        let members = members
            .split(',')
            .map(|member| {
                let (code, admin) = match member.split_once('-') {
                    Some((code, admin)) => (code, Some(admin)),
                    None => (member, None),
                };
                let at = head
                    .iter()
                    .position(|r| r[0] == "country" && r[3] == code)?;
                let country = head[at][1];
                let Some(admin) = admin else {
                    return Some((country, None));
                };
                let parent = at.to_string();
                let admin = head.iter().find(|r| {
                    r[0] == "admin" && r[2] == parent && r[3] == admin
                })?;
                Some((country, Some(admin[1])))
            })
            .collect::<Option<Vec<_>>>()?;
        let within_one = members.iter().all(|m| m.0 == members[0].0);
        found.push(Former {
            name: row[1],
            continent: name_of(row[2])?,
            first: first.parse().ok()?,
            last: last.parse().ok()?,
            members,
            within_one,
        });
    }
    Some(found)
}

/// The path of a place (`path`, from its continent) in an article
/// published in `year`: under the former state it lay in then, if any
/// (the rule in the module docs); `None` when the path stays as it is.
pub fn path_in_year(path: &[&str], year: i32) -> Option<Vec<String>> {
    let former = former_states().iter().find(|f| {
        (f.first..=f.last).contains(&year) && member_of(f, path, false)
    })?;
    Some(under(former, path))
}

/// True when the place of `path` lies in a member of `former`; with
/// `whole`, a path that is just a member's country counts too (a search
/// for "Germany" looks under West Germany).
fn member_of(former: &Former, path: &[&str], whole: bool) -> bool {
    let Some(&country) = path.get(1) else {
        return false;
    };
    former.members.iter().any(|&(c, admin)| {
        c == country
            && match admin {
                None => true,
                Some(admin) => {
                    path.get(2) == Some(&admin) || whole && path.len() == 2
                }
            }
    })
}

/// `path` filed under `former`.
fn under(former: &Former, path: &[&str]) -> Vec<String> {
    let mut out = vec![former.continent.to_string(), former.name.to_string()];
    let keep = if former.within_one { 2 } else { 1 };
    out.extend(path[keep.min(path.len())..].iter().map(|s| s.to_string()));
    out
}

/// The paths a place of `path` (slash-separated, from its continent)
/// had under the former states it lay in, for a search that names it:
/// `Europe/Germany` gives `Europe/West Germany` and `Europe/East
/// Germany`, `Europe/Russia/Moscow` gives `Europe/Soviet
/// Union/Russia/Moscow`. Empty for other places.
pub fn earlier_paths(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    former_states()
        .iter()
        .filter(|f| member_of(f, &segments, true))
        .map(|f| under(f, &segments).join("/"))
        .collect()
}

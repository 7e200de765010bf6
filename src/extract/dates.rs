//! TEMPORARY placeholder until the dates module lands.
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year = 1,
    Month = 2,
    Day = 3,
}
impl PartialDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            _ => Precision::Day,
        }
    }
    pub fn first_day(&self) -> jiff::civil::Date {
        jiff::civil::date(
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1),
        )
    }
}
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}
pub struct Published {
    pub date: PartialDate,
    pub timestamp: Option<jiff::Timestamp>,
}
pub fn parse_published(s: &str) -> Option<Published> {
    let d: jiff::civil::Date = s.get(..10)?.parse().ok()?;
    Some(Published {
        date: PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        },
        timestamp: None,
    })
}
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}
pub fn mentioned_dates(
    _text: &str,
    _p: Option<PartialDate>,
) -> Vec<DateMention> {
    Vec::new()
}
pub fn dateline_date(_text: &str, _y: Option<i16>) -> Option<PartialDate> {
    None
}
pub fn date_from_path(_p: &str) -> Option<PartialDate> {
    None
}

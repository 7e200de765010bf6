//! TEMPORARY placeholder until the query dates module lands.
use jiff::civil::Date;
pub struct DateFilter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub phrase: String,
}
pub fn extract_date_filter(q: &str, _t: Date) -> (String, Vec<DateFilter>) {
    (q.to_string(), Vec::new())
}
pub fn extract_mentioned_filter(
    q: &str,
    _t: Date,
) -> (String, Vec<DateFilter>) {
    (q.to_string(), Vec::new())
}
pub fn parse_date_arg(s: &str, _t: Date) -> Result<(Date, Date), String> {
    let d: Date = s.parse().map_err(|e: jiff::Error| e.to_string())?;
    Ok((d, d))
}

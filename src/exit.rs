//! Exit codes: 0 results, 1 no results, 2 error.

/// How a run of newsdex ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Results found or work done.
    Success,
    /// A search that found nothing.
    NoResults,
    /// Bad usage, unreadable index, fatal input errors.
    Error,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NoResults => 1,
            Outcome::Error => 2,
        }
    }

    /// `Success` when `found`, else `NoResults`.
    pub fn found(found: bool) -> Outcome {
        if found {
            Outcome::Success
        } else {
            Outcome::NoResults
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Outcome::Success.code(), 0);
        assert_eq!(Outcome::NoResults.code(), 1);
        assert_eq!(Outcome::Error.code(), 2);
        assert_eq!(Outcome::found(false), Outcome::NoResults);
    }
}

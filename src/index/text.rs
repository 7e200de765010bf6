//! The text analyzer of the full-text fields: tantivy's `en_stem`
//! (alphanumeric runs, tokens over 40 bytes dropped, lowercased, English
//! Snowball stems) with a memo of stems.
//!
//! Stemming is a large share of indexing time, and news text repeats the
//! same few thousand words over and over, so each analyzer keeps the
//! stems it has computed. The tokens are exactly those of tantivy's own
//! `en_stem`, so an index written with either is read the same way; the
//! analyzer is registered under that name on every index newsdex opens.

use rustc_hash::FxHashMap;

use frostem::Algorithm;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Words longer than this (in bytes) are stemmed without the memo:
/// they are rare, and the memo stays small.
const MEMO_WORD_BYTES: usize = 24;
/// The memo is emptied when it holds this many words, so that its memory
/// stays bounded whatever the text.
const MEMO_WORDS: usize = 200_000;

/// The analyzer the full-text fields use.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(MemoStemmer)
        .build()
}

/// English stemming that remembers the stems it computed.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner,
            stemmer: frostem::Stemmer::new(Algorithm::English),
            memo: FxHashMap::default(),
        }
    }
}

/// The tokenizer [`MemoStemmer`] makes: `inner`'s tokens, stemmed.
#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    /// The Snowball stemmer tantivy's `en_stem` uses.
    stemmer: frostem::Stemmer,
    /// Word -> stem. Each clone (tantivy clones an analyzer per indexing
    /// thread) has its own.
    memo: FxHashMap<Box<str>, Box<str>>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() >= MEMO_WORDS {
            self.memo.clear();
        }
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: self.stemmer,
        }
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, S> {
    tail: S,
    memo: &'a mut FxHashMap<Box<str>, Box<str>>,
    stemmer: frostem::Stemmer,
}

impl<S: TokenStream> TokenStream for MemoStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        let stemmed: String = if text.len() > MEMO_WORD_BYTES {
            self.stemmer.stem(text).into_owned()
        } else if let Some(memo) = self.memo.get(text.as_str()) {
            text.clear();
            text.push_str(memo);
            return true;
        } else {
            let stemmed = self.stemmer.stem(text).into_owned();
            self.memo.insert(text.as_str().into(), stemmed.as_str().into());
            stemmed
        };
        *text = stemmed;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, Stemmer};

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[track_caller]
    fn check(text: &str) {
        let reference = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        assert_eq!(tokens(analyzer(), text), tokens(reference, text));
    }

    #[test]
    fn tokens_are_those_of_en_stem() {
        check("Trade talks in Kuala Lumpur: the talks continued talking.");
        check("Émigrés' cafés RÉSUMÉS naïvely Straße");
        check("a supercalifragilisticexpialidociouslywords word");
        check(&"x".repeat(41));
        check("");
        check("1987 U.S. $3.5 billion, 12,000 tonnes");
    }

    #[test]
    fn the_memo_serves_repeated_words() {
        let mut a = analyzer();
        let first = tokens(a.clone(), "running runs ran");
        let mut stream = a.token_stream("running runs ran running");
        let mut again = Vec::new();
        while stream.advance() {
            again.push(stream.token().text.clone());
        }
        assert_eq!(again[..3], first[..]);
        assert_eq!(again[3], first[0]);
    }
}

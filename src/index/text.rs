//! The text analyzer of the full-text fields: words as tantivy's
//! `en_stem` makes them (alphanumeric runs, tokens of 40 bytes or more
//! dropped, lowercased, English Snowball stems), less the English stop
//! words, in one pass with a memo of stems.
//!
//! Tokenizing and stemming is the largest share of what tantivy spends
//! on an article, so the analyzer does in one loop what a chain of four
//! tantivy filters does in four: it finds a word, lowercases it (ASCII
//! without leaving the byte loop), drops it when it is a stop word and
//! replaces it by its stem, which it remembers, since news text repeats
//! the same few thousand words over and over.
//!
//! Stop words ([`STOP_WORDS`]: "the", "of", "to", ... the list of the
//! English analyzers of Lucene and Elasticsearch, less "no" and "not")
//! are about a quarter of the words of news text and carry no meaning a
//! search can use; leaving them out of the index makes it smaller and
//! faster to build. They still take their position, so a phrase keeps
//! its shape: "Bank of England" is `bank` and `england` two positions
//! apart, and finds the text it was taken from. Queries run through the
//! same analyzer, so a stop word in a query asks for nothing.
//!
//! The analyzer is registered under its own name, `newsdex_en` (the
//! name the schema gives the full-text fields), on every index newsdex
//! opens; an index opened some other way has no analyzer of that name,
//! rather than tantivy's `en_stem` in its place.
//!
//! Each analyzer has its own memo, which starts empty: a search's
//! analyzers (its query, its snippets) would stem every word of the
//! hits' texts again. A server learns the stems of the archive's words
//! once ([`Stems`]) and shares them, read-only, with every analyzer it
//! makes.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use frostem::Algorithm;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Words of this many bytes or more are dropped, as tantivy's
/// `RemoveLongFilter::limit(40)` does in `en_stem`.
const MAX_WORD_BYTES: usize = 40;
/// Words longer than this (in bytes) are stemmed without the memo:
/// they are rare, and the memo stays small.
const MEMO_WORD_BYTES: usize = 24;
/// The memo is emptied when it holds this many words, so that its memory
/// stays bounded whatever the text.
const MEMO_WORDS: usize = 200_000;

/// Words left out of the full-text fields, lowercased: the English stop
/// words of Lucene's and Elasticsearch's English analyzers, less "no"
/// and "not" (a negation can matter in news: "no confidence").
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in",
    "into", "is", "it", "of", "on", "or", "such", "that", "the", "their",
    "then", "there", "these", "they", "this", "to", "was", "will", "with",
];

/// Whether a lowercased word is one of [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    (1..=5).contains(&word.len()) && is_stop_key(pack(word.as_bytes()))
}

/// Whether a packed word of at most five bytes is a stop word. Every
/// stop word is 1 to 5 bytes long, so a word is looked up as one
/// integer, without comparing strings.
fn is_stop_key(key: u64) -> bool {
    STOP_KEYS.binary_search(&key).is_ok()
}

/// The first eight bytes of a word as one integer (little-endian, zero
/// bytes after the end), as in the first part of a [`MemoKey`].
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// [`STOP_WORDS`] packed, sorted.
const STOP_KEYS: [u64; STOP_WORDS.len()] = {
    let mut keys = [0u64; STOP_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    // Insertion sort: const code has no sort.
    let mut j = 1;
    while j < keys.len() {
        let mut k = j;
        while k > 0 && keys[k - 1] > keys[k] {
            let t = keys[k];
            keys[k] = keys[k - 1];
            keys[k - 1] = t;
            k -= 1;
        }
        j += 1;
    }
    keys
};

/// The analyzer the full-text fields use.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::default()).build()
}

/// Words, lowercased, stop words dropped, stemmed: see the module docs.
#[derive(Clone)]
pub struct NewsTokenizer {
    token: Token,
    /// The Snowball stemmer tantivy's `en_stem` uses.
    stemmer: frostem::Stemmer,
    /// Lowercased word -> stem. Each clone (tantivy clones an analyzer
    /// per indexing thread) has its own.
    memo: FxHashMap<MemoKey, Stem>,
    /// Stems learnt beforehand, shared by every clone, read first.
    learnt: Option<Arc<FxHashMap<MemoKey, Stem>>>,
}

/// The stems of the words of some texts, learnt once and shared by the
/// analyzers made with them ([`Stems::analyzer`]), which then stem those
/// words no more. At most [`MEMO_WORDS`] words.
pub struct Stems {
    tokenizer: NewsTokenizer,
}

impl Default for Stems {
    fn default() -> Stems {
        Stems::new()
    }
}

impl Stems {
    /// None learnt yet.
    pub fn new() -> Stems {
        Stems { tokenizer: NewsTokenizer::default() }
    }

    /// Learns the stems of the words of `text`, while there is room.
    pub fn learn(&mut self, text: &str) {
        if self.tokenizer.memo.len() >= MEMO_WORDS {
            return;
        }
        let mut stream = self.tokenizer.token_stream(text);
        while stream.advance() {}
    }

    /// The analyzer of the full-text fields ([`analyzer`]), with the
    /// stems learnt: it gives the same tokens.
    pub fn analyzer(mut self) -> TextAnalyzer {
        let learnt = std::mem::take(&mut self.tokenizer.memo);
        self.tokenizer.learnt = Some(Arc::new(learnt));
        TextAnalyzer::builder(self.tokenizer).build()
    }
}

/// A lowercased word of at most [`MEMO_WORD_BYTES`] bytes as three
/// integers, padded with zero bytes (no word has one: NUL is not
/// alphanumeric), so that looking it up compares integers instead of
/// strings.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct MemoKey([u64; 3]);

impl MemoKey {
    /// The key of the word `text[from..to]`, ASCII letters and digits of
    /// at most [`MEMO_WORD_BYTES`] bytes, lowercased. Reads the text
    /// eight bytes at a time (a letter or digit is lowercased by setting
    /// its 0x20 bit).
    fn of_ascii(text: &[u8], from: usize, to: usize) -> MemoKey {
        let mut parts = [0u64; 3];
        for (j, part) in parts.iter_mut().enumerate() {
            let at = from + 8 * j;
            if at >= to {
                break;
            }
            let len = (to - at).min(8);
            let eight: [u8; 8] = match text.get(at..at + 8) {
                Some(eight) => eight.try_into().unwrap_or_default(),
                None => {
                    let mut eight = [0u8; 8];
                    eight[..len].copy_from_slice(&text[at..to]);
                    eight
                }
            };
            let mask = u64::MAX >> (8 * (8 - len));
            *part = (u64::from_le_bytes(eight) | 0x2020_2020_2020_2020) & mask;
        }
        MemoKey(parts)
    }

    /// The key's bytes: the word, zero bytes after it.
    fn bytes(&self) -> [u8; MEMO_WORD_BYTES] {
        let mut out = [0u8; MEMO_WORD_BYTES];
        for (chunk, part) in out.chunks_mut(8).zip(self.0) {
            chunk.copy_from_slice(&part.to_le_bytes());
        }
        out
    }
}

/// ASCII bytes as chars.
fn ascii(bytes: &[u8]) -> impl Iterator<Item = char> + '_ {
    bytes.iter().map(|&b| char::from(b))
}

/// A memoised stem, as the head of its word it keeps and what follows
/// that head ("happy" -> "happi": keep 4, tail "i"), so that a memo
/// entry holds no pointer and a look-up reads one cache line.
#[derive(Clone, Copy)]
struct Stem {
    keep: u8,
    tail_len: u8,
    tail: [u8; 6],
}

impl Stem {
    /// The stem of `word` as its head and tail; `None` when the tail is
    /// longer than six bytes (such stems are not memoised).
    fn of(word: &[u8], stem: &[u8]) -> Option<Stem> {
        let keep = word.iter().zip(stem).take_while(|(a, b)| a == b).count();
        let rest = &stem[keep..];
        let mut tail = [0u8; 6];
        tail.get_mut(..rest.len())?.copy_from_slice(rest);
        Some(Stem {
            keep: u8::try_from(keep).ok()?,
            tail_len: u8::try_from(rest.len()).ok()?,
            tail,
        })
    }
}

impl Default for NewsTokenizer {
    fn default() -> NewsTokenizer {
        NewsTokenizer {
            token: Token::default(),
            stemmer: frostem::Stemmer::new(Algorithm::English),
            memo: FxHashMap::default(),
            learnt: None,
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        if self.memo.len() >= MEMO_WORDS {
            self.memo.clear();
        }
        self.token.reset();
        NewsTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            memo: &mut self.memo,
            learnt: self.learnt.as_deref(),
            stemmer: self.stemmer,
        }
    }
}

/// The token stream of [`NewsTokenizer`].
pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    memo: &'a mut FxHashMap<MemoKey, Stem>,
    learnt: Option<&'a FxHashMap<MemoKey, Stem>>,
    stemmer: frostem::Stemmer,
}

/// [`BYTE_CLASS`] of an ASCII byte that is not a letter or digit.
const SEPARATOR: u8 = 0;
/// [`BYTE_CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`BYTE_CLASS`] of a byte of a character beyond ASCII.
const OTHER: u8 = 2;

/// What each byte is, for scanning text a byte at a time.
static BYTE_CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 0x80 {
        class[b] =
            if (b as u8).is_ascii_alphanumeric() { ALNUM } else { SEPARATOR };
        b += 1;
    }
    class
};

/// A run of alphanumeric characters.
struct Word {
    from: usize,
    to: usize,
    /// Whether it is ASCII letters and digits alone.
    ascii: bool,
}

impl NewsTokenStream<'_> {
    /// The next word from `self.at`.
    fn next_word(&mut self) -> Option<Word> {
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = self.at;
        // Find the start: ASCII bytes by table, other characters decoded.
        let from = loop {
            while i < n && BYTE_CLASS[usize::from(bytes[i])] == SEPARATOR {
                i += 1;
            }
            if i == n {
                self.at = n;
                return None;
            }
            if bytes[i] < 0x80 {
                break i;
            }
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                break i;
            }
            i += c.len_utf8();
        };
        // Find the end likewise.
        let mut ascii = true;
        while i < n {
            let b = bytes[i];
            match BYTE_CLASS[usize::from(b)] {
                ALNUM => i += 1,
                SEPARATOR => break,
                _ => {
                    let Some(c) = text[i..].chars().next() else { break };
                    if !c.is_alphanumeric() {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
            }
        }
        self.at = i;
        Some(Word { from, to: i, ascii })
    }

    /// Sets the token's text to the stem of a short word of ASCII
    /// letters and digits, from the memo when it is there; false for a
    /// stop word.
    fn stem_short(&mut self, from: usize, to: usize) -> bool {
        let len = to - from;
        let memo_key = MemoKey::of_ascii(self.text.as_bytes(), from, to);
        if len <= 5 && is_stop_key(memo_key.0[0]) {
            return false;
        }
        let key = memo_key.bytes();
        let text = &mut self.token.text;
        text.clear();
        if len < 3 {
            // Snowball's English stemmer leaves words of one or two
            // letters as they are.
            text.extend(ascii(&key[..len]));
        } else if let Some(stem) = self
            .learnt
            .and_then(|l| l.get(&memo_key))
            .or_else(|| self.memo.get(&memo_key))
        {
            text.extend(ascii(&key[..usize::from(stem.keep)]));
            text.extend(ascii(&stem.tail[..usize::from(stem.tail_len)]));
        } else {
            text.extend(ascii(&key[..len]));
            let stemmed = self.stemmer.stem(text).into_owned();
            if let Some(stem) = Stem::of(&key[..len], stemmed.as_bytes()) {
                self.memo.insert(memo_key, stem);
            }
            *text = stemmed;
        }
        true
    }

    /// Sets the token's text to the stem of any word; false for a stop
    /// word.
    fn stem_any(&mut self, word: &str) -> bool {
        let text = &mut self.token.text;
        text.clear();
        // As tantivy's LowerCaser: char by char, no final sigma.
        for c in word.chars() {
            text.extend(c.to_lowercase());
        }
        if is_stop_word(text) {
            return false;
        }
        let stemmed = self.stemmer.stem(text).into_owned();
        *text = stemmed;
        true
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(word) = self.next_word() {
            // Every word takes a position, kept or not, as in tantivy's
            // chain of filters.
            self.token.position = self.token.position.wrapping_add(1);
            let len = word.to - word.from;
            if len >= MAX_WORD_BYTES {
                continue;
            }
            let kept = if word.ascii && len <= MEMO_WORD_BYTES {
                self.stem_short(word.from, word.to)
            } else {
                self.stem_any(&self.text[word.from..word.to])
            };
            if kept {
                self.token.offset_from = word.from;
                self.token.offset_to = word.to;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
        StopWordFilter,
    };

    /// Text, position and offsets of every token.
    fn tokens(
        mut analyzer: TextAnalyzer,
        text: &str,
    ) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    /// Tantivy's own chain of filters that the analyzer stands for.
    fn reference() -> TextAnalyzer {
        let stop: Vec<String> =
            STOP_WORDS.iter().map(|w| w.to_string()).collect();
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(StopWordFilter::remove(stop))
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[track_caller]
    fn check(text: &str) {
        assert_eq!(tokens(analyzer(), text), tokens(reference(), text));
    }

    #[test]
    fn tokens_are_those_of_en_stem_less_stop_words() {
        check("Trade talks in Kuala Lumpur: the talks continued talking.");
        check("Émigrés' cafés RÉSUMÉS naïvely Straße ΣΟΦΙΑ İstanbul");
        check("a supercalifragilisticexpialidociouslywords word");
        check(&"x".repeat(39));
        // Around the memo's longest word.
        check("nationalizations nationalizationss nationalizationsss");
        check(&format!("{0}ing {0}s {0}ings {0}", "y".repeat(21)));
        check(&"x".repeat(40));
        check(&format!("{} é{}", "x".repeat(41), "é".repeat(20)));
        check("");
        check("  ,,, ");
        check("1987 U.S. $3.5 billion, 12,000 tonnes — 中文 كلمة ١٢");
        check("The THE tHe No not NOT Such SUCH into INTO");
        check("Bank of England's governor, and the U.N.'s envoy.");
    }

    #[test]
    fn tokens_of_real_and_random_text() {
        check(include_str!("../../sample_corpus/wire.jsonl"));
        // Random text over ASCII, punctuation, accents, other scripts.
        let alphabet: Vec<char> =
            "aAbBeEiIoOtTsSnN09 .,'’-_/éÉßΣσİıçÇ中文ك١\n\t".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200 {
            let text: String = (0..300)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            check(&text);
        }
    }

    #[test]
    fn stop_words_keep_their_positions() {
        let got = tokens(analyzer(), "Bank of England");
        let words: Vec<(&str, usize)> =
            got.iter().map(|t| (t.0.as_str(), t.1)).collect();
        assert_eq!(words, [("bank", 0), ("england", 2)]);
        assert!(tokens(analyzer(), "the and of").is_empty());
        assert_eq!(tokens(analyzer(), "no deal")[0].0, "no");
    }

    #[test]
    fn stop_words_are_lowercase_and_short() {
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w}");
            assert_eq!(w.to_lowercase(), *w);
        }
        assert!(!is_stop_word("said"));
        assert!(!is_stop_word("The"));
        assert!(!is_stop_word(""));
    }

    #[test]
    fn stems_are_kept_as_head_and_tail() {
        let parts = |word: &str, stem: &str| {
            Stem::of(word.as_bytes(), stem.as_bytes()).map(|s| {
                let tail = &s.tail[..usize::from(s.tail_len)];
                (s.keep, String::from_utf8(tail.to_vec()).unwrap())
            })
        };
        assert_eq!(parts("studies", "studi"), Some((5, "".into())));
        assert_eq!(parts("happy", "happi"), Some((4, "i".into())));
        assert_eq!(parts("generously", "generous"), Some((8, "".into())));
        assert_eq!(parts("skies", "sky"), Some((2, "y".into())));
        assert_eq!(parts("ab", "abcdefghi"), None);
    }

    #[test]
    fn learnt_stems_give_the_same_tokens() {
        let texts = [
            "Running runs ran; the studies of happy skies.",
            "Generously GENERATED generations, étude in Zürich 1987",
        ];
        let mut stems = Stems::new();
        stems.learn(texts[0]);
        let learnt = stems.analyzer();
        for text in texts.iter().chain(&["skies running étude happily"]) {
            assert_eq!(tokens(learnt.clone(), text), tokens(analyzer(), text));
        }
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
        let first: Vec<String> = first.into_iter().map(|t| t.0).collect();
        assert_eq!(again[..3], first[..]);
        assert_eq!(again[3], first[0]);
    }
}

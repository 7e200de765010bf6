//! Every word list of the extractors, in one place.
//!
//! Titles, abbreviations, family names, place-scanner stop words,
//! boilerplate: data, not code. Each list says what it is for and who
//! reads it. Where two lists look alike but differ in members, they are
//! kept apart on purpose (each is matched its own way, and merging them
//! would change what is extracted); their docs say why, and the tests
//! below check how they relate. Month and weekday names with their
//! numbers, and the cue words of date phrases, are part of the date
//! grammar in `extract::dates`.

// ---------------------------------------------------------------------
// Calendar

/// Month and weekday names: capitalised, never people or places.
pub(crate) const CALENDAR_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

// ---------------------------------------------------------------------
// Abbreviations: three lists, each matched its own way

/// Words that keep their final period and do not end a sentence, for
/// the tagger's tokenizer (`ner::tokenize`), matched ignoring ASCII case.
/// The widest list: it holds every member of [`NAME_ABBREVIATIONS`] and
/// [`PLACE_SCAN_ABBREVIATIONS`] (a test checks it), plus month, weekday
/// and unit abbreviations, which the tokenizer must keep whole but which
/// never end a name.
pub(crate) const TOKEN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "corp",
    "co", "ltd", "plc", "bros", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx",
    "ave", "mt", "ft", "rev", "hon", "pres", "dept", "est", "fig", "vol",
    "op", "pct", "mln", "bln", "govt", "assn", "cos",
];

/// Abbreviations whose final dot belongs to a name that ends with them
/// ("Acme Inc.", "Martin Luther King Jr."), for the name resolver,
/// matched ignoring case. Narrower than [`TOKEN_ABBREVIATIONS`]: a name
/// ending in "Sept" or "pct" keeps no dot.
#[rustfmt::skip]
pub(crate) const NAME_ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "bros", "jr", "sr", "st", "dept", "no", "mr",
    "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof", "rev",
];

/// Abbreviations whose period belongs to the word for the place scanner:
/// place prefixes ("St. Louis") and titles, so that "Mr. Jordan" is one
/// name, not a sentence end followed by a country. Matched as written
/// (capitalised). Narrower than [`TOKEN_ABBREVIATIONS`].
pub(crate) const PLACE_SCAN_ABBREVIATIONS: &[&str] = &[
    "Capt", "Col", "Dr", "Ft", "Gen", "Gov", "Lt", "Mr", "Mrs", "Ms", "Mt",
    "Prof", "Rep", "Sen", "Sgt", "St",
];

// ---------------------------------------------------------------------
// Titles and people

/// Titles that come right before a person's name, as written: the rules
/// of `extract::entities` make the capitalised words after one a person
/// ("Vice Premier He Lifeng"). A short, case-sensitive list of the titles
/// the tagger misses; the name resolver strips titles with the wider,
/// case-blind [`CORE_TITLES`] (a test checks that every word here is a
/// title word there).
pub(crate) const NAME_TITLES: &[&[&str]] = &[
    &["Vice", "Premier"],
    &["Premier"],
    &["Vice", "President"],
    &["President"],
    &["Prime", "Minister"],
    &["Minister"],
    &["Secretary"],
    &["Representative"],
    &["Senator"],
    &["Sen."],
    &["Governor"],
    &["Gov."],
    &["Chancellor"],
    &["Ambassador"],
    &["Chairman"],
    &["Mr."],
    &["Mr"],
    &["Ms."],
    &["Ms"],
    &["Mrs."],
    &["Dr."],
];

/// Words that are capitalised but never a name after a title (besides
/// months and weekdays, [`CALENDAR_WORDS`]).
pub(crate) const NOT_NAMES_AFTER_TITLE: &[&str] =
    &["of", "and", "for", "the", "The", "On", "In", "At"];

/// Titles that can stand right before a name (lower case).
#[rustfmt::skip]
pub(crate) const CORE_TITLES: &[&str] = &[
    "president", "premier", "minister", "secretary", "representative",
    "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo",
    "executive", "governor", "gov", "gov.", "senator", "sen", "sen.", "rep",
    "rep.", "congressman", "congresswoman", "lawmaker", "king", "queen",
    "pope", "sheikh", "sheik", "emir", "prince", "princess", "emperor",
    "empress", "sultan", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
    "prof", "prof.", "professor", "sir", "dame", "lord", "lady", "mayor",
    "ambassador", "envoy", "chancellor", "speaker", "director", "commissioner",
    "judge", "justice", "general", "gen.", "admiral", "colonel", "col.",
    "captain", "capt.", "commander", "spokesman", "spokeswoman",
    "spokesperson", "negotiator", "adviser", "advisor", "leader", "chief",
    "secretary-general", "director-general", "president-elect",
    "vice-president", "vice-premier", "attorney-general", "treasurer",
    "governor-general", "rev.", "reverend", "cardinal", "archbishop", "bishop",
    "rabbi", "imam", "ayatollah", "founder", "co-founder", "mp", "mep",
];

/// Words that are part of a title only before a core title, or after
/// "of" ("Secretary of State").
#[rustfmt::skip]
pub(crate) const TITLE_QUALIFIERS: &[&str] = &[
    "vice", "deputy", "prime", "crown", "assistant", "associate", "under",
    "foreign", "finance", "treasury", "trade", "commerce", "defence",
    "defense", "interior", "home", "state", "economy", "economic", "energy",
    "health", "labor", "labour", "education", "agriculture", "transport",
    "transportation", "attorney", "surgeon", "lieutenant", "majority",
    "minority", "house", "senate", "supreme", "press", "white", "national",
    "security", "federal", "reserve", "fed", "central", "bank", "party",
    "opposition", "army", "military", "police", "executive", "managing",
    "general", "chief", "communist", "foreign-affairs", "climate",
    "environment", "justice", "industry", "technology", "information",
    "international", "affairs", "court", "council", "cabinet", "union",
    "company", "group",
];

/// Qualifiers of a title that say when or how the office is held
/// ("former", "acting"): part of a title before a core title, and dropped
/// from normalised titles.
#[rustfmt::skip]
pub(crate) const TENURE_QUALIFIERS: &[&str] = &[
    "former", "acting", "then", "late", "incoming", "outgoing", "interim",
    "top", "senior", "new",
];

/// Honorifics: titles that say nothing about the office.
#[rustfmt::skip]
pub(crate) const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame",
    "prof", "prof.", "professor",
];

/// Nationalities and country names that may open a title ("US
/// President"), lower case.
#[rustfmt::skip]
pub(crate) const TITLE_NATIONALITIES: &[&str] = &[
    "us", "u.s.", "u.s", "usa", "uk", "u.k.", "eu", "un", "u.n.", "american",
    "british", "chinese", "china's", "japanese", "japan's", "russian",
    "russia's", "french", "german", "indian", "india's", "malaysian",
    "malaysia's", "korean", "south", "north", "australian", "canadian",
    "italian", "spanish", "israeli", "iranian", "ukrainian", "taiwanese",
    "taiwan's", "vietnamese", "thai", "indonesian", "philippine", "filipino",
    "singaporean", "singapore's", "turkish", "saudi", "brazilian", "mexican",
    "european", "pakistani", "egyptian", "america's", "britain's", "iraqi",
    "syrian", "afghan", "nigerian", "kenyan", "polish", "dutch", "swedish",
    "norwegian", "irish",
];

/// Common Chinese, Korean and Vietnamese family names, written first.
#[rustfmt::skip]
pub(crate) const FAMILY_FIRST: &[&str] = &[
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
    "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo",
    "Zheng", "Liang", "Xi", "Han", "Tang", "Feng", "Deng", "Cao", "Peng",
    "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du",
    "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Mao",
    "Wen", "Bo", "Qin", "Xie", "Fu", "Fan", "Fang", "Shi", "Kong", "Lai",
    "Tsai", "Chiang", "Ko", "Wong", "Chan", "Leung", "Cheung", "Lam", "Ng",
    "Ho", "Lee", "Kim", "Park", "Choi", "Moon", "Yoon", "Kang", "Jung",
    "Jeong", "Cho", "Yoo", "Lim", "Shin", "Oh", "Kwon", "Hwang", "Ahn", "Song",
    "Hong", "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Vo",
    "Dang", "Bui", "Do", "Ngo", "Duong", "Ly",
];

/// One-word names that are also common English words: at the start of a
/// sentence without a title they are not names.
#[rustfmt::skip]
pub(crate) const PRONOUN_LIKE: &[&str] = &[
    "He", "She", "It", "We", "They", "I", "You", "His", "Her", "Him", "Its",
    "Our", "Their", "Me", "Do", "So", "No", "An", "Oh", "Ye", "Go", "On", "In",
    "At", "As", "If", "Or", "Le",
];

/// Generational suffixes after a surname.
pub(crate) const GENERATIONAL_SUFFIXES: &[&str] =
    &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];

// ---------------------------------------------------------------------
// Organisations

/// Words that end organisation names ("Asia-Pacific Economic
/// Cooperation"): a person mention that is one of them is the end of an
/// organisation's name (`extract::entities`).
pub(crate) const ORG_NAME_ENDINGS: &[&str] = &[
    "Cooperation",
    "Organization",
    "Organisation",
    "Association",
    "Council",
    "Union",
    "Fund",
    "Forum",
    "Commission",
    "Ministry",
    "Agency",
    "Corporation",
    "Committee",
    "Federation",
    "Institute",
    "Authority",
];

/// Legal suffixes of organisation names, compared in lower case without
/// dots: "Microsoft Corp." and "Microsoft" are one company. Read by
/// `canon::key`, which drops them from the end of a name.
pub(crate) const LEGAL_SUFFIXES: &[&str] = &[
    "ab",
    "ag",
    "bhd",
    "bv",
    "co",
    "corp",
    "corporation",
    "cos",
    "gmbh",
    "inc",
    "incorporated",
    "kg",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "nv",
    "oyj",
    "plc",
    "pty",
    "sa",
    "sarl",
    "spa",
];

/// Nicknames of organisations that news writes as often as their names,
/// in `canon::key` form (lower case, no dots, a trailing "party" and
/// legal suffix already dropped) with the key of the name they stand
/// for. Read by `canon::key`: "Tories" and "Conservative Party" are one
/// party, "Big Board" and "New York Stock Exchange" one exchange. Only
/// names that mean one organisation wherever they are written.
pub(crate) const ORG_NICKNAMES: &[(&str, &str)] = &[
    ("big board", "new york stock exchange"),
    ("gop", "republican"),
    ("lib dem", "liberal democrat"),
    ("lib dems", "liberal democrat"),
    ("libdems", "liberal democrat"),
    ("tories", "conservative"),
    ("tory", "conservative"),
];

/// Given names and the name they are short for, in lower case: "Jim
/// Wright" and "James Wright" are one person when an archive writes
/// both. Read by `canon::key` (a person's first word only). Only common
/// English short forms that stand for one given name.
pub(crate) const GIVEN_NAME_FORMS: &[(&str, &str)] = &[
    ("andy", "andrew"),
    ("bill", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("chuck", "charles"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("dick", "richard"),
    ("don", "donald"),
    ("fred", "frederick"),
    ("greg", "gregory"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("matt", "matthew"),
    ("mike", "michael"),
    ("nick", "nicholas"),
    ("pete", "peter"),
    ("phil", "philip"),
    ("ron", "ronald"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("tony", "anthony"),
    ("walt", "walter"),
];

/// Heads of organisation names that end in "of" and a place ("Bank of
/// England", "University of California"): the place scanner does not
/// take the place out of them. Not [`ORG_NAME_ENDINGS`]: these are the
/// words before "of", those the last word of a name.
pub(crate) const ORG_HEADS_BEFORE_OF: &[&str] = &[
    "Academy",
    "Association",
    "Bank",
    "Chamber",
    "Church",
    "Club",
    "College",
    "Council",
    "Court",
    "Hospital",
    "Institute",
    "Museum",
    "School",
    "Society",
    "University",
];

// ---------------------------------------------------------------------
// Places: the gazetteer scanner

/// Words that are never taken as places by [`find_places`] on their own:
/// place names that in news text are mostly ordinary words, person names
/// or clubs (checked against the CoNLL-2003 training data, where these
/// appear lower-case or tagged as persons far more often than as places).
pub(crate) const PLACE_SCAN_STOP: &[&str] = &[
    "Acre",
    "Ajax",
    "Along",
    "Ann",
    "Bath",
    "Batman",
    "Brent",
    "Bush",
    "Can",
    "Carolina",
    "Chandler",
    "Chas",
    "Commonwealth",
    "Constantine",
    "Cork",
    "Crawley",
    "Davenport",
    "Delta",
    "Douglas",
    "Elizabeth",
    "Enterprise",
    "Formosa",
    "George",
    "Gilbert",
    "Hamilton",
    "Hassan",
    "Henderson",
    "Hitachi",
    "Independence",
    "Irvine",
    "Irving",
    "Jackson",
    "Jos",
    "Kennedy",
    "Kent",
    "Leon",
    "Lincoln",
    "Lira",
    "Male",
    "Man",
    "Mantilla",
    "March",
    "Mary",
    "Masai",
    "Metro",
    "Midland",
    "Moreno",
    "Munster",
    "Nancy",
    "Negara",
    "Newton",
    "Nigel",
    "Norman",
    "Of",
    "Ontario",
    "Orange",
    "Paterson",
    "Pereira",
    "Police",
    "Prince Edward",
    "Regina",
    "Richardson",
    "Rio Tinto",
    "Rodriguez",
    "Saga",
    "Sale",
    "San",
    "Santander",
    "Santos",
    "Stanley",
    "Surprise",
    "Surrey",
    "Sutton",
    "Tanghe",
    "Torrance",
    "Toyota",
    "Tyler",
    "Van",
    "Vaughan",
    "Victoria",
    "Vladimir",
    "Warren",
    "Yao",
];

/// Place names skipped when they open a sentence, where capitals say
/// nothing ("Reading the report…", "Nice weather…").
pub(crate) const PLACE_SCAN_STOP_SENTENCE_START: &[&str] = &[
    "Aurora",
    "Bend",
    "Darwin",
    "Eugene",
    "Hope",
    "Mobile",
    "Nice",
    "Reading",
    "Sale",
    "Split",
    "Victoria",
    "Wellington",
];

/// Lower-case words allowed inside a multi-word place name.
pub(crate) const PLACE_CONNECTORS: &[&str] = &[
    "al", "am", "and", "da", "das", "de", "del", "do", "dos", "du", "el",
    "en", "es", "la", "le", "les", "of", "on", "sur", "the", "upon", "y",
];

/// Capitalised words that may precede a place without making it part of
/// a longer name ("Central London", "On Monday Paris…").
pub(crate) const PLACE_QUALIFIERS: &[&str] = &[
    "Central", "Downtown", "East", "Eastern", "Greater", "Inner", "Metro",
    "North", "Northern", "Outer", "Rural", "South", "Southern", "Upstate",
    "West", "Western",
];

/// Last words of names of institutions that the tagger may take for
/// places because they sit somewhere ("High Court", "Supreme Court"):
/// such a name outside the gazetteer is an organisation
/// (`places::evidence`).
#[rustfmt::skip]
pub(crate) const INSTITUTION_ENDINGS: &[&str] = &[
    "Assembly", "Commission", "Council", "Court", "Ministry", "Parliament",
    "Tribunal",
];

/// Words before a name that say it is a place ("in Oakville", "near
/// the Strait of Hormuz"): the evidence an article must give for a
/// place the gazetteer does not know (`places::evidence`). "at", "from"
/// and "to" are left out: they stand as often before companies,
/// people and holidays ("at Christmas", "from Amazon").
pub(crate) const PLACE_CUES: &[&str] = &[
    "across",
    "around",
    "in",
    "inside",
    "near",
    "outside",
    "throughout",
    "within",
    "In",
    "Inside",
    "Near",
    "Outside",
    "Throughout",
    "Within",
];

/// Words that may stand between a place cue and the place ("in the
/// Gulf", "near northern Tabriz").
pub(crate) const PLACE_CUE_FILLERS: &[&str] = &[
    "the", "central", "eastern", "northern", "southern", "western", "north",
    "south", "east", "west", "rural", "downtown",
];

/// Sentence-opening words that may precede a place ("In London…").
pub(crate) const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "About",
    "Across",
    "After",
    "Along",
    "Also",
    "Although",
    "An",
    "And",
    "Around",
    "As",
    "At",
    "Before",
    "Beyond",
    "But",
    "By",
    "Despite",
    "Elsewhere",
    "Even",
    "For",
    "From",
    "However",
    "If",
    "In",
    "Inside",
    "Like",
    "Meanwhile",
    "Near",
    "Neither",
    "Nor",
    "Now",
    "Of",
    "On",
    "Only",
    "Or",
    "Outside",
    "Since",
    "So",
    "The",
    "Then",
    "Through",
    "To",
    "Unlike",
    "Until",
    "When",
    "Where",
    "While",
    "With",
    "Within",
    "Without",
    "Yet",
];

// ---------------------------------------------------------------------
// Boilerplate

/// Page furniture that looks like a name but is not one, lower case: the
/// tagger never returns a mention spelling one of these, ignoring case.
/// Kept apart from [`NAME_BOILERPLATE`]: "news" and "related coverage"
/// are dropped here, before the rules, and the resolver's longer list is
/// checked on cleaned names; merging them would change the rules' input.
pub(crate) const TAGGER_BOILERPLATE: &[&str] = &[
    "latest news",
    "top news",
    "related news",
    "more news",
    "breaking news",
    "most popular",
    "most read",
    "read more",
    "related coverage",
    "related stories",
    "editor's picks",
    "trending",
    "home",
    "news",
];

/// Page furniture that taggers pick up as names, dropped by the name
/// resolver (ignoring case).
#[rustfmt::skip]
pub(crate) const NAME_BOILERPLATE: &[&str] = &[
    "Latest News", "Breaking News", "Top News", "More News", "Top Stories",
    "Related News", "Related Articles", "Related Stories", "Read More",
    "Read Next", "Most Read", "Most Popular", "Editor's Picks",
    "Advertisement", "Sponsored", "Sponsored Content", "Sign Up", "Subscribe",
    "Newsletter", "Share", "Share This", "Follow Us", "Click Here",
    "Copyright", "All Rights Reserved", "Privacy Policy", "Terms of Use",
    "Cookie Policy", "File Photo", "Photo", "Video", "Watch", "Live",
    "Updated", "Loading", "Comments", "Home", "Menu", "Search", "Trending",
    "Skip to Content", "Back to Top",
];

/// Words that alone are no name of an organisation but a common noun
/// capitalised by a title or a longer name the tagger cut short ("the
/// Bank said", "the Commission", "Federal" of "Federal Reserve"). A name
/// made only of these (and legal suffixes) is dropped, matched ignoring
/// ASCII case. Words that alone do name one body in news ("Treasury",
/// "Congress", "Parliament", "Labour") are not here.
#[rustfmt::skip]
pub(crate) const GENERIC_ORG_WORDS: &[&str] = &[
    "academy", "administration", "agency", "airlines",
    "army", "association", "authority", "bank", "board",
    "brothers", "bureau", "business", "cabinet", "capital", "central",
    "channel", "chief", "city", "club", "college", "commission",
    "committee", "company", "corporation", "council", "court",
    "department", "development", "exchange", "federal", "federation",
    "financial", "fund", "general", "government", "group", "holding",
    "holdings", "industries", "industry", "institute",
    "investment", "investors", "ministry", "national", "navy", "office",
    "organisation", "organization", "partners", "police", "radio",
    "school", "securities", "service", "services", "sons", "trust", "union",
    "united", "university",
];

/// Abbreviations of common nouns, written in capitals, that the tagger
/// takes for organisations: "PC", "TV", "MP", "M&A". Matched exactly.
#[rustfmt::skip]
pub(crate) const COMMON_NOUN_ACRONYMS: &[&str] = &[
    "AM", "ATM", "CD", "CDs", "CEO", "CEOs", "CFO", "COO", "CPI", "CTO",
    "DJ", "DNA", "DVD", "DVDs", "FM", "GDP", "GMT", "GNP", "HD", "HIV",
    "ID", "IPO", "IPOs", "IT", "M&A", "MEP", "MEPs", "MP", "MPs", "MP3",
    "OK", "PC", "PCs", "PM", "PPI", "PR", "QC", "R&B", "R&D", "SMS", "SUV",
    "SUVs", "TV", "UHF", "VAT", "VCR", "VHF",
];

/// One-word "people" that are ordinary words the tagger capitalised
/// context fooled: a bill before a legislature, compass points, the
/// Richter scale. Matched exactly (capitalised as written).
#[rustfmt::skip]
pub(crate) const NOT_PERSON_WORDS: &[&str] = &[
    "Bill", "Chief", "East", "God", "North", "Richter", "South", "West",
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady",
];

/// Words that open a credit line of wire copy when "by" follows them
/// ("Reporting by", "Additional reporting by"), lower case, compared
/// ignoring ASCII case.
pub(crate) const CREDIT_CUES: &[&str] = &[
    "reporting",
    "reported",
    "editing",
    "edited",
    "writing",
    "written",
    "compiled",
    "graphic",
    "graphics",
];

/// First words of company names in other languages ("Companhia
/// Siderurgica Nacional", "Compagnie Generale", "Grupo Televisa"),
/// matched as written: the tagger, which learnt English names, reads
/// what follows as a person and the word itself as a name of its own
/// (`joins`).
#[rustfmt::skip]
pub(crate) const FOREIGN_COMPANY_HEADS: &[&str] = &[
    "Companhia", "Compania", "Compañía", "Compagnie", "Cia", "Cie",
    "Empresa", "Empresas", "Grupo", "Gruppo", "Industrias", "Sociedad",
    "Sociedade", "Societa", "Società", "Societe", "Société",
];

/// Last words of firm names that are no legal suffix ("Alex. Brown and
/// Sons"), matched as written.
pub(crate) const FIRM_ENDINGS: &[&str] =
    &["Sons", "Son", "Brothers", "Partners", "Associates", "Company"];

/// Words of sports reporting, lower case: three of them make a story
/// a sports story, in which organisations named after places are teams.
#[rustfmt::skip]
pub(crate) const SPORT_WORDS: &[&str] = &[
    "athletics", "bowler", "coach", "cricket", "cup", "defender",
    "fixture", "football", "goal", "goalkeeper", "goals", "innings",
    "league", "match", "midfielder", "olympic", "penalty", "premiership",
    "referee", "rugby", "scored", "squad", "striker", "tennis",
    "tournament", "wicket", "winger",
];

/// Verbs of speech, as written after the one who speaks ("Volcker
/// says"): places do not speak, so an unknown place before one is a
/// person.
#[rustfmt::skip]
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "says", "said", "told", "tells", "urges", "urged", "warns", "warned",
    "denies", "denied", "sees", "predicts", "predicted",
];

/// Last words of the names of government bodies that every country has
/// ("Finance Ministry", "Air Force"): with only [`BODY_QUALIFIERS`]
/// before them, such a name needs its country. Matched as written.
#[rustfmt::skip]
pub(crate) const BODY_HEADS: &[&str] = &[
    "Army", "Bank", "Cabinet", "Court", "Department", "Force", "Ministry",
    "Navy", "Office", "Police",
];

/// Words that say which body of a country a name is ("Finance",
/// "Foreign", "Central"): see [`BODY_HEADS`]. Matched as written.
#[rustfmt::skip]
pub(crate) const BODY_QUALIFIERS: &[&str] = &[
    "Agriculture", "Agricultural", "Air", "Central", "Commerce", "Defence",
    "Defense", "Development", "Economic", "Economics", "Economy",
    "Education", "Energy", "Environment", "Finance", "Foreign", "Health",
    "Home", "Industry", "Information", "Interior", "Justice", "Labor",
    "Labour", "Mines", "National", "Oil", "Petroleum", "Planning",
    "Reserve", "Supreme", "Trade", "Transport", "Treasury",
];

/// The [`BODY_QUALIFIERS`] that name an executive department of the
/// United States ("Commerce Department", "Labor Department"): such a
/// department of no written country is the United States' in an
/// article that names it (`bodies`). US spelling: "Defence" and
/// "Labour" are other countries'.
#[rustfmt::skip]
pub(crate) const US_DEPARTMENTS: &[&str] = &[
    "Agriculture", "Commerce", "Defense", "Education", "Energy", "Health",
    "Interior", "Justice", "Labor", "Transportation", "Treasury",
];

/// Bodies that offices are "of the" besides those that every country
/// has ([`BODY_HEADS`], [`BODY_QUALIFIERS`]): "Chancellor of the
/// Exchequer", "Speaker of the House". Matched as written.
pub(crate) const OFFICE_BODIES: &[&str] = &["Exchequer", "House", "Senate"];

/// Words for a band written just before its name ("Scottish rock band
/// Franz Ferdinand", "Glasgow group Franz Ferdinand"), lower case: a band
/// is an organisation, whatever its name looks like.
pub(crate) const BAND_CUES: &[&str] =
    &["band", "duo", "group", "outfit", "quartet", "rockers", "trio"];

/// Words for kinds of work written before a work's name ("the film
/// Million Dollar Baby"), lower case, compared ignoring ASCII case.
#[rustfmt::skip]
pub(crate) const WORK_CUES: &[&str] = &[
    "album", "blockbuster", "comedy", "console", "documentary", "drama",
    "film", "game", "handheld", "movie", "musical", "novel", "opera",
    "programme", "series", "show", "single", "sitcom", "soap", "song",
    "thriller",
];

/// Words after a name that make it a series of works: "the Lord of the
/// Rings trilogy" (`works`).
pub(crate) const SERIES_WORDS: &[&str] =
    &["franchise", "saga", "sequel", "sequels", "trilogy"];

/// Last words of the names of events: "Consumer Electronics Show",
/// "General Election", "Edinburgh Festival" (`works`). Not "Games" or
/// "Open" (firms and bodies end so: "Atari Games", "Open University").
#[rustfmt::skip]
pub(crate) const EVENT_ENDINGS: &[&str] = &[
    "Awards", "Championship", "Championships", "Cup", "Election",
    "Elections", "Expo", "Festival", "Marathon", "Olympics", "Show",
    "Summit", "Tournament",
];

/// Awards, named alone: "Oscar", "Bafta". Matched as written.
#[rustfmt::skip]
pub(crate) const AWARD_NAMES: &[&str] = &[
    "Bafta", "Brit", "Emmy", "Grammy", "Golden Globe", "Olivier", "Oscar",
    "Tony",
];

/// Function words that are no name alone, whatever the tagger says.
#[rustfmt::skip]
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "A", "An", "And", "At", "By", "For", "In", "Of", "On", "The", "To",
    "With",
];

/// Sign-offs and page furniture at the end of a body: not entities.
pub(crate) const SIGN_OFFS: &[&str] =
    &["Reuter", "REUTER", "Reuters", "Latest News"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tokenizer_keeps_every_abbreviation_the_others_keep() {
        let lower = |w: &&str| w.to_lowercase();
        let token: Vec<String> =
            TOKEN_ABBREVIATIONS.iter().map(lower).collect();
        for w in NAME_ABBREVIATIONS.iter().chain(PLACE_SCAN_ABBREVIATIONS) {
            assert!(token.contains(&w.to_lowercase()), "{w}");
        }
    }

    #[test]
    fn every_rule_title_is_a_title_for_the_resolver() {
        for title in NAME_TITLES {
            for w in title.iter().map(|w| w.to_lowercase()) {
                let known = CORE_TITLES.contains(&w.as_str())
                    || TITLE_QUALIFIERS.contains(&w.as_str());
                assert!(known, "{title:?}");
            }
            let last = title[title.len() - 1].to_lowercase();
            assert!(CORE_TITLES.contains(&last.as_str()), "{title:?}");
        }
    }

    #[test]
    fn case_blind_lists_are_ascii() {
        // `text::in_ci` and `eq_ignore_ascii_case` rely on it.
        for list in [
            NAME_ABBREVIATIONS,
            NAME_BOILERPLATE,
            FAMILY_FIRST,
            TOKEN_ABBREVIATIONS,
            TAGGER_BOILERPLATE,
        ] {
            assert!(list.iter().all(|w| w.is_ascii()));
        }
    }

    #[test]
    fn lower_case_lists_are_lower_case() {
        for list in [
            CORE_TITLES,
            TITLE_QUALIFIERS,
            TENURE_QUALIFIERS,
            HONORIFICS,
            TITLE_NATIONALITIES,
            TAGGER_BOILERPLATE,
            TOKEN_ABBREVIATIONS,
            NAME_ABBREVIATIONS,
            GENERIC_ORG_WORDS,
            CREDIT_CUES,
            SPORT_WORDS,
            WORK_CUES,
            SERIES_WORDS,
        ] {
            assert!(list.iter().all(|w| w.to_lowercase() == *w));
        }
    }
}

//! The features of one analysis.

/// Part of speech of a lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    /// A verb, named by its perfect 3rd masculine singular.
    Verb,
    /// A noun (event noun or masdar), named by its singular.
    Noun,
}

/// Verb aspect (nouns have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aspect {
    /// «فعل»: a completed event.
    Perfect,
    /// «يفعل» (indicative, subjunctive or jussive: the unvocalised spelling rarely tells).
    Imperfect,
    /// «افعل».
    Imperative,
}

/// Voice, where the spelling shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Voice {
    /// Only an active reading is spelled so.
    Active,
    /// Only a passive reading is spelled so («قيل», «اغتيل», «يقال», «دعي»).
    Passive,
    /// Active or passive: unvocalised «قتل» is both.
    Either,
}

/// Grammatical number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Number {
    /// One.
    Singular,
    /// Two.
    Dual,
    /// Three or more.
    Plural,
}

/// Grammatical gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Masculine.
    Masculine,
    /// Feminine.
    Feminine,
    /// Not marked (1st person, nouns).
    Unmarked,
}

/// What one analysis says about a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Feats {
    /// Part of speech of the reading (a verb's masdar is a noun).
    pub pos: Pos,
    /// Derived form of the verb (1–10, 11 quadriliteral; 0 for a noun that is not a masdar).
    pub form: u8,
    /// Aspect, for verbs.
    pub aspect: Option<Aspect>,
    /// Person (1–3) for verbs, 0 for nouns.
    pub person: u8,
    /// Gender.
    pub gender: Gender,
    /// Number.
    pub number: Number,
    /// Voice, for verbs.
    pub voice: Voice,
    /// The noun is the masdar of the verb lemma.
    pub masdar: bool,
    /// A short (jussive) imperfect whose spelling drops a weak letter («لم يقل», «لم يدع»): rarer
    /// than the full forms it can be mistaken for.
    pub jussive: bool,
    /// A hollow form I imperfect whose long vowel the lexicon did not give: one of «يقول», «يسير»,
    /// «ينام» is right, the others are guesses, ranked below the certain readings of other lemmas.
    pub unsure: bool,
}

impl Feats {
    pub(crate) fn verb(form: u8, aspect: Aspect, pgn: Pgn, voice: Voice) -> Feats {
        Feats {
            pos: Pos::Verb,
            form,
            aspect: Some(aspect),
            person: pgn.0,
            gender: pgn.1,
            number: pgn.2,
            voice,
            masdar: false,
            jussive: false,
            unsure: false,
        }
    }

    pub(crate) fn noun(form: u8, number: Number, masdar: bool) -> Feats {
        Feats {
            pos: Pos::Noun,
            form,
            aspect: None,
            person: 0,
            gender: Gender::Unmarked,
            number,
            voice: Voice::Either,
            masdar,
            jussive: false,
            unsure: false,
        }
    }

    /// A short tag such as `perf.3ms.act` or `noun.pl`.
    pub fn tag(&self) -> String {
        match self.pos {
            Pos::Noun => format!(
                "{}.{}",
                if self.masdar { "masdar" } else { "noun" },
                num(self.number)
            ),
            Pos::Verb => format!(
                "{}.{}{}{}.{}",
                match self.aspect {
                    Some(Aspect::Perfect) => "perf",
                    Some(Aspect::Imperfect) => "impf",
                    _ => "impv",
                },
                self.person,
                match self.gender {
                    Gender::Masculine => "m",
                    Gender::Feminine => "f",
                    Gender::Unmarked => "",
                },
                num(self.number),
                match self.voice {
                    Voice::Active => "act",
                    Voice::Passive => "pass",
                    Voice::Either => "act|pass",
                }
            ),
        }
    }
}

fn num(n: Number) -> &'static str {
    match n {
        Number::Singular => "s",
        Number::Dual => "d",
        Number::Plural => "p",
    }
}

/// Person, gender, number.
pub(crate) type Pgn = (u8, Gender, Number);
pub(crate) const S3M: Pgn = (3, Gender::Masculine, Number::Singular);
pub(crate) const S3F: Pgn = (3, Gender::Feminine, Number::Singular);
pub(crate) const D3M: Pgn = (3, Gender::Masculine, Number::Dual);
pub(crate) const D3F: Pgn = (3, Gender::Feminine, Number::Dual);
pub(crate) const P3M: Pgn = (3, Gender::Masculine, Number::Plural);
pub(crate) const P3F: Pgn = (3, Gender::Feminine, Number::Plural);
pub(crate) const S1: Pgn = (1, Gender::Unmarked, Number::Singular);
pub(crate) const P1: Pgn = (1, Gender::Unmarked, Number::Plural);
pub(crate) const P2M: Pgn = (2, Gender::Masculine, Number::Plural);

//! The plain types the coder hands to later stages.
use serde::Serialize;

/// A span of the original text, in character offsets.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Span {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// An actor of an event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Actor {
    /// Canonical English name, or the Arabic surface form when the dictionaries do not know the actor.
    pub name: String,
    /// ISO3 country, `None` for international organisations.
    pub country: Option<String>,
    /// Sector code (GOV, MIL, LEG, IGO, PTY, REB, ...).
    pub sector: String,
    /// Dictionary id (person id, org id, or ISO3 for a state).
    pub id: Option<String>,
    /// The words of the text the actor was found in.
    pub text: String,
    /// Char offset of the mention.
    #[serde(skip)]
    pub start: usize,
    /// End char offset of the mention.
    #[serde(skip)]
    pub end: usize,
}

/// Where an event happened.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Location {
    /// English place name; `None` when only the country is known.
    pub name: Option<String>,
    /// ISO3 country.
    pub country: String,
    /// Latitude, when the gazetteer has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// One coded event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Event {
    /// The document it was coded from.
    pub doc: String,
    /// True on the one event the report is about.
    pub headline: bool,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `None`.
    pub date: Option<String>,
    /// The words the date came from, and how it was anchored.
    pub date_text: Option<String>,
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER CONSULT mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// occurred, planned or negated.
    pub status: String,
    /// Who acted.
    pub source: Option<Actor>,
    /// Who was acted upon.
    pub target: Option<Actor>,
    /// Where.
    pub location: Option<Location>,
    /// The spans the event was coded from: the clause, then the trigger.
    pub evidence: Vec<Span>,
    /// The trigger model's probability that this is an event of this type (None when no model
    /// decided it, or for events read back from a store that did not keep it).
    #[serde(default)]
    pub confidence: Option<f64>,
    /// For an attack, the number of dead its sentence gives, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub killed: Option<u32>,
    /// For an attack, the number of wounded its sentence gives, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u32>,
}

//! Event coding: from one cleaned document to actor-coded, dated, located events.
//!
//! The coder recognises actor mentions with the dictionaries of [`rasd_dict`] (names, titles with
//! country adjectives, institutions, back-references such as «نظيره الروسي» and «الجانبان», partial
//! names after a first full mention), finds event triggers, attributes source and target in SVO and
//! VSO clauses, resolves each event's date with [`rasd_time`] and its place with the gazetteer, and
//! marks the one headline event of the report. Every event keeps the character spans of its evidence.
#![deny(missing_docs)]

mod events;
pub mod learn;
mod mentions;
mod model;

pub use model::*;

use rasd_dict::Dict;

/// A document as the coder needs it.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    /// Name used in the `doc` field of events.
    pub name: &'a str,
    /// The original text.
    pub text: &'a str,
    /// Publication date or timestamp (`YYYY-MM-DD…`), if known.
    pub published: Option<&'a str>,
    /// Char spans of page-furniture lines, from which no event is coded.
    pub furniture: &'a [(usize, usize)],
}

/// The event coder, holding its dictionaries.
pub struct Coder {
    dict: Dict,
    split: events::SplitPhrases,
    model: learn::Model,
    roles: learn::Model,
    threshold: f64,
    incomplete: f64,
}

/// The trigger model embedded at build time (`data/models/trigger.tsv`, made by `rasd train`).
pub const TRIGGER_MODEL: &str = include_str!("../../../data/models/trigger.tsv");

/// The role model embedded at build time (`data/models/roles.tsv`, made by `rasd train`).
pub const ROLE_MODEL: &str = include_str!("../../../data/models/roles.tsv");

/// The default probability from which an event with its source or target missing is kept.
pub const DEFAULT_INCOMPLETE: f64 = 0.7;

/// The default probability below which a trigger candidate is not coded.
pub const DEFAULT_THRESHOLD: f64 = 0.3;

impl Coder {
    /// A coder over the given dictionaries, with the embedded trigger model.
    pub fn new(dict: Dict) -> Self {
        let split = events::SplitPhrases::new(&dict);
        let model = learn::Model::parse(TRIGGER_MODEL).unwrap_or_default();
        let roles = learn::Model::parse(ROLE_MODEL).unwrap_or_default();
        Coder {
            dict,
            split,
            model,
            roles,
            threshold: DEFAULT_THRESHOLD,
            incomplete: DEFAULT_INCOMPLETE,
        }
    }

    /// The same coder with another trigger model (an empty one codes every candidate, as the rules
    /// alone do), role model (an empty one leaves source and target to the rules) and threshold.
    pub fn with_models(mut self, model: learn::Model, roles: learn::Model, threshold: f64) -> Self {
        self.model = model;
        self.roles = roles;
        self.threshold = threshold;
        self
    }

    /// The same coder with the embedded models and another threshold.
    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }

    /// Replaces the models and threshold in place (see [`Coder::with_models`]).
    pub fn set_models(&mut self, model: learn::Model, roles: learn::Model, threshold: f64) {
        self.model = model;
        self.roles = roles;
        self.threshold = threshold;
    }

    /// Sets, in place, the confidence from which an event with an actor missing is kept (see
    /// [`Coder::keep_incomplete`]).
    pub fn set_incomplete(&mut self, min: f64) {
        self.incomplete = min;
    }

    /// The same coder keeping the events whose source or target it could not find when the trigger
    /// model is at least `min` sure of them (0: all of them; above 1: none).
    pub fn keep_incomplete(mut self, min: f64) -> Self {
        self.incomplete = min;
        self
    }

    /// Code `text` (published on `published`) and return, for every event, the argument candidates
    /// the role model chooses among: the examples `rasd train` learns roles from.
    pub fn role_cases(&self, text: &str, published: Option<&str>) -> Vec<learn::RoleCase> {
        let doc = DocInput {
            name: "",
            text,
            published,
            furniture: &[],
        };
        events::code_collect(&self.dict, &self.split, &self.models(), &doc, true).1
    }

    fn models(&self) -> events::Models<'_> {
        events::Models {
            trigger: &self.model,
            roles: &self.roles,
            threshold: self.threshold,
            incomplete: self.incomplete,
        }
    }

    /// Every trigger candidate of `text` (a sentence or a document) with its character span, PLOVER
    /// type and model features: the examples `rasd train` learns from.
    pub fn candidates(&self, text: &str) -> Vec<learn::Candidate> {
        events::candidates(&self.dict, text)
    }

    /// The dictionaries.
    pub fn dict(&self) -> &Dict {
        &self.dict
    }

    /// What the coder saw in a document, one line per item: the sentences, the actor mentions
    /// (with what they resolved to), the places and the triggers, each with its words. For
    /// checking a dictionary entry or finding why an event was (not) coded.
    pub fn explain(&self, doc: &DocInput) -> String {
        events::explain(&self.dict, doc)
    }

    /// Code one document.
    pub fn code(&self, doc: &DocInput) -> Vec<Event> {
        events::code(&self.dict, &self.split, &self.models(), doc)
    }
}

#[cfg(test)]
mod tests;

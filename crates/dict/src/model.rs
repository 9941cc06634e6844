//! The plain types of the dictionary files (see `data/README.md`).
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub(crate) struct FileModel {
    #[serde(default)]
    pub country: Vec<Country>,
    #[serde(default)]
    pub place: Vec<Place>,
    #[serde(default)]
    pub org: Vec<Org>,
    #[serde(default)]
    pub person: Vec<Person>,
    #[serde(default)]
    pub title: Vec<Title>,
    #[serde(default)]
    pub honorific: Vec<Honorific>,
    #[serde(default)]
    pub generic: Vec<Generic>,
    #[serde(default)]
    pub trigger: Vec<Trigger>,
    #[serde(default)]
    pub agency: Vec<Agency>,
    #[serde(default)]
    pub lemma: Vec<LexLemma>,
    #[serde(default)]
    pub not_event: Vec<NotEvent>,
    #[serde(default, rename = "default")]
    pub default_actor: Vec<DefaultActor>,
    #[serde(default)]
    pub casualties: Option<Casualties>,
}

/// The words that count the dead and the wounded of an attack.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Casualties {
    /// Words of the dead («قتلى», «مقتل»).
    #[serde(default)]
    pub killed: Vec<String>,
    /// Words of the wounded («جرحى», «إصابة»).
    #[serde(default)]
    pub injured: Vec<String>,
    /// Numbers written as words.
    #[serde(default)]
    pub numbers: std::collections::BTreeMap<String, u32>,
}

/// Who stands in a role the text leaves unnamed, for a type of event whose actor is always there
/// (a protest has protesters, an attack attackers), in the country where the event happens.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultActor {
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// "source" or "target".
    pub role: String,
    /// English name; «{country}» is replaced by the country's name (alone: the state).
    pub name: String,
    /// Sector.
    pub sector: String,
    /// Provenance.
    #[serde(default)]
    pub from: String,
}

/// One lemma of the event lexicon (`data/lexicon/README.md`): the analyser finds all its forms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexLemma {
    /// The lemma: a verb's perfect 3ms, a noun's singular.
    pub ar: String,
    /// "verb" or "noun".
    pub pos: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// CAMEO code.
    pub cameo: String,
    /// Frame: the argument that is the source.
    #[serde(default)]
    pub source: String,
    /// Frame: the argument that is the target.
    #[serde(default)]
    pub target: String,
    /// Derived form, when the spelling is ambiguous.
    #[serde(default)]
    pub form: Option<u8>,
    /// The 3ms imperfect of a hollow or defective form I verb.
    #[serde(default)]
    pub imperfect: Option<String>,
    /// Broken plurals of a noun.
    #[serde(default)]
    pub plural: Vec<String>,
    /// CONSULT mode.
    #[serde(default)]
    pub mode: Option<String>,
    /// The subject hosts.
    #[serde(default)]
    pub host: bool,
    /// Arriving at a place.
    #[serde(default)]
    pub arrive: bool,
    /// A verb of inviting.
    #[serde(default)]
    pub invite: bool,
    /// A reporting verb that only frames another event.
    #[serde(default)]
    pub speech: bool,
    /// A light verb's noun: the lemma means the event only with this word after it.
    #[serde(default)]
    pub with: Option<String>,
    /// Words right after the lemma that give it another sense («مؤتمر صحفي» is a press conference).
    #[serde(default)]
    pub except: Vec<String>,
    /// A preposition the lemma means the event only with, somewhere in the few words after it
    /// («تواصل مع»: was in contact with; «تواصل» alone: continued).
    #[serde(default)]
    pub needs: Option<String>,
    /// Provenance: hand, upetr, train.
    #[serde(default)]
    pub from: String,
    /// A sense to keep apart.
    #[serde(default)]
    pub note: String,
}

/// Verb lemmas decided as not events.
#[derive(Debug, Clone, Deserialize)]
pub struct NotEvent {
    /// The lemmas.
    pub ar: Vec<String>,
    /// Provenance.
    #[serde(default)]
    pub from: String,
    /// Why.
    #[serde(default)]
    pub note: String,
}

/// A national news agency: a title with no country in its copy («وزير الخارجية») is its state's.
#[derive(Debug, Clone, Deserialize)]
pub struct Agency {
    /// Arabic names as they appear in datelines.
    #[serde(default)]
    pub ar: Vec<String>,
    /// ISO3 of its state.
    pub country: String,
}

/// A state.
#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// English short name.
    pub name: String,
    /// Arabic names.
    #[serde(default)]
    pub ar: Vec<String>,
    /// Arabic nisba adjectives.
    #[serde(default)]
    pub adj: Vec<String>,
    /// English name of the capital.
    #[serde(default)]
    pub capital: String,
    /// Arabic names of the capital (used as metonyms).
    #[serde(default)]
    pub capital_ar: Vec<String>,
}

/// A gazetteer entry.
#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    /// English name.
    pub name: String,
    /// ISO3 of its country.
    pub country: String,
    /// Arabic forms.
    #[serde(default)]
    pub ar: Vec<String>,
    /// Latitude.
    #[serde(default)]
    pub lat: f64,
    /// Longitude.
    #[serde(default)]
    pub lon: f64,
    /// capital, city, region or site.
    #[serde(default)]
    pub kind: String,
}

/// An organisation or institution.
#[derive(Debug, Clone, Deserialize)]
pub struct Org {
    /// Identifier.
    pub id: String,
    /// English name.
    pub name: String,
    /// ISO3 of the state it belongs to, "" for international ones.
    #[serde(default)]
    pub country: String,
    /// Sector code.
    #[serde(default = "gov")]
    pub sector: String,
    /// Arabic forms.
    #[serde(default)]
    pub ar: Vec<String>,
    /// Where its meetings happen (a place name).
    #[serde(default)]
    pub seat: String,
}

fn gov() -> String {
    "GOV".to_string()
}

/// A role held over a period.
#[derive(Debug, Clone, Deserialize)]
pub struct Role {
    /// Role name (see data/README.md).
    pub role: String,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub from: String,
    /// Last day, empty while in office.
    #[serde(default)]
    pub to: String,
    /// Sector when not GOV.
    #[serde(default)]
    pub sector: Option<String>,
    /// Organisation the role belongs to.
    #[serde(default)]
    pub org: Option<String>,
}

impl Role {
    /// Whether the role was held on `date` (`YYYY-MM-DD`; prefixes such as `YYYY-MM` compare by prefix).
    pub fn covers(&self, date: &str) -> bool {
        if date.is_empty() {
            return self.to.is_empty();
        }
        let n = date.len().min(10);
        let from_ok = self.from.is_empty() || self.from[..n.min(self.from.len())] <= date[..n];
        let to_ok = self.to.is_empty() || self.to[..n.min(self.to.len())] >= date[..n];
        from_ok && to_ok
    }
}

/// A person.
#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    /// Identifier.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// ISO3, or "" for officials of international organisations.
    #[serde(default)]
    pub country: String,
    /// Full Arabic names.
    #[serde(default)]
    pub ar: Vec<String>,
    /// Safe short forms.
    #[serde(default)]
    pub short: Vec<String>,
    /// Roles over time.
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl Person {
    /// The role held on `date`, else the last one.
    pub fn role_at(&self, date: Option<&str>) -> Option<&Role> {
        match date {
            Some(d) => self
                .roles
                .iter()
                .filter(|r| r.covers(d))
                // a state office before a party or other office held at the same time
                .min_by_key(|r| r.sector.as_deref().is_some_and(|s| s != "GOV"))
                .or(self.roles.last()),
            None => self.roles.last(),
        }
    }
}

/// A title, role word or institution pattern.
#[derive(Debug, Clone, Deserialize)]
pub struct Title {
    /// Arabic forms.
    #[serde(default)]
    pub ar: Vec<String>,
    /// Role it names.
    #[serde(default)]
    pub role: Option<String>,
    /// Sector.
    #[serde(default)]
    pub sector: Option<String>,
    /// Fixed country (e.g. «خادم الحرمين الشريفين» → SAU).
    #[serde(default)]
    pub country: Option<String>,
    /// «نظيره»: the same role as the actor referred to.
    #[serde(default)]
    pub counterpart: bool,
    /// Names two holders («وزيرا الخارجية»).
    #[serde(default)]
    pub dual: bool,
    /// Institution name template, `{country}` replaced.
    #[serde(default)]
    pub institution: Option<String>,
    /// The title names one person even without a role of its own (a deputy, an assistant, a minister
    /// of a portfolio with no listed holders): a name next to it is that person.
    #[serde(default)]
    pub person: bool,
    /// Definite and with no name next to it («المسؤولة الأمريكية»), the title refers back to the
    /// last person of its country the document named.
    #[serde(default)]
    pub anaphor: bool,
    /// The title names a person only with the article («الصحفي الأمريكي»; «مؤتمر صحفي» is a press
    /// conference).
    #[serde(default)]
    pub definite: bool,
    /// An unnamed group («مسلحون», «المتظاهرون», «الشرطة»): with no country named next to it, it
    /// belongs to the country where the sentence happens (its place, else the wire dateline's), and
    /// with none there it is still an actor, without a country.
    #[serde(default)]
    pub local: bool,
}

/// A word skipped before names.
#[derive(Debug, Clone, Deserialize)]
pub struct Honorific {
    /// Arabic forms.
    #[serde(default)]
    pub ar: Vec<String>,
}

/// A word that refers back to actors already named.
#[derive(Debug, Clone, Deserialize)]
pub struct Generic {
    /// Arabic forms.
    #[serde(default)]
    pub ar: Vec<String>,
    /// `pair`, `own_country` or `this_country`.
    #[serde(default)]
    pub refers: String,
    /// For a pair: the role its two members hold («رئيسا البلدين»: `head_of_state`).
    #[serde(default)]
    pub role: Option<String>,
}

/// An event trigger.
#[derive(Debug, Clone, Deserialize)]
pub struct Trigger {
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// CAMEO code.
    pub cameo: String,
    /// CONSULT mode.
    #[serde(default)]
    pub mode: Option<String>,
    /// verb or noun.
    #[serde(default)]
    pub pos: String,
    /// Subject is the host.
    #[serde(default)]
    pub host: bool,
    /// Arriving at a place.
    #[serde(default)]
    pub arrive: bool,
    /// Reporting verb only.
    #[serde(default)]
    pub speech: bool,
    /// A verb of inviting («دعا», «يدعو»): followed by a visit or a meeting («لزيارة», «إلى قمة»), it
    /// announces that meeting, with the invitee as the visitor.
    #[serde(default)]
    pub invite: bool,
    /// Arabic forms.
    #[serde(default)]
    pub ar: Vec<String>,
}

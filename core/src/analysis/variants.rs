//! British and American spellings as one term (`defence` = `defense`).
//!
//! Every folded term passes through [`american`]: the index stores the
//! American form and queries are mapped the same way, so either spelling finds
//! both. The rules are deliberately narrow (a list of stems and a few safe
//! suffixes): a wrong rule would merge unrelated words, a missing one only
//! costs a match that stemming or typo tolerance may still find.

use std::borrow::Cow;

/// Whole words whose British form differs irregularly: the American form.
/// A `match`, so the compiler dispatches on length before comparing bytes.
fn irregular(term: &str) -> Option<&'static str> {
    Some(match term {
        "aeroplane" => "airplane",
        "aeroplanes" => "airplanes",
        "ageing" => "aging",
        "aluminium" => "aluminum",
        "analogue" => "analog",
        "analogues" => "analogs",
        "calibre" => "caliber",
        "catalogue" => "catalog",
        "catalogues" => "catalogs",
        "centre" => "center",
        "centred" => "centered",
        "centres" => "centers",
        "cheque" => "check",
        "cheques" => "checks",
        "counsellor" => "counselor",
        "counsellors" => "counselors",
        "defence" => "defense",
        "defenceless" => "defenseless",
        "defences" => "defenses",
        "dialogue" => "dialog",
        "dialogues" => "dialogs",
        "enrol" => "enroll",
        "enrolment" => "enrollment",
        "fibre" => "fiber",
        "fibres" => "fibers",
        "fulfil" => "fulfill",
        "fulfilment" => "fulfillment",
        "grey" => "gray",
        "jewellery" => "jewelry",
        "judgement" => "judgment",
        "judgements" => "judgments",
        "kilometre" => "kilometer",
        "kilometres" => "kilometers",
        "licence" => "license",
        "licences" => "licenses",
        "litre" => "liter",
        "litres" => "liters",
        "manoeuvre" => "maneuver",
        "manoeuvres" => "maneuvers",
        "metre" => "meter",
        "metres" => "meters",
        "offence" => "offense",
        "offences" => "offenses",
        "pretence" => "pretense",
        "programme" => "program",
        "programmes" => "programs",
        "sceptical" => "skeptical",
        "sombre" => "somber",
        "spectre" => "specter",
        "theatre" => "theater",
        "theatres" => "theaters",
        "travelled" => "traveled",
        "traveller" => "traveler",
        "travellers" => "travelers",
        "travelling" => "traveling",
        "tyre" => "tire",
        "tyres" => "tires",
        _ => return None,
    })
}

/// Stems spelt `-our` in British English; any word starting with one
/// (`honourable`, `neighbouring`) drops the `u`.
const OUR_STEMS: &[&str] = &[
    "ardour",
    "armour",
    "behaviour",
    "candour",
    "clamour",
    "colour",
    "endeavour",
    "favour",
    "fervour",
    "flavour",
    "harbour",
    "honour",
    "humour",
    "labour",
    "neighbour",
    "odour",
    "parlour",
    "rancour",
    "rigour",
    "rumour",
    "saviour",
    "savour",
    "splendour",
    "tumour",
    "valour",
    "vapour",
    "vigour",
];

/// Verb stems spelt `-ise`/`-yse` in British English (`organis` + `e`, `ed`,
/// `ing`, `ation` …). A list, because `-ise` is not a safe rule (`exercise`,
/// `promise`, `precise`).
const ISE_STEMS: &[&str] = &[
    "analys",
    "apologis",
    "authoris",
    "capitalis",
    "categoris",
    "centralis",
    "characteris",
    "civilis",
    "criticis",
    "democratis",
    "emphasis",
    "finalis",
    "globalis",
    "harmonis",
    "industrialis",
    "institutionalis",
    "legalis",
    "liberalis",
    "maximis",
    "memoris",
    "minimis",
    "mobilis",
    "modernis",
    "normalis",
    "optimis",
    "organis",
    "paralys",
    "penalis",
    "prioritis",
    "privatis",
    "realis",
    "recognis",
    "revolutionis",
    "specialis",
    "stabilis",
    "standardis",
    "summaris",
    "symbolis",
    "sympathis",
    "synchronis",
    "utilis",
    "visualis",
];

/// Endings that may follow an `-ise` stem. `emphasis` alone is the noun, so
/// the bare stem is never rewritten.
const ISE_ENDINGS: &[&str] = &["e", "ed", "es", "ing", "er", "ers", "ation", "ations"];

/// The American spelling of a folded term, or the term itself.
pub fn american(term: &str) -> Cow<'_, str> {
    // Called for every token: most words are rejected by length or by a
    // scan for the letter pairs the rules need ("ou" in -our stems, "is"/"ys"
    // in -ise/-yse stems) before any stem list is searched.
    let bytes = term.as_bytes();
    if bytes.len() < 4 {
        return Cow::Borrowed(term);
    }
    if let Some(american) = irregular(term) {
        return Cow::Borrowed(american);
    }
    let has = |pair: &[u8; 2]| bytes.windows(2).any(|w| w == pair);
    if !(has(b"ou") || has(b"is") || has(b"ys")) {
        return Cow::Borrowed(term); // the rules below cannot apply: most words stop here
    }
    if let Some(stem) = OUR_STEMS.iter().find(|stem| term.starts_with(*stem)) {
        let rest = &term[stem.len()..];
        return Cow::Owned(format!("{}{}{rest}", &stem[..stem.len() - 2], "r"));
    }
    for stem in ISE_STEMS {
        if let Some(ending) = term.strip_prefix(stem) {
            if ISE_ENDINGS.contains(&ending) {
                return Cow::Owned(format!("{}z{ending}", &stem[..stem.len() - 1]));
            }
        }
    }
    Cow::Borrowed(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_spellings_become_american() {
        for (british, american_form) in [
            ("defence", "defense"),
            ("centre", "center"),
            ("programme", "program"),
            ("organisation", "organization"),
            ("organised", "organized"),
            ("recognising", "recognizing"),
            ("analyse", "analyze"),
            ("honourable", "honorable"),
            ("neighbours", "neighbors"),
            ("colour", "color"),
        ] {
            assert_eq!(american(british), american_form, "{british}");
        }
    }

    #[test]
    fn american_and_unrelated_words_are_unchanged() {
        for word in
            ["defense", "center", "exercise", "promise", "precise", "emphasis", "four", "hour", "central", "organ"]
        {
            assert_eq!(american(word), word);
        }
    }
}

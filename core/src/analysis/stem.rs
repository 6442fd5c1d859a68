//! Stemmers by language: the Snowball algorithms of `rust-stemmers`, one
//! function per language, so that a program links only those it names.
//!
//! The build script stems each article with the stemmer of its language
//! ([`stemmer`], which names them all: build time only). The wasm module
//! names only the languages of its index, in a table the build script
//! writes ([`STEMMER_FUNCTIONS`] says what to call each one), so an index of
//! English articles carries one stemmer, not eighteen.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// A language's stemmer: a folded surface term to its stem.
pub type StemFn = for<'t> fn(&'t str) -> Cow<'t, str>;

macro_rules! stemmers {
    ($($name:ident $algorithm:ident $($code:literal)|+;)*) => {
        $(
            #[doc = concat!("The ", stringify!($algorithm), " Snowball stemmer.")]
            pub fn $name(term: &str) -> Cow<'_, str> {
                Stemmer::create(Algorithm::$algorithm).stem(term)
            }
        )*

        /// The stemmer of a language, by the primary subtag of its tag
        /// (`fr`, `pt`), or `None` when Snowball has none (`vi`, `ja`).
        /// Names every stemmer: the wasm module uses its own table instead.
        pub fn stemmer(lang: &str) -> Option<StemFn> {
            match lang {
                $($($code)|+ => Some($name as StemFn),)*
                _ => None,
            }
        }

        /// The name of each language's stemmer function in this module
        /// (`fr` -> `french`), for the table the build script writes.
        pub const STEMMER_FUNCTIONS: &[(&str, &str)] = &[$($(($code, stringify!($name)),)+)*];
    };
}

stemmers! {
    arabic Arabic "ar";
    danish Danish "da";
    dutch Dutch "nl";
    english English "en";
    finnish Finnish "fi";
    french French "fr";
    german German "de";
    greek Greek "el";
    hungarian Hungarian "hu";
    italian Italian "it";
    norwegian Norwegian "no" | "nb" | "nn";
    portuguese Portuguese "pt";
    romanian Romanian "ro";
    russian Russian "ru";
    spanish Spanish "es";
    swedish Swedish "sv";
    tamil Tamil "ta";
    turkish Turkish "tr";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_joins_word_families() {
        assert_eq!(english("cooperating"), english("cooperation"));
        assert_eq!(english("dialogs"), english("dialog"));
        assert_eq!(english("ministries"), english("ministry"));
    }

    #[test]
    fn french_plurals_meet_their_singulars() {
        // Folded terms, as the analyzer gives them.
        assert_eq!(french("cooperations"), french("cooperation"));
        assert_eq!(french("armees"), french("armee"));
        assert_eq!(french("delegations"), french("delegation"));
    }

    #[test]
    fn every_listed_language_has_its_function() {
        for (code, name) in STEMMER_FUNCTIONS {
            assert!(stemmer(code).is_some(), "{code} ({name})");
        }
        assert!(stemmer("vi").is_none() && stemmer("").is_none() && stemmer("EN").is_none());
    }
}

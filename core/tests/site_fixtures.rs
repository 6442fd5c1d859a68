//! The fixture site of `tests/fixtures/site/` (built HTML pages, Markdown with
//! YAML front matter, a text note; English, French and Vietnamese), each file
//! loaded through the public API as the build script loads it.
#![cfg(feature = "input")]

use article_search_core::{load_file, Document, Loaded};

const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/site");

fn load(path: &str) -> Loaded {
    let bytes = std::fs::read(format!("{SITE}/{path}")).unwrap();
    load_file(path, &bytes, "/").unwrap()
}

/// The document at `path`, which must load without a warning.
fn document(path: &str) -> Document {
    match load(path) {
        Loaded::Document { document, warnings } => {
            assert!(warnings.is_empty(), "{path}: {warnings:?}");
            document
        }
        Loaded::Skipped { reason } => panic!("{path} skipped: {reason}"),
    }
}

const PAGES: &[&str] = &[
    "index.html",
    "about/index.html",
    "news/2024/belousov-visit/index.html",
    "news/2024/strategic-dialogue.html",
    "vi/hop-tac-quoc-phong/index.html",
];

#[test]
fn page_ids_urls_and_titles_come_from_the_paths_and_the_pages() {
    let expected = [
        ("index", "/", "Defence Weekly"),
        ("about/index", "/about/", "About Defence Weekly"),
        (
            "news/2024/belousov-visit/index",
            "/news/2024/belousov-visit/",
            "Belousov visits Hà Nội for talks on defence cooperation",
        ),
        (
            "news/2024/strategic-dialogue",
            "https://defence-weekly.example/news/2024/strategic-dialogue/",
            "Vietnam and Russia hold their seventh defence strategic dialogue",
        ),
        (
            "vi/hop-tac-quoc-phong/index",
            "/vi/hop-tac-quoc-phong/",
            "Hợp tác quốc phòng là trụ cột của quan hệ Việt Nam – Nga",
        ),
    ];
    for (path, (id, url, title)) in PAGES.iter().zip(expected) {
        let doc = document(path);
        assert_eq!((doc.id.as_str(), doc.url.as_deref(), doc.title.as_str()), (id, Some(url), title), "{path}");
    }
}

#[test]
fn navigation_headers_footers_sidebars_and_ignored_parts_are_not_body_text() {
    for path in PAGES {
        let doc = document(path);
        for word in [
            "Subscribe",
            "Privacy",
            "Newsletter",
            "Trending",
            "Cam Ranh",
            "Facebook",
            "analytics",
            "Comments",
            "Search",
        ] {
            assert!(!doc.body.contains(word), "{path}: `{word}` is in the body:\n{}", doc.body);
        }
        assert!(!doc.body.contains(&doc.title), "{path}: the title heading is not repeated in the body");
    }
    let doc = document("news/2024/belousov-visit/index.html");
    assert_eq!(
        doc.body,
        "Russian Defence Minister Andrey Belousov arrived in Hà Nội on Wednesday for two days of talks with General \
         Phan Văn Giang on military training and the Tropical Centre.\n\n\
         What was agreed\n\n\
         Annual staff exchanges between the two academies\nA joint search-and-rescue exercise in 2025\n\n\
         Cooperation is built on trust that goes back decades, Giang said.\n\n\
         Delegation | Led by\nRussia | Andrey Belousov\nVietnam | Phan Văn Giang\n\n\
         The visit ends on Thursday with a wreath-laying at the Hồ Chí Minh Mausoleum."
    );
    let about = document("about/index.html");
    assert!(
        about.body.starts_with("An independent newsroom") && about.body.ends_with("within a week."),
        "{}",
        about.body
    );
}

#[test]
fn page_metadata_from_data_attributes_and_meta_tags() {
    let doc = document("news/2024/belousov-visit/index.html");
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.date.as_deref(), Some("2024-08-14T10:00:00+07:00"), "article:published_time before <time>");
    assert_eq!(doc.author, ["Trần Thu Hà"], "the page's data-search-filter before <meta name=author>");
    assert_eq!(doc.tags, ["defence", "Russia"]);
    assert_eq!(doc.category, ["Diplomacy"]);
    assert_eq!(doc.filters["region"], ["Southeast Asia"]);
    assert_eq!(doc.meta["image"], ["/img/belousov.jpg"]);
    assert_eq!(doc.meta["image_alt"], ["Belousov and Giang"]);

    let doc = document("news/2024/strategic-dialogue.html");
    assert_eq!(doc.date.as_deref(), Some("2024-12-26T09:30:00+07:00"));
    assert_eq!(doc.tags, ["defence", "diplomacy"]);
    assert!(doc.body.starts_with("Dialogue\n\nDeputy ministers") && doc.body.ends_with("next year."), "{}", doc.body);

    let doc = document("vi/hop-tac-quoc-phong/index.html");
    assert_eq!(doc.lang.as_deref(), Some("vi"));
    assert_eq!(doc.date.as_deref(), Some("2024-12-26"));
    assert_eq!(doc.tags, ["quốc phòng", "Nga"]);
    assert_eq!(doc.body.split("\n\n").count(), 3, "three paragraphs: {}", doc.body);
}

#[test]
fn pages_marked_to_be_left_out_are_skipped_with_a_reason() {
    for (path, why) in [("drafts/unpublished.html", "data-search-ignore"), ("search/index.html", "noindex")] {
        match load(path) {
            Loaded::Skipped { reason } => assert!(reason.contains(why), "{path}: {reason}"),
            other => panic!("{path} is not skipped: {other:?}"),
        }
    }
}

#[test]
fn markdown_front_matter_and_every_word_of_the_body() {
    let doc = document("posts/2024/army-forum.md");
    assert_eq!((doc.id.as_str(), doc.url.as_deref()), ("posts/2024/army-forum", None));
    assert_eq!(doc.title, "Giang leads a delegation to the ARMY-2024 forum");
    assert_eq!(doc.date.as_deref(), Some("2024-08-12T09:00:00+03:00"));
    assert_eq!(doc.tags, ["defence", "Russia", "ARMY-2024"]);
    assert_eq!(doc.category, ["News", "Europe"]);
    assert_eq!(doc.author, ["Nguyễn Minh Anh"]);
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.meta["series"], ["Moscow visits"]);
    assert_eq!(
        doc.body,
        "General Phan Văn Giang leads a high-ranking delegation to the 10th International Military-Technical Forum \
         ARMY-2024 near Moscow, and to the inauguration of a monument to Vietnamese volunteers.\n\n\
         The programme\n\n\
         Talks with Defence Minister Andrey Belousov\nA visit to the Patriot Park exhibition\n\
         The monument at Chernogolovka, unveiled on 15 August\n\n\
         Day | Event\n12 August | Arrival in Moscow\n13 August | Forum opening\n\n\
         Delegation code: VN-ARMY-2024\n\n\
         The visit deepens the traditional friendship, the minister said."
    );

    // No title in the front matter and no heading: the first line is the
    // title, clipped, and stays whole in the body.
    let doc = document("posts/2023/defence-white-paper.md");
    assert_eq!(
        doc.title,
        "The new defence white paper, published in Hà Nội on Monday after two years of consultation…"
    );
    assert!(doc.body.starts_with(
        "The new defence white paper, published in Hà Nội on Monday after two years of consultation with the \
         National Assembly, sets out four principles for the years to 2030. It restates the four noes"
    ));
    assert!(doc.body.ends_with("\n\nThe paper also describes the militia reform in detail."), "{}", doc.body);
    assert_eq!(
        (doc.date.as_deref(), doc.tags.as_slice()),
        (Some("2023-08-14"), ["defence", "policy"].map(String::from).as_slice())
    );

    let doc = document("posts/fr/cooperation-defense.md");
    assert_eq!((doc.lang.as_deref(), doc.date.as_deref()), (Some("fr"), Some("2024-08-14")));
    assert_eq!(
        (doc.category.as_slice(), doc.author.as_slice()),
        (["Analyses".to_string()].as_slice(), ["Claire Dubois".to_string()].as_slice())
    );
    assert!(doc.body.contains("coopérations") && doc.body.contains("\n\nDes centres de recherche partagés\n\n"));
}

#[test]
fn text_with_bare_front_matter_lines() {
    let doc = document("notes/plain-note.txt");
    assert_eq!((doc.title.as_str(), doc.date.as_deref()), ("Editor's note on naming", Some("2024-01-05")));
    assert!(doc.body.starts_with("We write Việt Nam"));
}

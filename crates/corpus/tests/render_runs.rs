//! Paragraph runs (`corpus::render::runs`) over a small compiled corpus: the text is
//! covered exactly once, and marks (entities, emphasis, hits, figures) overlap correctly.

use corpus::render::{runs, Run};
use corpus::{Engine, EntityKind};
use corpus_index::{compile, DataSet, Source};

fn engine() -> Engine {
    let ds = DataSet {
        gazetteer: Some(Source {
            name: "g".into(),
            text: "@entity lima\nname: Lima\nkind: place\nalias: Lima\ndescription: d\n\n@entity takeover\nname: takeover of Lima\nkind: event\nalias: takeover of Lima\ndescription: d\n".into(),
        }),
        raw: vec![Source { name: "raw/a.txt".into(), text: "# T\n\nAna Ruiz\n1 May 2023\n\nIn Lima, the *takeover of Lima* drew at least 20,000 people to Lima.".into() }],
        ..DataSet::default()
    };
    Engine::new(compile(&ds).unwrap().corpus)
}

#[test]
fn runs_cover_the_text_exactly_once() {
    let e = engine();
    let text = &e.corpus().articles[0].paragraphs[0].text;
    let r = runs(&e, 0, 0, &[(0, 2)]);
    let joined: String = r
        .iter()
        .map(|r| &text[r.start as usize..r.end as usize])
        .collect();
    assert_eq!(&joined, text);
    assert!(r.windows(2).all(|w| w[0].end == w[1].start));
}

#[test]
fn marks_overlap_correctly() {
    let e = engine();
    let text = e.corpus().articles[0].paragraphs[0].text.clone();
    let find = |s: &str| text.find(s).unwrap() as u32;
    let hit_start = find("Lima drew");
    let r = runs(&e, 0, 0, &[(hit_start, hit_start + 4)]);
    let piece = |r: &Run| text[r.start as usize..r.end as usize].to_string();
    let lima = r
        .iter()
        .find(|x| piece(x) == "Lima" && x.start == find("Lima"))
        .unwrap();
    assert_eq!(lima.entity.map(|x| x.1), Some(EntityKind::Place));
    // The emphasised event mention: emphasis and entity together, the hit inside it split off.
    let ev: Vec<&Run> = r
        .iter()
        .filter(|x| x.entity.map(|y| y.1) == Some(EntityKind::Event))
        .collect();
    assert_eq!(
        ev.iter().map(|x| piece(x)).collect::<String>(),
        "takeover of Lima"
    );
    assert!(ev.iter().all(|x| x.emphasis == Some(false)));
    assert!(ev.iter().any(|x| x.hit && piece(x) == "Lima"));
    assert!(ev[0].entity.unwrap().2, "first run starts the mention");
    assert!(ev.iter().skip(1).all(|x| !x.entity.unwrap().2));
    let fig: String = r.iter().filter(|x| x.figure.is_some()).map(piece).collect();
    assert_eq!(fig, "at least 20,000 people");
}

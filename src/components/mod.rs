//! One component per widget. Components render what the store holds and dispatch
//! actions; the rules live in the `corpus` crate (view models in `corpus::view`).

pub mod compare;
pub mod entity_card;
pub mod event_card;
pub mod export;
pub mod filters;
pub mod link;
pub mod matrix;
pub mod measure_card;
pub mod notices;
pub mod paragraph;
pub mod parts;
pub mod reader;
pub mod results;
pub mod search_box;
pub mod timeline;

use corpus::EntityKind;

/// The label of a kind, plural ("People").
pub fn kind_plural(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
        EntityKind::Event => "Named events",
    }
}

/// The label of a kind, singular ("person").
pub fn kind_singular(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Event => "named event",
    }
}

/// A value shared between components (query results by default); equal when it is the
/// same computation, so a reader re-renders only when it was computed anew.
#[derive(Debug)]
pub struct Shared<T = corpus::Results>(pub std::rc::Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The current results, re-rendering the caller when they are computed anew.
#[yew::hook]
pub fn use_results() -> Shared {
    (*crate::store::use_select(|s| Shared(s.results.clone()))).clone()
}

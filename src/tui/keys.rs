//! Binding tables: for each context, one list of (keys, action, French label, where it shows).
//! The keymap, the footer and the `?` help are all read from the same table, so a key is added,
//! changed or described in one place (the table of its screen, next to the screen's `update`).
//!
//! A table is a plain `&'static [Binding<A>]`; a screen whose keys depend on its state (a phase
//! running, a group séance) returns the tables that apply, in order: the first binding that
//! matches a key wins.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (a character as typed, Shift included).
    Plain(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any printable character without Ctrl (AltGr included): typed text. The action's
    /// [`Fill::fill`] receives the key.
    Text,
    /// Any key at all (a text field or a panel that takes every key).
    Any,
}

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Plain(code) => !ctrl && !alt && key.code == code,
            Key::Ctrl(c) => {
                ctrl && !alt && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            // AltGr arrives as Ctrl+Alt on Windows: still a typed character.
            Key::Text => matches!(key.code, KeyCode::Char(_)) && (!ctrl || alt),
            Key::Any => true,
        }
    }
}

/// Where a binding is shown besides the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// In the footer, with this short label.
    Footer(&'static str),
    /// Only in the `?` help.
    Help,
    /// Nowhere: a variant of the binding just above (`2`, `3`… after `1–4`), or a key that only
    /// makes the screen inert (the candidate display).
    Folded,
}

/// One line of a table.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    /// The keys as the footer and the help write them: `Espace`, `1–4`, `↑ ↓`.
    pub written: &'static str,
    pub action: A,
    /// What the key does, in French, for the help.
    pub label: &'static str,
    pub shown: Shown,
}

/// Actions that take the key they were bound to (typed text, a key for a field).
pub trait Fill: Copy {
    /// The action for `key`; by default the table's action as it is.
    fn fill(self, _key: &KeyEvent) -> Self {
        self
    }
}

/// The action of `key` in `tables` (the first match), `None` when no binding takes it.
pub fn lookup<A: Fill>(tables: &[&'static [Binding<A>]], key: &KeyEvent) -> Option<A> {
    // Windows (and the kitty protocol) also report releases: act on presses only.
    if key.kind == KeyEventKind::Release {
        return None;
    }
    tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action.fill(key))
}

/// The footer entries of `tables`, in order: (keys, short label).
pub fn footer<A>(tables: &[&'static [Binding<A>]]) -> Vec<(&'static str, &'static str)> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|b| match b.shown {
            Shown::Footer(short) => Some((b.written, short)),
            _ => None,
        })
        .collect()
}

/// The help entries of `tables`, in order: (keys, label); folded variants are left out.
pub fn help<A>(tables: &[&'static [Binding<A>]]) -> Vec<(&'static str, &'static str)> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter(|b| b.shown != Shown::Folded)
        .map(|b| (b.written, b.label))
        .collect()
}

/// One binding in force, each of its keys with the action it gives (wrapped for the app): what
/// the binding test walks.
#[derive(Debug, Clone)]
pub struct Bound<W> {
    pub written: &'static str,
    pub label: &'static str,
    pub shown: Shown,
    pub keys: Vec<(KeyEvent, W)>,
}

/// The bindings of `tables`, their actions wrapped by `wrap`.
pub fn bound<A: Fill, W>(tables: &[&'static [Binding<A>]], wrap: fn(A) -> W) -> Vec<Bound<W>> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .map(|b| Bound {
            written: b.written,
            label: b.label,
            shown: b.shown,
            keys: sample_keys(b)
                .into_iter()
                .map(|k| (k, wrap(b.action.fill(&k))))
                .collect(),
        })
        .collect()
}

/// Shorthands for writing tables.
pub const fn plain(c: char) -> Key {
    Key::Plain(KeyCode::Char(c))
}

pub const ENTER: Key = Key::Plain(KeyCode::Enter);
pub const ESC: Key = Key::Plain(KeyCode::Esc);
pub const TAB: Key = Key::Plain(KeyCode::Tab);
pub const BACKTAB: Key = Key::Plain(KeyCode::BackTab);
pub const UP: Key = Key::Plain(KeyCode::Up);
pub const DOWN: Key = Key::Plain(KeyCode::Down);
pub const LEFT: Key = Key::Plain(KeyCode::Left);
pub const RIGHT: Key = Key::Plain(KeyCode::Right);
pub const BACKSPACE: Key = Key::Plain(KeyCode::Backspace);

/// A binding shown in the footer.
pub const fn foot<A>(
    keys: &'static [Key],
    written: &'static str,
    action: A,
    label: &'static str,
    short: &'static str,
) -> Binding<A> {
    Binding {
        keys,
        written,
        action,
        label,
        shown: Shown::Footer(short),
    }
}

/// A binding shown only in the help.
pub const fn help_only<A>(
    keys: &'static [Key],
    written: &'static str,
    action: A,
    label: &'static str,
) -> Binding<A> {
    Binding {
        keys,
        written,
        action,
        label,
        shown: Shown::Help,
    }
}

/// A binding written nowhere (see [`Shown::Folded`]).
pub const fn folded<A>(keys: &'static [Key], action: A) -> Binding<A> {
    Binding {
        keys,
        written: "",
        action,
        label: "",
        shown: Shown::Folded,
    }
}

/// Every key a test should try on a table: each listed key, and for [`Key::Text`] and
/// [`Key::Any`] a letter.
pub fn sample_keys<A>(b: &Binding<A>) -> Vec<KeyEvent> {
    b.keys
        .iter()
        .map(|k| match *k {
            Key::Plain(code) => KeyEvent::new(code, KeyModifiers::NONE),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Text | Key::Any => KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum A {
        One,
        Two,
        Typed(char),
    }

    impl Fill for A {
        fn fill(self, key: &KeyEvent) -> Self {
            match (self, key.code) {
                (A::Typed(_), KeyCode::Char(c)) => A::Typed(c),
                (a, _) => a,
            }
        }
    }

    const FIRST: &[Binding<A>] = &[
        foot(&[plain('a'), ENTER], "a", A::One, "un", "1"),
        help_only(&[plain('b')], "b", A::Two, "deux"),
    ];
    const TEXT: &[Binding<A>] = &[
        folded(&[plain('a')], A::Two),
        help_only(&[Key::Text], "lettres", A::Typed(' '), "texte"),
    ];

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_first_table_that_binds_a_key_wins() {
        assert_eq!(lookup(&[FIRST, TEXT], &key('a')), Some(A::One));
        assert_eq!(lookup(&[TEXT, FIRST], &key('a')), Some(A::Two));
        assert_eq!(lookup(&[FIRST, TEXT], &key('z')), Some(A::Typed('z')));
        assert_eq!(lookup(&[FIRST], &key('z')), None);
        let ctrl_a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[FIRST], &ctrl_a), None, "Ctrl-a is not a");
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            ..key('a')
        };
        assert_eq!(lookup(&[FIRST], &release), None);
    }

    #[test]
    fn footer_and_help_come_from_the_same_lines() {
        assert_eq!(footer(&[FIRST, TEXT]), [("a", "1")]);
        assert_eq!(
            help(&[FIRST, TEXT]),
            [("a", "un"), ("b", "deux"), ("lettres", "texte")]
        );
    }
}
